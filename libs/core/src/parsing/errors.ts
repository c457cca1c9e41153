/**
 * Error classes of the core library. Each has a stable snake_case `code`; messages name the bad
 * value in backticks and end with what to do. Callers match on `code`, never on the message.
 */

/** Base class: every error the core throws on purpose. */
export class MatrizError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A dataset id that is not in the registry. */
export class UnknownDatasetError extends MatrizError {
  readonly datasetId: string;
  readonly validIds: readonly string[];

  constructor(datasetId: string, validIds: readonly string[]) {
    super(
      'unknown_dataset',
      `Unknown dataset \`${datasetId}\`. Valid ids: ${validIds.join(', ')}. ` +
        'Use one of them, or add a definition in libs/core/src/registry/datasets/.',
    );
    this.datasetId = datasetId;
    this.validIds = validIds;
  }
}

export interface SchemaDriftDetails {
  readonly dataset: string;
  readonly file: string;
  /** Expected source headers that are absent, sorted. */
  readonly missing: readonly string[];
  /** Headers in the file that map to no column, sorted. */
  readonly unexpected: readonly string[];
  /** Every header the registry accepts (canonical source names), sorted. */
  readonly expected: readonly string[];
}

/** A file whose header lacks required columns (or, when strict, has unknown ones). */
export class SchemaDriftError extends MatrizError {
  readonly details: SchemaDriftDetails;

  constructor(details: SchemaDriftDetails) {
    const list = (values: readonly string[]) =>
      values.length === 0 ? '(none)' : values.map((v) => `\`${v}\``).join(', ');
    super(
      'schema_drift',
      `Schema drift in dataset \`${details.dataset}\`, file \`${details.file}\`: ` +
        `missing ${list(details.missing)}; unexpected ${list(details.unexpected)}. ` +
        `Expected headers: ${details.expected.join(', ')}. ` +
        "If ANEEL renamed a column, add the new header to the column's `aliases` in the registry.",
    );
    this.details = details;
  }
}

export interface ParseErrorDetails {
  readonly reason: string;
  readonly file?: string;
  /** 1-based data row (header not counted). */
  readonly row?: number;
  readonly column?: string;
  readonly value?: string;
}

/** A value or line that cannot be parsed, with where it was found. */
export class ParseError extends MatrizError {
  readonly reason: string;
  readonly file: string | undefined;
  readonly row: number | undefined;
  readonly column: string | undefined;
  readonly value: string | undefined;

  constructor(details: ParseErrorDetails, options?: { cause?: unknown }) {
    const where = [
      details.file !== undefined ? `file \`${details.file}\`` : undefined,
      details.row !== undefined ? `row ${details.row}` : undefined,
      details.column !== undefined ? `column \`${details.column}\`` : undefined,
    ]
      .filter((part) => part !== undefined)
      .join(', ');
    const value = details.value !== undefined ? ` value \`${details.value}\`` : '';
    super(
      'parse_error',
      `Cannot parse${value}${where ? ` (${where})` : ''}: ${details.reason}. ` +
        'Check the source bytes; if the format is new, extend the parser for its value kind.',
      options,
    );
    this.reason = details.reason;
    this.file = details.file;
    this.row = details.row;
    this.column = details.column;
    this.value = details.value;
  }
}
