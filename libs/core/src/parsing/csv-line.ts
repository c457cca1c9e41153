import { ParseError } from './errors.ts';

export interface SplitOptions {
  /** Field separator (default `;`, ANEEL's). */
  readonly separator?: string;
  /** For error messages. */
  readonly file?: string;
  /** 1-based data row, for error messages. */
  readonly row?: number;
}

/**
 * Splits one CSV line into its fields. Fields may be bare (`a;b`) or double-quoted
 * (`"a";"b"`), a quoted field may hold the separator and `""` for a quote; a trailing CR and/or
 * LF is ignored (ANEEL serves CRLF, copies in the wild may be LF). Bare fields are returned as
 * they are (no trimming); the value parsers trim.
 * @throws ParseError (`unterminated quoted field`) when a quote opens and never closes: the
 *   line is probably cut in the middle of a quoted field that spans lines.
 */
export function splitCsvLine(line: string, options: SplitOptions = {}): string[] {
  const separator = options.separator ?? ';';
  const text = line.replace(/\r?\n?$/, '').replace(/\r$/, '');
  const fields: string[] = [];
  let i = 0;

  for (;;) {
    if (text[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const quote = text.indexOf('"', j);
        if (quote === -1) {
          throw new ParseError({
            reason: 'unterminated quoted field',
            value: text.slice(i),
            ...(options.file !== undefined ? { file: options.file } : {}),
            ...(options.row !== undefined ? { row: options.row } : {}),
          });
        }
        value += text.slice(j, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          j = quote + 2;
          continue;
        }
        j = quote + 1;
        break;
      }
      // Text between the closing quote and the separator is kept, as lenient readers do.
      const end = text.indexOf(separator, j);
      fields.push(value + (end === -1 ? text.slice(j) : text.slice(j, end)));
      if (end === -1) return fields;
      i = end + separator.length;
    } else {
      const end = text.indexOf(separator, i);
      fields.push(end === -1 ? text.slice(i) : text.slice(i, end));
      if (end === -1) return fields;
      i = end + separator.length;
    }
  }
}

/**
 * Splits decoded text into physical lines, accepting CRLF, LF and lone CR; a final line break
 * does not produce an empty last line.
 */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
