import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDuckDbEngine, duckString, type DuckDbEngine } from './engine.ts';

describe('createDuckDbEngine', () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    engine = await createDuckDbEngine({ threads: 1 });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('returns plain JSON values for bigint, decimal and date columns', async () => {
    const rows = await engine.query(
      "select count(*) as n, 1.5::decimal(18,2) as d, date '2022-06-01' as dt from range(3)",
    );
    expect(rows).toEqual([{ n: 3, d: 1.5, dt: '2022-06-01' }]);
  });

  it('streams a large result in batches without losing rows', async () => {
    let total = 0;
    let sum = 0;
    let batches = 0;
    for await (const batch of engine.stream('select range as i from range(25000)', 10_000)) {
      batches += 1;
      total += batch.length;
      for (const row of batch) sum += row['i'] as number;
    }
    expect(total).toBe(25_000);
    expect(sum).toBe((24_999 * 25_000) / 2);
    expect(batches).toBe(3);
  });

  it('quotes strings so paths with quotes stay literal', async () => {
    const rows = await engine.query(`select ${duckString("it's")} as s`);
    expect(rows[0]?.['s']).toBe("it's");
  });
});
