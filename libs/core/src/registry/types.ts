/**
 * The shape of a dataset definition. Every ANEEL generation dataset the project knows is one
 * `DatasetDefinition` value in `registry/datasets/`. Everything else (silver SQL, gold SQL, quality
 * checks, Glue and BigQuery schemas, the offline portal) is derived from these values.
 */

/** Stable dataset ids used in the lake layout, the CLI and the catalog. */
export const DATASET_IDS = [
  'siga',
  'gd',
  'agentes',
  'capacidade_uf',
  'operacao_historico',
  'termeletricas',
  'ralie',
] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

/** Logical silver column types; each SQL dialect maps them to its own names. */
export type SilverType = 'string' | 'int64' | 'decimal' | 'double' | 'date' | 'boolean';

/**
 * How a raw source value is parsed. Each kind has one TypeScript parser (`parsing/values`) and one
 * SQL expression per dialect (`sql/dialects`), and both are tested against the same cases.
 */
export type ValueKind =
  /** Trimmed text; empty and `-` become NULL; `&amp-` becomes `&`. */
  | 'text'
  /** Like text, but compared against `allowed` or `normalise` to a canonical code. */
  | 'code'
  /** Brazilian decimal: `1.250,00`, `,85`, `-,5`; `-` and empty are NULL. */
  | 'decimal_br'
  /** Integer written with optional thousands dots; `-` and empty are NULL. */
  | 'integer'
  /** ISO `yyyy-mm-dd`, `dd-mm-yyyy` or `dd/mm/yyyy` (time part ignored). */
  | 'date'
  /** Month number 1..12, tolerating a trailing space (`3 `). */
  | 'month'
  /** Four-digit year. */
  | 'year'
  /** Latitude or longitude in decimal degrees with decimal comma; zero means unknown. */
  | 'coordinate'
  /** Brazilian state abbreviation (upper-cased, must be one of the 27). */
  | 'uf'
  /** CPF/CNPJ: digits kept with leading zeros; masked CPFs (`***.962.380-**`) kept masked. */
  | 'document'
  /** ANEEL numeric plant nucleus id, normalised to the 6-digit zero-padded form. */
  | 'ceg_nucleus';

/** How a column carrying personal data is handled on the way to silver. */
export type PiiHandling =
  /** Kept as published (already masked by ANEEL, or public company data). */
  | 'public'
  /** Natural-person values replaced by a salted hash; companies kept. */
  | 'pseudonymise'
  /** Not written to silver at all. */
  | 'drop';

export interface ColumnSpec {
  /** snake_case silver name, with the unit when it has one (`capacity_kw`). */
  readonly name: string;
  /** Header as ANEEL publishes it today. */
  readonly source: string;
  /** Other headers seen for the same column in earlier or later releases (matched ignoring case). */
  readonly aliases?: readonly string[];
  readonly kind: ValueKind;
  readonly type: SilverType;
  /** For `decimal`: digits after the point. */
  readonly scale?: number;
  /** Unit of the value, when it has one (`kW`, `degrees`, `percent`). */
  readonly unit?: string;
  /** What the value means, in one sentence. */
  readonly description: string;
  /** A file without this header is a schema-drift error (default true). */
  readonly required?: boolean;
  /**
   * Raw values that mean "unknown": they become NULL and are counted per reason, not rejected.
   * Compared with the trimmed raw text, exactly (`,00000000`, `1900-01-03`). Independently of
   * this list, a `coordinate` whose value is zero is always NULL with reason `zero_coordinate`.
   */
  readonly placeholders?: readonly string[];
  /**
   * For `code` columns: the canonical values; anything else goes to quarantine (`unknown_code`).
   * A raw value is accepted when it equals one of them after folding (see `normalise`), and is
   * then written in the spelling given here.
   */
  readonly allowed?: readonly string[];
  /**
   * For `code` columns: raw label to canonical value. Keys and raw values are compared folded:
   * trimmed, inner whitespace collapsed to one space, accents removed, lower-cased (so `Fóssil`,
   * `FOSSIL` and `fossil ` are one label). A raw value that is not a key but already equals a
   * canonical value (folded) is accepted too. When `normalise` is set, `allowed` lists exactly
   * its canonical values. A `code` column with neither is an open code: trimmed text.
   * For `type: 'boolean'` columns the canonical values are the strings `true` and `false`.
   */
  readonly normalise?: Readonly<Record<string, string>>;
  /** Inclusive range for numbers; a value outside goes to quarantine. */
  readonly range?: { readonly min?: number; readonly max?: number };
  /** Default `public`. Natural persons are told apart by the dataset's `naturalPerson` rule. */
  readonly pii?: PiiHandling;
}

export type Cadence = 'daily' | 'weekly' | 'monthly' | 'quarterly';

export interface DatasetDefinition {
  readonly id: DatasetId;
  readonly title: string;
  readonly description: string;
  readonly ckan: {
    /** CKAN package name (`package_show?id=`). */
    readonly packageId: string;
    /** Resource chosen inside the package: the CSV whose name or URL ends with this file name. */
    readonly fileName: string;
  };
  /**
   * How often ANEEL publishes a new snapshot, and how many days late it may be. `ckanFrequency`
   * is the value ANEEL declares in the CKAN package extras under the key
   * `Frequência de atualização` (see `CKAN_FREQUENCY_EXTRA`), e.g. `Mensal`; a run can compare it
   * with `package_show` to notice a cadence change.
   */
  readonly cadence: {
    readonly every: Cadence;
    readonly graceDays: number;
    readonly ckanFrequency?: string;
  };
  /** Business key as silver column names; uniqueness is checked on it. */
  readonly key: readonly string[];
  /** Silver column that holds the snapshot's own date (`DatGeracaoConjuntoDados`). */
  readonly dataDateColumn: string;
  readonly columns: readonly ColumnSpec[];
  /**
   * When the source has duplicate keys, how silver picks one row (documented, deterministic).
   * Silver keeps every row; per key and data date, the first row in `orderBy` order (silver column
   * names, each optionally followed by ` DESC`, NULLs last; `source_row` is appended so ties
   * cannot happen) gets
   * `is_primary_row = true` (see `PRIMARY_ROW_COLUMN`), the others `false`. Consumers that want
   * one row per key filter on it; the uniqueness check still reports the duplicates.
   */
  readonly dedupe?: { readonly orderBy: readonly string[]; readonly note: string };
  /**
   * What the first snapshot of the dataset becomes on the change stream. `publish` (default):
   * one `inserted` event per key, so the state store holds every entity. `baseline`: no events;
   * later snapshots are diffed against it. For datasets of millions of rows (distributed
   * generation: 4.6M units), where an initial load would write every row twice more (events file
   * and stream) and the state store is meant for what changes.
   */
  readonly initialSnapshot?: 'publish' | 'baseline';
  /**
   * How rows about natural persons are recognised, for columns with `pii: 'pseudonymise'`.
   * `masked_or_empty_document`: the document column (silver name) holds a masked CPF
   * (`***.962.380-**`, i.e. contains `*`) or is empty/NULL.
   */
  readonly naturalPerson?: {
    readonly documentColumn: string;
    readonly rule: 'masked_or_empty_document';
    readonly note: string;
  };
  /** Provenance and known gaps of this definition (which releases and documents it follows). */
  readonly notes?: readonly string[];
}

/** CKAN package extra that carries ANEEL's declared update frequency. */
export const CKAN_FREQUENCY_EXTRA = 'Frequência de atualização';

/** Meta column added to every silver table: the snapshot's data date (from the bronze path). */
export const DATA_DATE_COLUMN = 'data_date';
/** Meta column added to every silver table: 1-based position of the record among the data rows. */
export const SOURCE_ROW_COLUMN = 'source_row';
/** Meta column added to silver tables of datasets with `dedupe`: one `true` per business key. */
export const PRIMARY_ROW_COLUMN = 'is_primary_row';
