import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openDuckdb } from '../fixtures/duckdb-helper.ts';
import { athenaDialect, ATHENA_ACCENT_TABLE } from './athena.ts';
import { bigqueryDialect } from './bigquery.ts';
import { duckdbDialect } from './duckdb.ts';
import { dialectFor } from './index.ts';

const [duck, athena, bq] = [duckdbDialect, athenaDialect, bigqueryDialect];

describe('dialectFor', () => {
  it.each(['duckdb', 'athena', 'bigquery'] as const)('returns the %s dialect', (name) => {
    expect(dialectFor(name).name).toBe(name);
  });

  it('throws unknown_dialect naming the value', () => {
    expect(() => dialectFor('oracle')).toThrow(/Unknown SQL dialect `oracle`; use one of/);
  });
});

describe('dialect functions', () => {
  it.each([
    ['quoteIdent', (x: typeof duck) => x.quoteIdent('a"b`c'), '"a""b`c"', '"a""b`c"', '`a"b\\`c`'],
    [
      'quoteString',
      (x: typeof duck) => x.quoteString("D'Oeste\\"),
      "'D''Oeste\\'",
      "'D''Oeste\\'",
      "'D\\'Oeste\\\\'",
    ],
    [
      'decimal type',
      (x: typeof duck) => x.typeName('decimal', 8),
      'DECIMAL(18, 8)',
      'DECIMAL(18, 8)',
      'NUMERIC(18, 8)',
    ],
    ['int64 type', (x: typeof duck) => x.typeName('int64'), 'BIGINT', 'BIGINT', 'INT64'],
    ['string type', (x: typeof duck) => x.typeName('string'), 'VARCHAR', 'VARCHAR', 'STRING'],
    ['double type', (x: typeof duck) => x.typeName('double'), 'DOUBLE', 'DOUBLE', 'FLOAT64'],
    ['boolean type', (x: typeof duck) => x.typeName('boolean'), 'BOOLEAN', 'BOOLEAN', 'BOOL'],
    [
      'tryCast',
      (x: typeof duck) => x.tryCast('v', 'date'),
      'TRY_CAST(v AS DATE)',
      'TRY_CAST(v AS DATE)',
      'SAFE_CAST(v AS DATE)',
    ],
    [
      'regexReplace',
      (x: typeof duck) => x.regexReplace('v', '\\s+', ' '),
      "regexp_replace(v, '\\s+', ' ', 'g')",
      "regexp_replace(v, '\\s+', ' ')",
      "REGEXP_REPLACE(v, '\\\\s+', ' ')",
    ],
    [
      'regexMatches',
      (x: typeof duck) => x.regexMatches('v', '^[0-9]$'),
      "regexp_matches(v, '^[0-9]$')",
      "regexp_like(v, '^[0-9]$')",
      "REGEXP_CONTAINS(v, '^[0-9]$')",
    ],
    [
      'sha256Hex',
      (x: typeof duck) => x.sha256Hex('v'),
      'sha256(v)',
      'lower(to_hex(sha256(to_utf8(v))))',
      'TO_HEX(SHA256(v))',
    ],
    [
      'tryParseDate',
      (x: typeof duck) => x.tryParseDate('v', '%d-%m-%Y'),
      "CAST(try_strptime(v, '%d-%m-%Y') AS DATE)",
      "CAST(try(date_parse(v, '%d-%m-%Y')) AS DATE)",
      "SAFE.PARSE_DATE('%d-%m-%Y', v)",
    ],
    [
      'stripAccents',
      (x: typeof duck) => x.stripAccents('v'),
      'strip_accents(v)',
      `translate(v, '${ATHENA_ACCENT_TABLE.accented}', '${ATHENA_ACCENT_TABLE.plain}')`,
      "REGEXP_REPLACE(NORMALIZE(v, NFD), r'\\p{M}', '')",
    ],
    [
      'concatNonNull',
      (x: typeof duck) => x.concatNonNull('; ', ['a', 'b']),
      "concat_ws('; ', a, b)",
      "concat_ws('; ', a, b)",
      "ARRAY_TO_STRING([a, b], '; ')",
    ],
    [
      'monthStart',
      (x: typeof duck) => x.monthStart('v'),
      "CAST(date_trunc('month', v) AS DATE)",
      "date_trunc('month', v)",
      'DATE_TRUNC(v, MONTH)',
    ],
    [
      'silver table',
      (x: typeof duck) => x.tableResolver()('silver', 'siga'),
      '"silver"."siga"',
      '"matriz_silver"."siga"',
      '`matriz_silver.siga`',
    ],
    [
      'gold table with project',
      (x: typeof duck) => x.tableResolver({ project: 'p', prefix: 'm' })('gold', 'g'),
      '"gold"."g"',
      '"m_gold"."g"',
      '`p.m_gold.g`',
    ],
  ])('%s', (_name, build, duckdbSql, athenaSql, bigquerySql) => {
    expect([build(duck), build(athena), build(bq)]).toEqual([duckdbSql, athenaSql, bigquerySql]);
  });

  it('keeps the Athena accent table aligned letter by letter', () => {
    expect([...ATHENA_ACCENT_TABLE.accented]).toHaveLength([...ATHENA_ACCENT_TABLE.plain].length);
  });
});

describe('DuckDB dialect functions on DuckDB', () => {
  let db: Awaited<ReturnType<typeof openDuckdb>>;
  beforeAll(async () => {
    db = await openDuckdb();
  });
  afterAll(() => db.close());

  const s = duck.quoteString;
  it.each([
    ['strips accents', duck.stripAccents(s('Fóssil Gás')), 'Fossil Gas'],
    [
      'parses dd-mm-yyyy',
      `CAST(${duck.tryParseDate(s('01-09-2024'), '%d-%m-%Y')} AS VARCHAR)`,
      '2024-09-01',
    ],
    ['gives NULL for an impossible date', duck.tryParseDate(s('2022-02-30'), '%Y-%m-%d'), null],
    [
      'hashes to lower-case hex',
      duck.sha256Hex(s('abc')),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    ],
    ['skips NULLs when joining', duck.concatNonNull('; ', ["'a'", 'NULL', "'b'"]), 'a; b'],
    ['pads a CEG nucleus', duck.leftPad(s('8'), 6, '0'), '000008'],
    ['quotes a tricky string', s("D'Oeste"), "D'Oeste"],
    ['builds a month date', `CAST(${duck.makeDate('2024', '3', '1')} AS VARCHAR)`, '2024-03-01'],
  ])('%s', async (_name, sql, expected) => {
    const rows = await db.query(`SELECT ${sql} AS v`);
    expect(rows[0]?.['v']).toBe(expected);
  });
});
