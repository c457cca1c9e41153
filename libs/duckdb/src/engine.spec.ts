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

describe('queryReadOnly', () => {
  it.each([
    ['select 42 as x', [{ x: 42 }]],
    ['describe select 1 as x', 'column_name'],
    ['summarize select 1 as x', 'column_name'],
  ])('runs `%s`', async (sql, expected) => {
    const engine = await createDuckDbEngine({ threads: 1 });
    try {
      const rows = await engine.queryReadOnly(sql);
      if (typeof expected === 'string') expect(Object.keys(rows[0] ?? {})).toContain(expected);
      else expect(rows).toEqual(expected);
    } finally {
      await engine.close();
    }
  });

  it.each([
    ["copy (select 1) to '/tmp/matriz-should-not-exist.csv'", /`copy` statements are not run/],
    ['create table t as select 1', /`create` statements are not run/],
    ['select 1; select 2', /Got 2 SQL statements/],
    ["explain analyze copy (select 1) to '/tmp/matriz-should-not-exist.csv'", /not run here/],
  ])('refuses `%s`', async (sql, message) => {
    const engine = await createDuckDbEngine({ threads: 1 });
    try {
      await expect(engine.queryReadOnly(sql)).rejects.toThrow(message);
    } finally {
      await engine.close();
    }
  });
});
