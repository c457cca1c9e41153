// Test support: the real 74-row SIGA sample bundled with the offline portal (LF line ends), read
// once per suite, and a temporary folder for edited copies, removed after the suite.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SIGA_SAMPLE = path.resolve(
  here,
  '../../../../tools/portal/data/aneel/siga-empreendimentos-geracao/2026-10-01/siga-empreendimentos-geracao.sample74.csv',
);

export interface SigaSample {
  /** The sample's lines (split on LF; the last one is empty). */
  lines(): string[];
  /** Writes `text` to a file of the suite's temporary folder; returns its path. */
  write(name: string, text: string): Promise<string>;
}

/** Registers the suite hooks; call at the top level of a spec file. */
export function useSigaSample(): SigaSample {
  let dir = '';
  let lines: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'matriz-siga-sample-'));
    lines = (await readFile(SIGA_SAMPLE)).toString('utf8').split('\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return {
    lines: () => [...lines],
    write: async (name, text) => {
      const file = path.join(dir, name);
      await writeFile(file, text, 'utf8');
      return file;
    },
  };
}
