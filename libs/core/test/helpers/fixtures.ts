import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { decodeSource, splitCsvLine, splitLines, type SourceEncoding } from '../../src/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Absolute path of a fixture under `test/fixtures/`. */
export function fixturePath(...parts: string[]): string {
  return path.join(here, '..', 'fixtures', ...parts);
}

/** The raw bytes of a fixture, as committed (original ANEEL bytes). */
export function fixtureBytes(...parts: string[]): Uint8Array {
  return new Uint8Array(fs.readFileSync(fixturePath(...parts)));
}

export interface CsvFixture {
  readonly encoding: SourceEncoding;
  readonly header: string[];
  readonly rows: string[][];
}

/** Decodes a fixture the way the pipeline does and splits it into header and rows. */
export function readCsvFixture(...parts: string[]): CsvFixture {
  const { text, encoding } = decodeSource(fixtureBytes(...parts));
  const [header = '', ...lines] = splitLines(text);
  return { encoding, header: splitCsvLine(header), rows: lines.map((l) => splitCsvLine(l)) };
}

/** The shared folder of real ANEEL files next to the repository, when it exists. */
export const SHARED_ANEEL = path.resolve(here, '../../../../../shared/data/aneel');
