import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { createDuckDbEngine } from '@matriz/duckdb';
import { decodeToUtf8, lakeKeys } from '@matriz/pipeline';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { formatReport } from './format-report.ts';
import { claimOutFolder, runBench, type BenchReport } from './run-bench.ts';

let dir: string;
let report: BenchReport;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-spec-'));
  report = await runBench({
    rows: 20_000,
    smallRows: 5_000,
    pairs: 2,
    out: path.join(dir, 'run'),
  });
}, 600_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('runBench (smoke, 20 000 synthetic rows)', () => {
  it('measures every stage in its own process', () => {
    expect(Object.keys(report.stages)).toEqual([
      'reference-js',
      'ingest',
      'reference-duckdb',
      'silver',
      'reference-duckdb-2',
      'silver-2',
      'gold',
      'quality',
      'extract',
      'silver-second',
      'diff',
      'rerun',
      'ingest-small',
      'silver-small',
      'silver-small-2',
    ]);
    for (const stage of Object.values(report.stages)) {
      expect(Number.isFinite(stage.ms)).toBe(true);
      expect(stage.peakRssBytes).toBeGreaterThan(0);
      expect(stage.sampledRssBytes).toBeGreaterThan(0);
    }
    expect(report.stages['silver']?.rows).toBe(20_000);
    expect(report.stages['reference-duckdb']?.rows).toBe(20_000);
    expect(report.stages['reference-js']?.rows).toBe(20_000);
    expect(report.stages['quality']?.details['available']).toBe(true);
    expect(report.stages['extract']?.details['status']).toBe('fetched');
    expect(report.stages['rerun']?.details['extract']).toBe('unchanged');
    // The first GD snapshot is a diff baseline (`initialSnapshot: 'baseline'`): the first full
    // run owes no insert events for it, and the second snapshot's events came from the diff stage.
    expect(report.stages['rerun']?.details['firstFullRunEvents']).toBe(0);
  });

  it('reconciles the pipeline with what the generator wrote', () => {
    expect(report.reconciliation.filter((c) => !c.ok)).toEqual([]);
    // Three checks for each silver run (two pairs), one per small run, five for the rest.
    expect(report.reconciliation).toHaveLength(13);
    expect(report.reconciliation.map((c) => c.check)).toContain(
      'silver quarantined = generated REBR rows (pair 2)',
    );
    expect(report.stages['silver']?.details['reconciles']).toBe(true);
    expect(typeof report.stages['silver']?.details['decode_ms']).toBe('number');
    expect(formatReport(report)).toMatch(
      /bronze → silver split \(pair 1\): decoding and numbering [0-9.]+ s/,
    );
  });

  it('keeps the raw text of quarantined rows and file order in silver', async () => {
    const lake = path.join(dir, 'run', 'lake');
    const date = report.files.first.dataDate;
    const engine = await createDuckDbEngine();
    try {
      const quarantine = path.join(lake, lakeKeys.quarantineFile('gd', date));
      const rows = await engine.query(
        `SELECT raw_consumer_class, raw_plant_id_mmgd, reject_reason FROM read_parquet('${quarantine}')`,
      );
      expect(rows).toHaveLength(report.files.first.quarantined);
      for (const row of rows) {
        expect(row['raw_consumer_class']).toBe('REBR');
        expect(String(row['raw_plant_id_mmgd'])).toMatch(/^GD\.[A-Z]{2}\./);
        expect(String(row['reject_reason'])).toContain('consumer_class: unknown_code');
      }
      const silver = path.join(lake, lakeKeys.silverFile('gd', date));
      const [order] = await engine.query(
        `SELECT bool_and(source_row > prev) AS ordered FROM (SELECT source_row, ` +
          `lag(source_row, 1, 0) OVER () AS prev FROM read_parquet('${silver}'))`,
      );
      expect(order?.['ordered']).toBe(true);
    } finally {
      await engine.close();
    }
  });

  it('computes the ratios and checks every target', () => {
    expect(Number.isFinite(report.ratios.silverVsDuckdb)).toBe(true);
    // Two alternate pairs: the ratio is their median, the mean of the two.
    const [first, second] = report.ratios.silverVsDuckdbPairs;
    expect(report.ratios.silverVsDuckdbPairs).toHaveLength(2);
    expect(first).toBeCloseTo(report.stages['silver']!.ms / report.stages['reference-duckdb']!.ms);
    expect(second).toBeCloseTo(
      report.stages['silver-2']!.ms / report.stages['reference-duckdb-2']!.ms,
    );
    expect(report.ratios.silverVsDuckdb).toBeCloseTo((first! + second!) / 2);
    expect(report.stages['silver-2']?.details['rowsIn']).toBe(20_000);
    expect(Number.isFinite(report.ratios.diffVsSilver)).toBe(true);
    expect(report.ratios.jsVsSilver).not.toBeNull();
    expect(report.targets).toHaveLength(6);
    expect(report.targets.every((t) => t.pass !== null)).toBe(true);
  });

  it('prints a table that says the data are synthetic', () => {
    const text = formatReport(report);
    expect(text).toMatch(/^Synthetic GD \(generated, not ANEEL data\): 20000 rows/);
    // Enough to reproduce: the commit (`unknown` outside a git checkout), DuckDB and the CPU.
    expect(report.machine.commit).toMatch(/^([0-9a-f]{7,}(\+changes)?|unknown)$/);
    expect(report.machine.duckdb).toMatch(/^v1\.[0-9]+/);
    expect(text).toContain(`DuckDB ${report.machine.duckdb}, commit ${report.machine.commit}`);
    expect(text).toContain('| bronze → silver (full validation)');
    expect(text).toContain('bronze → silver within 1.5× the DuckDB reference');
    expect(text).toContain('| bronze → silver (full validation) (pair 2)');
    expect(text).toMatch(/median of the ratios of 2 alternate pairs: [0-9.]+×, [0-9.]+×/);
    expect(text).toMatch(
      /second snapshot [0-9]+ rows \([0-9]+ inserted, [0-9]+ updated, [0-9]+ deleted\)/,
    );
    expect(text).toMatch(/bronze → silver split \(pair 2\): decoding and numbering [0-9.]+ s/);
  });
});

describe('the bench folder', () => {
  it('refuses a non-empty folder it did not make, and leaves it as it was', async () => {
    const foreign = path.join(dir, 'foreign');
    await fs.mkdir(foreign, { recursive: true });
    await fs.writeFile(path.join(foreign, 'notes.txt'), 'mine');
    await expect(runBench({ rows: 10, out: foreign })).rejects.toThrow(
      /not empty and was not made by the bench/,
    );
    expect(await fs.readdir(foreign)).toEqual(['notes.txt']);
  });

  it('empties a folder an earlier run made, and makes a missing one', async () => {
    expect(await fs.readdir(path.join(dir, 'run'))).toContain('.matriz-bench');
    const earlier = path.join(dir, 'earlier');
    await fs.mkdir(path.join(earlier, 'lake'), { recursive: true });
    await fs.writeFile(path.join(earlier, '.matriz-bench'), '');
    await fs.writeFile(path.join(earlier, 'lake', 'old.parquet'), 'x');
    await claimOutFolder(earlier);
    expect(await fs.readdir(earlier)).toEqual(['.matriz-bench']);
    const fresh = path.join(dir, 'fresh', 'nested');
    await claimOutFolder(fresh);
    expect(await fs.readdir(fresh)).toEqual(['.matriz-bench']);
  });
});

describe('the transcoder the pipeline and the DuckDB reference use', () => {
  it('turns every Windows-1252 byte into the same UTF-8 as iconv-lite', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const input = path.join(dir, 'all-bytes.csv');
    const output = path.join(dir, 'all-bytes.utf8.csv');
    await fs.writeFile(input, Buffer.concat([bytes, bytes]));
    const decoded = await decodeToUtf8(input, output);
    expect(decoded.encoding).toBe('windows-1252');
    const expected = Buffer.from(iconv.decode(Buffer.concat([bytes, bytes]), 'win1252'), 'utf8');
    expect((await fs.readFile(output)).equals(expected)).toBe(true);
  });
});
