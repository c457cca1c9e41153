import { describe, expect, it } from 'vitest';
import { parseRange } from './serve-file.ts';

describe('parseRange', () => {
  it.each([
    ['bytes=0-9', { start: 0, end: 9 }],
    ['bytes=90-', { start: 90, end: 99 }],
    ['bytes=-10', { start: 90, end: 99 }],
    ['bytes=50-500', { start: 50, end: 99 }],
    ['bytes=100-', 'unsatisfiable'],
    ['bytes=9-3', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
  ])('reads `%s` on 100 bytes', (header, expected) => {
    expect(parseRange(header, 100)).toEqual(expected);
  });

  it.each([undefined, 'items=0-1', 'bytes=0-1,5-6', 'bytes=-'])('ignores `%s`', (header) => {
    expect(parseRange(header, 100)).toBeUndefined();
  });
});
