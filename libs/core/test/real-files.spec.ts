/**
 * Checks against the complete real ANEEL files in the shared data folder next to the repository
 * (not committed: 4 MB). Skipped when the folder is absent.
 */
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  datasets,
  decodeSource,
  detectEncoding,
  duplicateKeys,
  matchHeader,
  parseValue,
  splitCsvLine,
  splitLines,
} from '../src/index.ts';
import { SHARED_ANEEL } from './helpers/fixtures.ts';

const agentsFile = path.join(
  SHARED_ANEEL,
  'agentes-geracao-energia-eletrica/2024-09-01/agentes-geracao-energia-eletrica.csv',
);
const sigaFile = path.join(
  SHARED_ANEEL,
  'siga-empreendimentos-geracao/2022-06-01/siga-empreendimentos-geracao.csv',
);

describe.skipIf(!fs.existsSync(agentsFile))('the complete agents file of 2024-09-01', () => {
  const bytes = () => new Uint8Array(fs.readFileSync(agentsFile));

  it('has 125 lines with Windows-1252 bytes in 0x80-0x9F, and is detected as windows-1252', () => {
    const data = bytes();
    let lines = 0;
    let flagged = false;
    for (let i = 0; i < data.length; i += 1) {
      if (data[i]! >= 0x80 && data[i]! <= 0x9f) flagged = true;
      if (data[i] === 0x0a) {
        if (flagged) lines += 1;
        flagged = false;
      }
    }
    expect(lines).toBe(125);
    expect(detectEncoding(data, { complete: true })).toBe('windows-1252');
    // A 64 KB prefix is enough to decide, the way the pipeline samples a stream.
    expect(detectEncoding(data.subarray(0, 65536), { complete: false })).toBe('windows-1252');
  });

  it('decodes every row, matches the header and rejects no value', () => {
    const { text } = decodeSource(bytes());
    const [header = '', ...lines] = splitLines(text);
    const match = matchHeader(datasets.agentes, splitCsvLine(header), { file: 'agentes.csv' });
    const reasons = new Map<string, number>();
    for (const line of lines) {
      const fields = splitCsvLine(line);
      for (const { column, index } of match.columns) {
        const result = parseValue(column, fields[index]);
        if (!result.ok) {
          const key = `${column.name}: ${result.reason}`;
          reasons.set(key, (reasons.get(key) ?? 0) + 1);
        }
      }
    }
    expect(lines).toHaveLength(26075);
    expect(Object.fromEntries(reasons)).toEqual({});
  });
});

describe.skipIf(!fs.existsSync(sigaFile))('the complete SIGA file of 2022-06-01', () => {
  it('parses 15,455 rows with only known placeholders and two duplicate CEGs', () => {
    const { text, encoding } = decodeSource(new Uint8Array(fs.readFileSync(sigaFile)));
    expect(encoding).toBe('windows-1252');
    const [header = '', ...lines] = splitLines(text);
    const match = matchHeader(datasets.siga, splitCsvLine(header), { file: 'siga.csv' });
    const rejected = new Map<string, number>();
    const placeholders = new Map<string, number>();
    const keys: Record<string, unknown>[] = [];
    for (const line of lines) {
      const fields = splitCsvLine(line);
      const row: Record<string, unknown> = {};
      for (const { column, index } of match.columns) {
        const result = parseValue(column, fields[index]);
        if (!result.ok) {
          const key = `${column.name}: ${result.reason}`;
          rejected.set(key, (rejected.get(key) ?? 0) + 1);
        } else {
          row[column.name] = result.value;
          if ('placeholder' in result && result.placeholder) {
            const key = `${column.name}: ${result.placeholder}`;
            placeholders.set(key, (placeholders.get(key) ?? 0) + 1);
          }
        }
      }
      keys.push(row);
    }
    expect(lines).toHaveLength(15455);
    expect(Object.fromEntries(rejected)).toEqual({});
    expect(Object.fromEntries(placeholders)).toEqual({
      'operation_start_date: placeholder': 1758,
      'physical_guarantee_kw: placeholder': 13319,
      'latitude_deg: placeholder': 3323,
      'longitude_deg: placeholder': 3323,
    });
    expect(duplicateKeys(datasets.siga, keys)).toEqual([
      { key: 'PCH.PH.SC.028744-0.1', count: 2 },
      { key: 'PCH.PH.TO.000031-0.1', count: 2 },
    ]);
  });
});
