/**
 * Column specs that several ANEEL files share with the same meaning. Each dataset file still
 * lists every one of its columns; these builders only keep the wording and the rules identical.
 */
import { BRAZIL_BOUNDS, GENERATION_TYPES, PHASE_NORMALISE, PHASES, UF_CODES } from './codes.ts';
import type { ColumnSpec } from './types.ts';

/** `DatGeracaoConjuntoDados`: the date ANEEL generated the file (its own snapshot date). */
export function generatedDateColumn(format: string): ColumnSpec {
  return {
    name: 'dataset_generated_date',
    source: 'DatGeracaoConjuntoDados',
    kind: 'date',
    type: 'date',
    description: `Date ANEEL generated this snapshot of the dataset (published as ${format}).`,
  };
}

/** `SigTipoGeracao`: one of the eight ANEEL generation types. */
export function generationTypeColumn(): ColumnSpec {
  return {
    name: 'generation_type',
    source: 'SigTipoGeracao',
    kind: 'code',
    type: 'string',
    allowed: GENERATION_TYPES,
    description:
      'ANEEL generation type: CGH, CGU, EOL, PCH, UFV, UHE, UTE or UTN (see `GENERATION_TYPES`).',
  };
}

/** `DscFaseUsina`: plant phase, normalised to `operating`, `under_construction`, `not_started`. */
export function phaseColumn(): ColumnSpec {
  return {
    name: 'phase',
    source: 'DscFaseUsina',
    kind: 'code',
    type: 'string',
    allowed: PHASES,
    normalise: PHASE_NORMALISE,
    description:
      'Plant phase: `operating` (Operação), `under_construction` (Construção) or `not_started` ' +
      '(Construção não iniciada).',
  };
}

/** A federative-unit abbreviation column. */
export function stateCodeColumn(source: string, description: string): ColumnSpec {
  return {
    name: 'state_code',
    source,
    kind: 'uf',
    type: 'string',
    allowed: UF_CODES,
    description,
  };
}

/** The 6-digit nucleus of the CEG plant code (`IdeNucleoCEG`), zero-padded. */
export function cegNucleusColumn(): ColumnSpec {
  return {
    name: 'plant_nucleus_id_ceg',
    source: 'IdeNucleoCEG',
    kind: 'ceg_nucleus',
    type: 'string',
    description:
      'Numeric nucleus of the CEG plant code, zero-padded to 6 digits (`8` and `000008` are one ' +
      'plant); joins SIGA, agents and RALIE.',
  };
}

/** `CodCEG`: ANEEL's unique generation-plant code `GGG.FF.UF.999999-D.VV`. */
export function cegColumn(): ColumnSpec {
  return {
    name: 'plant_id_ceg',
    source: 'CodCEG',
    kind: 'text',
    type: 'string',
    description:
      "CEG, ANEEL's unique plant code `GGG.FF.UF.999999-D.VV`: generation type, fuel (FF, not " +
      'the state), main state, nucleus, check digit and version.',
  };
}

/** Reference month of an aggregate row (`MesReferencia`, published with a trailing space). */
export function referenceMonthColumn(): ColumnSpec {
  return {
    name: 'reference_month',
    source: 'MesReferencia',
    kind: 'month',
    type: 'int64',
    range: { min: 1, max: 12 },
    description: 'Month (1..12) the figures refer to; one-digit months carry a trailing space.',
  };
}

/** Reference year of an aggregate row (`AnoReferencia`). */
export function referenceYearColumn(): ColumnSpec {
  return {
    name: 'reference_year',
    source: 'AnoReferencia',
    kind: 'year',
    type: 'int64',
    range: { min: 1900, max: 2100 },
    description: 'Year the figures refer to.',
  };
}

/** Installed capacity in kW of an aggregate row (`MdaPotenciaInstaladaKW`, any capitalisation). */
export function installedCapacityColumn(source: string, description: string): ColumnSpec {
  return {
    name: 'capacity_installed_kw',
    source,
    aliases: ['MdaPotenciaInstaladaKW', 'MdaPotenciaInstaladakW'].filter((a) => a !== source),
    kind: 'decimal_br',
    type: 'decimal',
    scale: 2,
    unit: 'kW',
    range: { min: 0 },
    description,
  };
}

/** A latitude in decimal degrees, inside Brazil's bounding box; zero means unknown. */
export function latitudeColumn(
  name: string,
  source: string,
  description: string,
  placeholders?: readonly string[],
): ColumnSpec {
  return {
    name,
    source,
    kind: 'coordinate',
    type: 'double',
    unit: 'degrees',
    range: BRAZIL_BOUNDS.latitude,
    description,
    ...(placeholders ? { placeholders } : {}),
  };
}

/** A longitude in decimal degrees, inside Brazil's bounding box; zero means unknown. */
export function longitudeColumn(
  name: string,
  source: string,
  description: string,
  placeholders?: readonly string[],
): ColumnSpec {
  return {
    name,
    source,
    kind: 'coordinate',
    type: 'double',
    unit: 'degrees',
    range: BRAZIL_BOUNDS.longitude,
    description,
    ...(placeholders ? { placeholders } : {}),
  };
}
