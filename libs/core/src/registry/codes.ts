/**
 * Closed code sets shared by several datasets. Values are the canonical silver spellings; the
 * `normalise` maps take ANEEL's Portuguese labels (matched folded: no accents, no case).
 */

/** The 27 federative units (26 states and the Federal District), by IBGE abbreviation. */
export const UF_CODES = [
  'AC',
  'AL',
  'AM',
  'AP',
  'BA',
  'CE',
  'DF',
  'ES',
  'GO',
  'MA',
  'MG',
  'MS',
  'MT',
  'PA',
  'PB',
  'PE',
  'PI',
  'PR',
  'RJ',
  'RN',
  'RO',
  'RR',
  'RS',
  'SC',
  'SE',
  'SP',
  'TO',
] as const;
export type UfCode = (typeof UF_CODES)[number];

/**
 * ANEEL generation types (`SigTipoGeracao`), as listed in the SIGA and GD dictionaries:
 * CGH small hydro (<= 5 MW), CGU wave, EOL wind, PCH small hydro, UFV solar PV, UHE hydro,
 * UTE thermal, UTN nuclear.
 */
export const GENERATION_TYPES = ['CGH', 'CGU', 'EOL', 'PCH', 'UFV', 'UHE', 'UTE', 'UTN'] as const;
export type GenerationType = (typeof GENERATION_TYPES)[number];

/** `DscFaseUsina` label to canonical phase. */
export const PHASE_NORMALISE = {
  Operação: 'operating',
  Construção: 'under_construction',
  'Construção não iniciada': 'not_started',
} as const;
export const PHASES = ['operating', 'under_construction', 'not_started'] as const;

/** Portuguese yes/no indicator (`IdcGeracaoQualificada`) to the boolean canonical strings. */
export const YES_NO_NORMALISE = { Sim: 'true', Não: 'false' } as const;
export const BOOLEAN_CODES = ['true', 'false'] as const;

/**
 * Brazil's bounding box in decimal degrees, including the oceanic islands (Fernando de Noronha,
 * Trindade, São Pedro e São Paulo) with a small margin. A coordinate outside is quarantined.
 */
export const BRAZIL_BOUNDS = {
  latitude: { min: -34, max: 5.5 },
  longitude: { min: -74.5, max: -28.5 },
} as const;
