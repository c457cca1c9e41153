// sniffSnapshot on the real SIGA sample (tools/portal/data/aneel, LF line ends), edited as stated
// per test.
import { datasets } from '@matriz/core';
import { beforeAll, describe, expect, it } from 'vitest';

import { useSigaSample } from '../test-support/siga-sample.ts';
import { sniffSnapshot } from './sniff.ts';

const sample = useSigaSample();
let lines: string[];
beforeAll(() => {
  lines = sample.lines();
});

async function sniff(text: string) {
  return sniffSnapshot(datasets.siga, await sample.write('siga.csv', text), 'siga.csv');
}

describe('sniffSnapshot', () => {
  it('reads the data date of the real sample', async () => {
    expect((await sniff(lines.join('\n'))).dataDate).toBe('2026-10-01');
  });

  it('skips blank lines between the header and the first record', async () => {
    const text = [lines[0], '', '', ...lines.slice(1)].join('\n');
    expect((await sniff(text)).dataDate).toBe('2026-10-01');
  });

  it('reads a first record whose quoted field spans lines', async () => {
    const first = lines[1]!.replace(/;"([^"]*)"$/, ';"$1\r\nsecond line"');
    expect(first).not.toBe(lines[1]);
    const text = [lines[0], first, ...lines.slice(2)].join('\n');
    expect((await sniff(text)).dataDate).toBe('2026-10-01');
  });
});
