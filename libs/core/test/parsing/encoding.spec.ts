import { describe, expect, it } from 'vitest';

import {
  decodeSource,
  decodeWindows1252,
  detectEncoding,
  isValidUtf8,
  looksDoubleEncoded,
  stripBomText,
  stripUtf8Bom,
} from '../../src/index.ts';
import { fixtureBytes, readCsvFixture } from '../helpers/fixtures.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeWindows1252', () => {
  it('decodes the C2 bytes, including 0x80-0x9F', () => {
    // C2: `S\xE3o Jo\xE3o do Ficticio;Radia\xE7\xE3o solar;SE Exemplo \x96 Norte;D\x92Oeste`
    const raw = [
      ...Buffer.from('S'),
      0xe3,
      ...Buffer.from('o Jo'),
      0xe3,
      ...Buffer.from('o do Ficticio;Radia'),
      0xe7,
      0xe3,
      ...Buffer.from('o solar;SE Exemplo '),
      0x96,
      ...Buffer.from(' Norte;D'),
      0x92,
      ...Buffer.from('Oeste'),
    ];
    expect(decodeWindows1252(bytes(...raw)).split(';')).toEqual([
      'São João do Ficticio',
      'Radiação solar',
      'SE Exemplo – Norte',
      'D’Oeste',
    ]);
  });

  it.each([
    [0x80, '€'],
    [0x92, '’'],
    [0x93, '“'],
    [0x94, '”'],
    [0x96, '–'],
    [0x97, '—'],
    [0x81, '\u0081'],
    [0xe1, 'á'],
    [0xff, 'ÿ'],
  ])('maps byte 0x%s to %s', (byte, char) => {
    expect(decodeWindows1252(bytes(byte))).toBe(char);
  });
});

describe('detectEncoding', () => {
  it.each([
    ['pure ASCII', utf8('a;b;c'), true, 'utf-8'],
    ['UTF-8 accents', utf8('Operação;Hídrica'), true, 'utf-8'],
    ['UTF-8 with BOM', bytes(0xef, 0xbb, 0xbf, ...utf8('São')), true, 'utf-8'],
    ['Windows-1252 accent', bytes(0x53, 0xe3, 0x6f), true, 'windows-1252'],
    ['Windows-1252 dash', bytes(0x41, 0x20, 0x96, 0x20, 0x42), true, 'windows-1252'],
    ['overlong encoding', bytes(0xc0, 0xaf), true, 'windows-1252'],
    ['UTF-16 surrogate', bytes(0xed, 0xa0, 0x80), true, 'windows-1252'],
    ['beyond U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), true, 'windows-1252'],
  ] as const)('%s is %s', (_name, sample, complete, expected) => {
    expect(detectEncoding(sample, { complete })).toBe(expected);
  });

  it('accepts a sample cut inside a multi-byte sequence unless it is the whole file', () => {
    const cut = utf8('Operação').subarray(0, 6); // `Opera` + first byte of `ç`
    expect(detectEncoding(cut, { complete: false })).toBe('utf-8');
    expect(detectEncoding(cut, { complete: true })).toBe('windows-1252');
    expect(isValidUtf8(cut, { complete: false })).toBe(true);
  });

  it('still rejects a sample whose last sequence is already invalid', () => {
    expect(detectEncoding(bytes(0x41, 0xe3, 0x6f), { complete: false })).toBe('windows-1252');
  });
});

describe('BOM', () => {
  it('strips a UTF-8 BOM from bytes and from text', () => {
    expect(stripUtf8Bom(bytes(0xef, 0xbb, 0xbf, 0x41))).toEqual(bytes(0x41));
    expect(stripUtf8Bom(bytes(0x41))).toEqual(bytes(0x41));
    expect(stripBomText('\ufeffDatGeracaoConjuntoDados')).toBe('DatGeracaoConjuntoDados');
    expect(decodeSource(bytes(0xef, 0xbb, 0xbf, 0x41))).toEqual({
      text: 'A',
      encoding: 'utf-8',
      hadBom: true,
    });
  });
});

describe('looksDoubleEncoded', () => {
  it.each([
    ['SÃ£o João', true],
    ['OperaÃ§Ã£o', true],
    ['Dâ€™Oeste', true],
    ['São João', false],
    ['Operação – “C”', false],
    ['ANGLOGOLD ASHANTI', false],
  ])('%s -> %s', (text, expected) => {
    expect(looksDoubleEncoded(text)).toBe(expected);
  });

  it('passes UTF-8 through untouched', () => {
    expect(decodeSource(utf8('São João do Ficticio')).text).toBe('São João do Ficticio');
  });

  it('passes the UTF-8 SIGA 2026 sample through untouched and does not flag it', () => {
    const { encoding, text } = decodeSource(
      fixtureBytes('siga', 'siga-empreendimentos-geracao.2026-10-01.sample.csv'),
    );
    expect(encoding).toBe('utf-8');
    expect(text).toContain('"Operação";"Hídrica"');
    expect(looksDoubleEncoded(text)).toBe(false);
  });

  it('flags the same sample when its UTF-8 bytes are wrongly decoded as Windows-1252', () => {
    const bytes = fixtureBytes('siga', 'siga-empreendimentos-geracao.2026-10-01.sample.csv');
    const mangled = decodeWindows1252(bytes);
    expect(mangled).toContain('OperaÃ§Ã£o');
    expect(looksDoubleEncoded(mangled)).toBe(true);
  });
});

describe('the real agents fixture (Windows-1252, LF)', () => {
  const fixture = readCsvFixture('agentes', 'agentes-geracao-energia-eletrica.2024-09-01.csv');
  const names = fixture.rows.map((r) => r[2]);

  it('is detected as windows-1252', () => {
    expect(fixture.encoding).toBe('windows-1252');
  });

  it('decodes curly quotes and dashes intact', () => {
    expect(names).toContain('D’talia Agroindústria Ltda.');
    expect(names).toContain('Sabarálcool S.A. – Açúcar e Álcool');
    expect(fixture.rows.map((r) => r[5])).toContain(
      "Condomínio L'abitare – Torre “C” - Ed. Cortina D’Ampezzo",
    );
    expect(names.some((n) => n !== undefined && looksDoubleEncoded(n))).toBe(false);
  });
});
