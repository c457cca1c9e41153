import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { getDataset } from '@matriz/core';
import { generate, type GenerateResult } from '@matriz/generator';
import {
  bronzeToSilver,
  ingestFileToBronze,
  lakeKeys,
  placeholderTallyBySql,
} from '@matriz/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openBenchLake, type BenchLake } from './lake-deps.ts';

// Synthetic GD (labelled as such by the generator): 90 000 rows make about 38 MB, more than one
// DuckDB CSV buffer, so the file is read by several threads at once and its rows could come
// back out of order if the silver step let them.
const ROWS = 90_000;

let dir: string;
let generated: GenerateResult;
let bench: BenchLake;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'silver-order-'));
  generated = await generate({ dataset: 'gd', rows: ROWS, out: path.join(dir, 'generated') });
  bench = await openBenchLake(path.join(dir, 'lake'));
  await ingestFileToBronze(bench.deps, 'gd', generated.first.path);
}, 300_000);

afterAll(async () => {
  await bench?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');
}

describe('bronzeToSilver on a file read in parallel (synthetic GD)', () => {
  it('writes silver in file order without sorting, and quarantines exactly the bad rows', async () => {
    // A caller that turned the order guarantee off must not change silver.
    await bench.deps.engine.exec('SET preserve_insertion_order = false');
    const result = await bronzeToSilver(bench.deps, getDataset('gd'), generated.first.dataDate);
    expect(result.rowsIn).toBe(ROWS);
    expect(result.rowsQuarantined).toBe(generated.first.quarantined);
    expect(result.rowsOut).toBe(ROWS - generated.first.quarantined);

    const silver = bench.lake.store.localPath?.(result.silverKey);
    const quarantine = bench.lake.store.localPath?.(result.quarantineKey);
    const [order] = await bench.deps.engine.query(
      `SELECT count(*) AS n, count(*) FILTER (WHERE source_row <= previous) AS out_of_order ` +
        `FROM (SELECT source_row, lag(source_row) OVER () AS previous FROM read_parquet('${silver}'))`,
    );
    expect(order).toEqual({ n: ROWS - generated.first.quarantined, out_of_order: 0 });
    // Every row is in exactly one of silver and quarantine, and the quarantined ones say why.
    const [split] = await bench.deps.engine.query(
      `SELECT count(DISTINCT source_row) AS n, min(source_row) AS first, max(source_row) AS last FROM (` +
        `SELECT source_row FROM read_parquet('${silver}') UNION ALL ` +
        `SELECT source_row FROM read_parquet('${quarantine}'))`,
    );
    expect(split).toEqual({ n: ROWS, first: 1, last: ROWS });
    const reasons = await bench.deps.engine.query(
      `SELECT DISTINCT regexp_extract(reject_reason, '^[a-z_]+: [a-z_]+') AS reason FROM read_parquet('${quarantine}')`,
    );
    expect(reasons).toEqual([{ reason: 'consumer_class: unknown_code' }]);
    const [setting] = await bench.deps.engine.query(
      "SELECT current_setting('preserve_insertion_order') AS v",
    );
    expect(setting?.['v']).toBe(false);
  });

  it('quarantines the same rows whether they are read back by number or found by a full scan', async () => {
    const gd = getDataset('gd');
    const date = generated.first.dataDate;
    const quarantine = String(bench.lake.store.localPath?.(lakeKeys.quarantineFile('gd', date)));
    const read = async () =>
      bench.deps.engine.query(`SELECT * FROM read_parquet('${quarantine}') ORDER BY source_row`);
    await bronzeToSilver(bench.deps, gd, date);
    const readBack = await read();
    const scanned = await bronzeToSilver(bench.deps, gd, date, { maxRejectedReadBack: 0 });
    expect(scanned.rowsQuarantined).toBe(generated.first.quarantined);
    expect(await read()).toEqual(readBack);
    expect(readBack).toHaveLength(generated.first.quarantined);
  });

  it('writes the same silver bytes when run again', async () => {
    const gd = getDataset('gd');
    const date = generated.first.dataDate;
    const silver = bench.lake.store.localPath?.(lakeKeys.silverFile('gd', date));
    await bronzeToSilver(bench.deps, gd, date);
    const first = await sha256(String(silver));
    await bronzeToSilver(bench.deps, gd, date);
    expect(await sha256(String(silver))).toBe(first);
  });

  it('counts placeholders while decoding exactly as the SQL counts them', async () => {
    const gd = getDataset('gd');
    const date = generated.first.dataDate;
    const logged: Record<string, unknown>[] = [];
    const logger = {
      ...bench.deps.logger,
      info: (event: string, fields: Record<string, unknown> = {}) => {
        if (event === 'silver.written') logged.push(fields);
      },
    };
    const result = await bronzeToSilver({ ...bench.deps, logger }, gd, date);
    expect(logged.map((f) => f['placeholders_counted'])).toEqual(['while_decoding']);
    // The SQL way: every row of the decoded file through the staged SELECT, grouped.
    const sql = await placeholderTallyBySql(
      bench.deps.engine,
      gd,
      generated.first.path,
      path.join(dir, 'decoded.csv'),
    );
    expect(sql.rowsRead).toBe(ROWS);
    expect(result.placeholders).toEqual(sql.placeholders);
    // The generated file has both kinds, so the comparison is not between two empty lists.
    expect(new Set(result.placeholders.map((p) => p.reason))).toEqual(
      new Set(['placeholder', 'zero_coordinate']),
    );
  });
});
