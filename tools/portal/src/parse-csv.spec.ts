import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseCsv } from './parse-csv.ts';

describe('decodeCsvBytes', () => {
  it('decodes Windows-1252 when the bytes are not UTF-8 (field case C2)', () => {
    const bytes = Buffer.from('S\xE3o Jo\xE3o;SE Exemplo \x96 Norte;D\x92Oeste', 'latin1');
    expect(decodeCsvBytes(bytes)).toBe('São João;SE Exemplo – Norte;D’Oeste');
  });

  it('keeps UTF-8 and drops a BOM', () => {
    expect(decodeCsvBytes(Buffer.from('\uFEFFSão João', 'utf8'))).toBe('São João');
  });
});

describe('parseCsv', () => {
  it('reads quoted SIGA rows with CRLF', () => {
    const table = parseCsv('"A";"B"\r\n"1";",00"\r\n"x""y";""\r\n');
    expect(table).toEqual({
      fields: ['A', 'B'],
      rows: [
        ['1', ',00'],
        ['x"y', ''],
      ],
    });
  });

  it('reads unquoted LF rows and keeps trailing spaces', () => {
    expect(parseCsv('Mes;Ano\n3 ;2024\n12;2024').rows).toEqual([
      ['3 ', '2024'],
      ['12', '2024'],
    ]);
  });

  it('uses commas for a header without semicolons', () => {
    expect(parseCsv('a,b\n1,2\n').rows).toEqual([['1', '2']]);
  });
});
