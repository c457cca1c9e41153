import { describe, expect, it } from 'vitest';

import { ParseError, splitCsvLine, splitLines } from '../../src/index.ts';

describe('splitCsvLine', () => {
  it.each([
    ['bare fields', 'a;b;c', ['a', 'b', 'c']],
    ['empty fields', 'a;;c;', ['a', '', 'c', '']],
    ['quoted fields', '"2026-10-01";"E";"000008"', ['2026-10-01', 'E', '000008']],
    ['separator inside quotes', '"A; B";"C"', ['A; B', 'C']],
    ['escaped quotes', '"say ""hi""";x', ['say "hi"', 'x']],
    ['empty quoted field', '"";"-"', ['', '-']],
    ['CRLF ending', 'a;b\r\n', ['a', 'b']],
    ['LF ending', 'a;b\n', ['a', 'b']],
    ['CR ending', '"a";"b"\r', ['a', 'b']],
    ['spaces kept', ' a ;" 41 - Das Velhas"', [' a ', ' 41 - Das Velhas']],
    ['single field', 'x', ['x']],
  ])('splits %s', (_name, line, expected) => {
    expect(splitCsvLine(line)).toEqual(expected);
  });

  it('takes another separator', () => {
    expect(splitCsvLine('a,"b,c"', { separator: ',' })).toEqual(['a', 'b,c']);
  });

  it('throws a ParseError naming the row on an unterminated quote', () => {
    const call = () => splitCsvLine('"a;b', { file: 'x.csv', row: 7 });
    expect(call).toThrow(ParseError);
    expect(call).toThrow(/row 7/);
  });
});

describe('splitLines', () => {
  it('accepts CRLF, LF and CR and drops the final empty line', () => {
    expect(splitLines('h\r\na\nb\rc\r\n')).toEqual(['h', 'a', 'b', 'c']);
  });
});
