import iconv from 'iconv-lite';

/** A CSV file as the datastore sees it: the header and every row as text. */
export interface CsvTable {
  readonly fields: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * Text of a CSV file: strict UTF-8 when the bytes are valid UTF-8, else Windows-1252 (ANEEL's
 * usual encoding; Node's own `windows-1252` decoder maps 0x80-0x9F to control characters, so
 * iconv-lite is used). A UTF-8 BOM is dropped.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252');
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * Parses delimited text: `"` quotes with `""` escapes, CRLF or LF line ends, a trailing line end
 * ignored. The separator is `;` unless the header line has commas and no semicolon.
 */
export function parseCsv(text: string): CsvTable {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = !firstLine.includes(';') && firstLine.includes(',') ? ',' : ';';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else field += ch;
    i += 1;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [fields = [], ...data] = rows;
  return { fields, rows: data };
}
