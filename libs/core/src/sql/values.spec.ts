import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ColumnSpec } from '../registry/types.ts';
import { duckdbDialect as d } from './dialects/index.ts';
import { openDuckdb } from './fixtures/duckdb-helper.ts';
import { foldLabel, placeholderReason, valueSql } from './values.ts';

let db: Awaited<ReturnType<typeof openDuckdb>>;
beforeAll(async () => {
  db = await openDuckdb();
});
afterAll(() => db.close());

const base = { name: 'c', source: 'C', description: 'test column' } as const;
const columns: Record<string, ColumnSpec> = {
  text: { ...base, kind: 'text', type: 'string' },
  decimal: { ...base, kind: 'decimal_br', type: 'decimal', scale: 2, range: { min: 0 } },
  signed: { ...base, kind: 'decimal_br', type: 'decimal', scale: 2 },
  guarantee: { ...base, kind: 'decimal_br', type: 'decimal', scale: 2, placeholders: [',00'] },
  integer: { ...base, kind: 'integer', type: 'int64' },
  date: { ...base, kind: 'date', type: 'date', placeholders: ['1900-01-03'] },
  month: { ...base, kind: 'month', type: 'int64', range: { min: 1, max: 12 } },
  year: { ...base, kind: 'year', type: 'int64' },
  latitude: { ...base, kind: 'coordinate', type: 'double', range: { min: -34, max: 5.5 } },
  uf: { ...base, kind: 'uf', type: 'string' },
  document: { ...base, kind: 'document', type: 'string' },
  nucleus: { ...base, kind: 'ceg_nucleus', type: 'string' },
  phase: {
    ...base,
    kind: 'code',
    type: 'string',
    allowed: ['operating', 'not_started'],
    normalise: { Operação: 'operating', 'Construção não iniciada': 'not_started' },
  },
  yesNo: {
    ...base,
    kind: 'code',
    type: 'boolean',
    allowed: ['true', 'false'],
    normalise: { Sim: 'true', Não: 'false' },
  },
};

async function evaluate(column: ColumnSpec, raw: string | null) {
  const literal = raw === null ? 'CAST(NULL AS VARCHAR)' : d.quoteString(raw);
  const sql = valueSql(d, 'raw', column);
  const rows = await db.query(
    `SELECT CAST(${sql.value} AS VARCHAR) AS value, ${sql.reason} AS reason, ${sql.placeholder} AS placeholder ` +
      `FROM (SELECT ${literal} AS raw)`,
  );
  return rows[0];
}

describe('valueSql on DuckDB', () => {
  it.each([
    // column, raw, value, reason, placeholder
    ['text', '  J&amp-F S.A. ', 'J&F S.A.', null, null],
    ['text', '-', null, null, null],
    ['text', '', null, null, null],
    ['decimal', '1.250,00', '1250.00', null, null],
    ['decimal', ',85', '0.85', null, null],
    ['decimal', '30000,00', '30000.00', null, null],
    ['decimal', '1400', '1400.00', null, null],
    ['decimal', '-', null, null, null],
    ['decimal', 'abc', null, 'not_a_number', null],
    ['decimal', '1,2,3', null, 'not_a_number', null],
    ['decimal', '-5,00', '-5.00', 'out_of_range', null],
    ['signed', '-,5', '-0.50', null, null],
    ['signed', '+,5', '0.50', null, null],
    ['signed', '+3', '3.00', null, null],
    ['signed', '-1.250,75', '-1250.75', null, null],
    ['signed', '--1', null, 'not_a_number', null],
    ['text', 'A&amp-B &amp- C', 'A&B & C', null, null],
    ['text', 'AMP-&am', 'AMP-&am', null, null],
    ['guarantee', ',00', null, null, 'placeholder'],
    ['integer', '1.234', '1234', null, null],
    ['integer', '12,5', null, 'not_a_number', null],
    ['date', '2022-06-01', '2022-06-01', null, null],
    ['date', '01-09-2024', '2024-09-01', null, null],
    ['date', '01/09/2024', '2024-09-01', null, null],
    ['date', '2024-09-01 10:22:00', '2024-09-01', null, null],
    ['date', '1900-01-03', null, null, 'placeholder'],
    ['date', '2022-02-30', null, 'not_a_date', null],
    ['date', 'ontem', null, 'not_a_date', null],
    ['month', '3 ', '3', null, null],
    ['month', '13', '13', 'out_of_range', null],
    ['month', 'mar', null, 'not_a_month', null],
    ['year', '2024', '2024', null, null],
    ['year', '24', null, 'not_a_year', null],
    ['latitude', '-20,12479858', '-20.12479858', null, null],
    ['latitude', '-,500000', '-0.5', null, null],
    ['latitude', ',00000000', null, null, 'zero_coordinate'],
    ['latitude', '40,1', '40.1', 'out_of_range', null],
    ['uf', ' ba', 'BA', null, null],
    ['uf', 'XX', null, 'unknown_code', null],
    ['document', '04895728000180', '04895728000180', null, null],
    ['document', '18.565.382/0001-66', '18565382000166', null, null],
    ['document', '***.962.380-**', '***.962.380-**', null, null],
    ['document', '4895728000180', null, 'not_a_document', null],
    ['document', '0489572800018*', null, 'not_a_document', null],
    ['document', '***.96.380-**', null, 'not_a_document', null],
    ['latitude', '0', null, null, 'zero_coordinate'],
    ['latitude', '-34,5', '-34.5', 'out_of_range', null],
    ['nucleus', '8', '000008', null, null],
    ['nucleus', '000008', '000008', null, null],
    ['nucleus', '8a', null, 'not_a_ceg_nucleus', null],
    ['phase', 'Operação', 'operating', null, null],
    ['phase', ' OPERACAO ', 'operating', null, null],
    ['phase', 'Construção  não iniciada', 'not_started', null, null],
    ['phase', 'not_started', 'not_started', null, null],
    ['phase', 'Desativada', null, 'unknown_code', null],
    ['yesNo', 'Não', 'false', null, null],
    ['yesNo', 'Sim', 'true', null, null],
  ] as const)('%s `%s` gives %s (reason %s)', async (column, raw, value, reason, placeholder) => {
    expect(await evaluate(columns[column]!, raw)).toEqual({ value, reason, placeholder });
  });
});

describe('foldLabel', () => {
  it.each([
    ['Fóssil', 'fossil'],
    [' Gás  Natural ', 'gas natural'],
    ['BIOCOMBUSTÍVEIS LÍQUIDOS', 'biocombustiveis liquidos'],
  ])('folds `%s` to `%s`', (label, folded) => {
    expect(foldLabel(label)).toBe(folded);
  });
});

describe('placeholderReason, the TypeScript twin of the placeholder SQL', () => {
  const raws = [
    '0',
    '0,0',
    '-0,000',
    '+0',
    ',0',
    '-,00',
    '0.000,00',
    '000',
    ' 0 ',
    '\u00a00\u3000',
    '\t0',
    '0\t',
    '0,5',
    '-23,5',
    '1',
    '',
    ' ',
    '-',
    'x',
    '0,0,0',
    '00.00',
    '0.0',
    '1900-01-03',
    ' 1900-01-03\u2009',
    '1900-01-03 00:00',
    ',00',
    ' ,00',
    '0,00',
  ];
  const cases = Object.entries({
    latitude: columns['latitude']!,
    date: columns['date']!,
    guarantee: columns['guarantee']!,
    coordinateWithPlaceholder: { ...columns['latitude']!, placeholders: ['-'] },
  }).flatMap(([name, column]) => raws.map((raw) => [name, column, raw] as const));

  it.each(cases)('%s %j gives what DuckDB gives', async (_name, column, raw) => {
    const sql = (await evaluate(column, raw))?.['placeholder'] ?? null;
    expect(placeholderReason(column, raw) ?? null).toBe(sql);
  });
});

describe("DuckDB's fast paths", () => {
  // The same builders with DuckDB's functions but without its fast paths (the form the other
  // engines get), as the reference each fast path must agree with on every value.
  const portable = { ...d, name: 'athena' as const };

  /** Dates around every edge the GLOB and cast branches could disagree on. */
  function dateValues(): string[] {
    const years = ['0000', '0001', '1582', '1899', '1900', '2024', '2023', '9999'];
    const months = ['00', '01', '02', '09', '12', '13', '99'];
    const days = ['00', '01', '28', '29', '30', '31', '32', '99'];
    const suffixes = ['', ' 10:22:00', 'T10:22', ' ', 'T', 'x', ' 1\n2', '\n', ' \r', '0', 'Z'];
    const out: string[] = [];
    for (const y of years)
      for (const m of months)
        for (const day of days)
          for (const suffix of suffixes)
            out.push(
              `${y}-${m}-${day}${suffix}`,
              `${day}-${m}-${y}${suffix}`,
              `${day}/${m}/${y}${suffix}`,
            );
    out.push(
      '2024-9-01',
      '02024-09-01',
      '2024/09/01',
      '2024-09-1',
      '２０２４-09-01',
      '2024-09-01 ',
      '',
    );
    return out;
  }

  const documents = [
    '04895728000180',
    '4895728000180',
    '048957280001800',
    '12345678901',
    '1234567890',
    '123456789012',
    '0489572800018*',
    '04895728000l80',
    '٠٤٨٩٥٧٢٨٠٠٠١٨٠',
    '1234567890١',
    '***.962.380-**',
    '***.96.380-**',
    '123.456.789-09',
    '***.962.380-*',
    '*.962.380-**',
    '***-962-380-**',
    '***.962.380-**\n',
    'a**.962.380-**',
    '18.565.382/0001-66',
    '***.962.38*-**',
  ];

  const numbers = [
    '1.250,00',
    '1250',
    '1.2.3',
    '12,5',
    '.5',
    ',85',
    '-,5',
    '+3',
    '1.234',
    '1.23',
    '12.345.678',
    '0',
    '-0',
    ',',
    '-',
    '1,2,3',
    '1.250',
    '1250,',
    '1e5',
    'inf',
    ' 5',
    '5 ',
    '00,10',
    '-1.250,75',
  ];

  async function answers(dialect: typeof d, column: ColumnSpec, raws: readonly string[]) {
    const sql = valueSql(dialect, 'raw', column);
    const list = raws.map((r) => d.quoteString(r)).join(', ');
    return db.query(
      `SELECT raw, CAST(${sql.value} AS VARCHAR) AS value, ${sql.reason} AS reason, ` +
        `${sql.placeholder} AS placeholder FROM (SELECT unnest([${list}]) AS raw) ORDER BY raw`,
    );
  }

  it.each([
    ['date', dateValues()],
    ['document', documents],
    ['decimal', numbers],
    ['signed', numbers],
    ['integer', numbers],
    ['latitude', numbers],
  ] as const)('%s: same value, reason and placeholder as without them', async (name, raws) => {
    const column = columns[name]!;
    const fast = await answers(d, column, raws);
    expect(fast).toHaveLength(raws.length);
    expect(fast).toEqual(await answers(portable, column, raws));
    // The values are not all rejected or all accepted: both branches are exercised.
    expect(fast.some((r) => r['value'] !== null)).toBe(true);
    expect(fast.some((r) => r['reason'] !== null)).toBe(true);
  });

  it('take the fast branches in the SQL they write', () => {
    expect(valueSql(d, 'raw', columns['date']!).value).toContain(
      "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN TRY_CAST(",
    );
    expect(valueSql(d, 'raw', columns['document']!).value).toContain('strlen(');
    expect(valueSql(portable, 'raw', columns['date']!).value).not.toContain('GLOB');
  });
});
