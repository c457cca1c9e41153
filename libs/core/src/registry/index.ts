/**
 * The dataset registry: one `DatasetDefinition` per ANEEL dataset, and what is derived from it.
 *
 * Naming convention for silver columns (applied once here, in the dataset files):
 * - snake_case English names; the Portuguese source header lives in `source` (+ `aliases`).
 * - a unit ends the name when the value has one: `capacity_granted_kw`, `latitude_deg`,
 *   `ownership_share_pct`, `connection_voltage_kv`.
 * - identifiers are `<thing>_id_<issuer>`: `plant_id_ceg` (ANEEL's CEG), `plant_nucleus_id_ceg`,
 *   `plant_id_mmgd`, `distributor_id_cnpj`, `municipality_id_ibge`, `agent_id_cpf_cnpj`.
 * - booleans start with `is_`/`has_` (`is_qualified_cogeneration`, `is_primary_row`).
 * - dates end in `_date` (`operation_start_date`); months and years of aggregates are
 *   `reference_month`/`reference_year`; counts end in `_count` or are plain plurals of a thing.
 * - codes are lower-case English (`operating`, `fossil`) except official abbreviations kept as
 *   published (`UFV`, `SP`).
 * Every silver table also has the meta columns `data_date` and `source_row`, plus
 * `is_primary_row` when the dataset has a `dedupe` rule.
 */
import { z } from 'zod';

import { UnknownDatasetError } from '../parsing/errors.ts';
import { agentes } from './datasets/agentes.ts';
import { capacidadeUf } from './datasets/capacidade-uf.ts';
import { gd } from './datasets/gd.ts';
import { operacaoHistorico } from './datasets/operacao-historico.ts';
import { ralie } from './datasets/ralie.ts';
import { siga } from './datasets/siga.ts';
import { termeletricas } from './datasets/termeletricas.ts';
import {
  DATA_DATE_COLUMN,
  DATASET_IDS,
  PRIMARY_ROW_COLUMN,
  SOURCE_ROW_COLUMN,
  type ColumnSpec,
  type DatasetDefinition,
  type DatasetId,
  type SilverType,
} from './types.ts';

export * from './codes.ts';
export * from './dedupe.ts';

/** Every dataset definition, by id. */
export const datasets: Readonly<Record<DatasetId, DatasetDefinition>> = {
  siga,
  gd,
  agentes,
  capacidade_uf: capacidadeUf,
  operacao_historico: operacaoHistorico,
  termeletricas,
  ralie,
};

/** All definitions in `DATASET_IDS` order. */
export function listDatasets(): readonly DatasetDefinition[] {
  return DATASET_IDS.map((id) => datasets[id]);
}

/** Whether `value` is a registered dataset id. */
export function isDatasetId(value: unknown): value is DatasetId {
  return typeof value === 'string' && (DATASET_IDS as readonly string[]).includes(value);
}

/**
 * The definition of one dataset.
 * @throws UnknownDatasetError (code `unknown_dataset`) naming the id and listing the valid ones.
 */
export function getDataset(id: string): DatasetDefinition {
  if (!isDatasetId(id)) throw new UnknownDatasetError(id, DATASET_IDS);
  return datasets[id];
}

/** One column of a silver table: from the source (`spec` set) or added by the pipeline. */
export interface SilverColumn {
  readonly name: string;
  readonly type: SilverType;
  readonly scale?: number;
  readonly unit?: string;
  readonly description: string;
  /** `source`: parsed from a source header; `meta`: added by the pipeline. */
  readonly origin: 'source' | 'meta';
  /** Meta columns are never NULL; source columns may be. */
  readonly nullable: boolean;
  readonly spec?: ColumnSpec;
}

/**
 * The columns of the dataset's silver table, in order: the registry columns except those with
 * `pii: 'drop'`, then `data_date` (date), `source_row` (int64), and `is_primary_row` (boolean)
 * when the dataset has a `dedupe` rule.
 */
export function silverColumns(def: DatasetDefinition): readonly SilverColumn[] {
  const fromSource = def.columns
    .filter((c) => c.pii !== 'drop')
    .map(
      (c): SilverColumn => ({
        name: c.name,
        type: c.type,
        ...(c.scale !== undefined ? { scale: c.scale } : {}),
        ...(c.unit !== undefined ? { unit: c.unit } : {}),
        description: c.description,
        origin: 'source',
        nullable: true,
        spec: c,
      }),
    );
  const meta: SilverColumn[] = [
    {
      name: DATA_DATE_COLUMN,
      type: 'date',
      description: 'Data date of the snapshot the row belongs to (the bronze partition).',
      origin: 'meta',
      nullable: false,
    },
    {
      name: SOURCE_ROW_COLUMN,
      type: 'int64',
      description: '1-based position of the record among the data rows of the source file.',
      origin: 'meta',
      nullable: false,
    },
  ];
  if (def.dedupe) {
    meta.push({
      name: PRIMARY_ROW_COLUMN,
      type: 'boolean',
      description: `True for the one row per business key chosen by the dedupe rule: ${def.dedupe.note}`,
      origin: 'meta',
      nullable: false,
    });
  }
  return [...fromSource, ...meta];
}

/** The column a source header (canonical or alias, any case) maps to, if any. */
export function columnForHeader(def: DatasetDefinition, header: string): ColumnSpec | undefined {
  const wanted = header.trim().toLowerCase();
  return def.columns.find(
    (c) =>
      c.source.toLowerCase() === wanted ||
      (c.aliases ?? []).some((a) => a.toLowerCase() === wanted),
  );
}

/**
 * Zod schema of one raw source row: the text of every field keyed by canonical source header
 * (`MdaPotenciaOutorgadaKw`), as produced by header matching. Columns with `required: false`
 * may be absent. Extra keys are stripped.
 */
export function sourceRowSchema(def: DatasetDefinition) {
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const c of def.columns) {
    shape[c.source] = c.required === false ? z.string().optional() : z.string();
  }
  return z.object(shape);
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-mm-dd');

function silverValueSchema(column: SilverColumn): z.ZodType {
  const spec = column.spec;
  let schema: z.ZodType;
  switch (column.type) {
    case 'string':
      schema =
        spec?.allowed && spec.allowed.length > 0
          ? z.enum(spec.allowed as [string, ...string[]])
          : z.string();
      break;
    case 'int64':
    case 'decimal':
    case 'double': {
      let n = column.type === 'int64' ? z.number().int() : z.number();
      if (spec?.range?.min !== undefined) n = n.min(spec.range.min);
      if (spec?.range?.max !== undefined) n = n.max(spec.range.max);
      schema = n;
      break;
    }
    case 'date':
      schema = isoDate;
      break;
    case 'boolean':
      schema = z.boolean();
      break;
  }
  return column.nullable ? schema.nullable() : schema;
}

/**
 * Zod schema of one typed silver row, for consumers and notebooks: numbers as JS numbers,
 * dates as `yyyy-mm-dd` strings, codes restricted to their allowed values, ranges enforced,
 * source columns nullable, meta columns not.
 */
export function silverRowSchema(def: DatasetDefinition) {
  const shape: Record<string, z.ZodType> = {};
  for (const column of silverColumns(def)) shape[column.name] = silverValueSchema(column);
  return z.object(shape);
}
