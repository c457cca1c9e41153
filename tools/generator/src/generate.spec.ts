import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { getDataset, matchHeader, splitCsvLine } from '@matriz/core';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { gdHeader, LEGACY_MODALITY_HEADER } from './gd/gd-header.ts';
import { decimalBr } from './gd/gd-row.ts';
import { generate, type GenerateResult } from './generate.ts';

const ROWS = 5000;
let dir: string;
let win: GenerateResult;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'generator-spec-'));
  win = await generate({
    dataset: 'gd',
    rows: ROWS,
    out: path.join(dir, 'a'),
    seed: 7,
    secondSnapshot: true,
  });
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Data lines of a generated file as cells keyed by header (values carry no quotes). */
async function readRows(
  file: string,
  encoding: 'win1252' | 'utf8',
): Promise<Record<string, string>[]> {
  const text = iconv.decode(await fs.readFile(file), encoding);
  const lines = text.split('\r\n');
  expect(lines.at(-1)).toBe('');
  const header = splitCsvLine(lines[0]!);
  return lines.slice(1, -1).map((line) => {
    const cells = splitCsvLine(line);
    expect(cells).toHaveLength(header.length);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
  });
}

describe('generate (gd)', () => {
  it('is deterministic: the same seed gives the same bytes, another seed other bytes', async () => {
    const again = await generate({
      dataset: 'gd',
      rows: ROWS,
      out: path.join(dir, 'b'),
      seed: 7,
      secondSnapshot: true,
    });
    const other = await generate({ dataset: 'gd', rows: ROWS, out: path.join(dir, 'c'), seed: 8 });
    expect(again.first.sha256).toBe(win.first.sha256);
    expect(again.second?.sha256).toBe(win.second?.sha256);
    expect(other.first.sha256).not.toBe(win.first.sha256);
  });

  it('writes the registry header, every field quoted, `;` and CRLF', async () => {
    const bytes = await fs.readFile(win.first.path);
    const firstLine = bytes.subarray(0, bytes.indexOf('\r\n')).toString('latin1');
    expect(firstLine).toBe(
      gdHeader()
        .map((h) => `"${h}"`)
        .join(';'),
    );
    const headers = splitCsvLine(firstLine);
    const match = matchHeader(getDataset('gd'), headers, { file: win.first.path });
    expect(match.added).toEqual([]);
    expect(match.removed).toEqual([]);
    expect(match.shadowed).toEqual([LEGACY_MODALITY_HEADER]);
    expect(match.columns.map((c) => c.header)).toEqual(
      getDataset('gd').columns.map((c) => c.source),
    );
    const text = bytes.toString('latin1');
    expect(
      text
        .split('\n')
        .slice(0, -1)
        .every((l) => l.endsWith('\r')),
    ).toBe(true);
    expect(/[^\r]\n/.test(text)).toBe(false);
    expect(text.split('\r\n')[1]).toMatch(/^"2026-09-01";"\d{2}\/\d{4}";"\d{14}";/);
  });

  it('is Windows-1252 (not UTF-8) by default and UTF-8 on request, with the same text', async () => {
    const bytes = await fs.readFile(win.first.path);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(bytes.includes(0x92)).toBe(true); // ’ in `Santa Bárbara d’Oeste`
    const utf8 = await generate({
      dataset: 'gd',
      rows: ROWS,
      out: path.join(dir, 'u'),
      seed: 7,
      encoding: 'utf-8',
    });
    const utf8Bytes = await fs.readFile(utf8.first.path);
    const utf8Text = new TextDecoder('utf-8', { fatal: true }).decode(utf8Bytes);
    expect(utf8Text).toBe(iconv.decode(bytes, 'win1252'));
    expect(utf8Text).toContain('Santa Bárbara d’Oeste');
    expect(utf8Text).toContain('"Radiação solar"');
  });

  it('writes decimals with a comma and no leading zero, and the known quirks', async () => {
    expect(decimalBr(0.85, 2)).toBe(',85');
    expect(decimalBr(1400, 2)).toBe('1400,00');
    expect(decimalBr(-0.5, 2)).toBe('-,50');
    const rows = await readRows(win.first.path, 'win1252');
    expect(rows).toHaveLength(ROWS);
    const kw = rows.map((r) => r['MdaPotenciaInstaladaKW']!);
    expect(kw.every((v) => /^\d*,\d{2}$/.test(v))).toBe(true);
    expect(rows.filter((r) => r['DscClasseConsumo'] === 'REBR')).toHaveLength(
      win.first.quarantined,
    );
    expect(rows.some((r) => r['DthAtualizaCadastralEmpreend'] === '1900-01-01')).toBe(true);
    expect(rows.some((r) => r['NomSubEstacao'] === '-')).toBe(true);
    expect(rows.some((r) => r['NomMunicipio']!.endsWith(' '))).toBe(true);
    expect(rows.every((r) => r['SigModalidadeEmpreendimento'] === '')).toBe(true);
    expect(new Set(rows.map((r) => r['CodEmpreendimento'])).size).toBe(ROWS);
  });

  it('derives a later snapshot whose inserts, updates and deletes are the reported counts', async () => {
    const second = win.second!;
    expect(second.dataDate).toBe('2026-10-01');
    const before = new Map(
      (await readRows(win.first.path, 'win1252')).map((r) => [r['CodEmpreendimento']!, r]),
    );
    const after = new Map(
      (await readRows(second.path, 'win1252')).map((r) => [r['CodEmpreendimento']!, r]),
    );
    const content = (r: Record<string, string>) =>
      JSON.stringify({ ...r, DatGeracaoConjuntoDados: undefined });
    const inserted = [...after.keys()].filter((k) => !before.has(k)).length;
    const deleted = [...before.keys()].filter((k) => !after.has(k)).length;
    const updated = [...after].filter(
      ([k, r]) => before.has(k) && content(before.get(k)!) !== content(r),
    ).length;
    expect({ inserted, updated, deleted }).toEqual({
      inserted: second.inserted,
      updated: second.updated,
      deleted: second.deleted,
    });
    expect(inserted).toBe(Math.round(ROWS * 0.015));
    expect(updated).toBeGreaterThan(0);
    expect(deleted).toBeGreaterThan(0);
    expect(second.rows).toBe(ROWS - deleted + inserted);
    expect([...after.values()].every((r) => r['DatGeracaoConjuntoDados'] === '2026-10-01')).toBe(
      true,
    );
  });

  it('says the output is synthetic beside the files', async () => {
    const readme = await fs.readFile(path.join(dir, 'a', 'README.md'), 'utf8');
    expect(readme).toMatch(/^# SYNTHETIC DATA: not published by ANEEL/);
    expect(readme).toContain(win.first.sha256);
    const manifest = JSON.parse(await fs.readFile(path.join(dir, 'a', 'generated.json'), 'utf8'));
    expect(manifest.synthetic).toBe(true);
    expect(manifest.files).toHaveLength(2);
  });
});
