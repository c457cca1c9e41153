import { getDataset, matchHeader, placeholderReason } from '@matriz/core';
import { describe, expect, it } from 'vitest';

import { placeholderClassifier, placeholderWatches } from './placeholder-watch.ts';

const gd = getDataset('gd');
const column = (name: string) => gd.columns.find((c) => c.name === name)!;
const classify = (name: string, field: string): string | undefined => {
  const bytes = Buffer.from(`xx;${field};yy`, 'utf8');
  return placeholderClassifier(column(name))(bytes, 3, bytes.length - 3);
};

describe('placeholderClassifier', () => {
  // Each field as written in the file, and the value DuckDB 1.5.6 reads from it (checked with
  // read_csv and the product's options): one space before a quote still opens a quoted field,
  // two make the quote text, and spaces after a closing quote are dropped.
  it.each([
    ['substation_latitude_deg', '"0"', '0'],
    ['substation_latitude_deg', '"0" ', '0'],
    ['substation_latitude_deg', ' "0"', '0'],
    ['substation_latitude_deg', '  "0"', '  "0"'],
    ['substation_latitude_deg', ' 0 ', ' 0 '],
    ['substation_latitude_deg', '"-0,000"', '-0,000'],
    ['substation_latitude_deg', '"-23,5"', '-23,5'],
    ['substation_latitude_deg', `0,${'0'.repeat(323)}1`, `0,${'0'.repeat(323)}1`],
    ['substation_latitude_deg', '"\u00a00\u3000"', '\u00a00\u3000'],
    ['substation_latitude_deg', '""', ''],
    ['connection_date', '"1900-01-01" ', '1900-01-01'],
    ['connection_date', ' "1900-01-01"', '1900-01-01'],
    ['connection_date', '"1900-01-01 00:00:00"', '1900-01-01 00:00:00'],
    ['connection_date', '1900-01-01', '1900-01-01'],
  ])('%s %j counts as DuckDB reads it', (name, field, read) => {
    expect(classify(name, field)).toBe(placeholderReason(column(name), read));
  });

  it('sees a tiny number that underflows as the zero DuckDB makes of it', () => {
    expect(classify('latitude_deg', `-0,${'0'.repeat(323)}1`)).toBe('zero_coordinate');
  });
});

describe('placeholderWatches', () => {
  it('watches a column at its header position, even when the header name is padded', () => {
    const headers = gd.columns.map((c) => c.source);
    const at = headers.indexOf(column('substation_latitude_deg').source);
    headers[at] = ` ${headers[at]} `;
    const watches = placeholderWatches(gd, matchHeader(gd, headers, { file: 'gd.csv' }));
    expect(watches.columns).toContain('substation_latitude_deg');
    expect(watches.watch[watches.columns.indexOf('substation_latitude_deg')]?.field).toBe(at);
  });
});
