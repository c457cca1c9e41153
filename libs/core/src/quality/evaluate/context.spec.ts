import { describe, expect, it } from 'vitest';

import { pct } from './context.ts';

describe('pct', () => {
  it.each([
    [0.5, '50 %'],
    [0.0541, '5.41 %'],
    [0, '0 %'],
    [1 / 26075, '0.0038 %'],
  ])('renders %s as %s', (share, text) => {
    expect(pct(share)).toBe(text);
  });
});
