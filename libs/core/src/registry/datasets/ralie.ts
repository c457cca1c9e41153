import {
  cegColumn,
  cegNucleusColumn,
  generatedDateColumn,
  generationTypeColumn,
  stateCodeColumn,
} from '../shared-columns.ts';
import type { ColumnSpec, DatasetDefinition } from '../types.ts';

/** A RALIE text column that is not part of the header every source agrees on. */
function optionalText(name: string, source: string, description: string): ColumnSpec {
  return { name, source, kind: 'text', type: 'string', required: false, description };
}

/**
 * RALIE: ANEEL's monthly follow-up of plants under construction (works, licences, connection).
 *
 * NO SAMPLE FILE AND NO DICTIONARY WERE AVAILABLE. The header below is the leading part of
 * `ralie-usina.csv` as published by ANEEL and read by several independent public projects
 * (seen December 2026): a test fixture with the literal header line
 * (`DatGeracaoConjuntoDados;DatRalie;IdeNucleoCEG;CodCEG;SigUFPrincipal;...`), a Postgres schema
 * and a TypeScript model written against the CKAN datastore, which agree on the first 17 columns
 * and their order. Those are required. The file has many more columns (about 50 planned and
 * realised milestone dates: `DatInicioObraOutorgado`, `DatInicioObraRealizado`, ... and licence
 * situations); a few descriptive ones are defined as optional, the rest are reported as added
 * columns by header matching until a real file is read. Value formats (dates, decimals) are
 * not confirmed: the tolerant parsers accept ISO and `dd/mm/yyyy`, comma decimals.
 */
export const ralie: DatasetDefinition = {
  id: 'ralie',
  title: 'RALIE: expansion of generation supply',
  description:
    'Monthly follow-up of granted plants not yet in full operation: works and schedule ' +
    'situation, viability, grid connection and energy trading. One row per plant and report.',
  ckan: {
    packageId:
      'ralie-relatorio-de-acompanhamento-da-expansao-da-oferta-de-geracao-de-energia-eletrica',
    fileName: 'ralie-usina.csv',
  },
  cadence: { every: 'monthly', graceDays: 31 },
  key: ['plant_id_ceg'],
  dataDateColumn: 'dataset_generated_date',
  notes: [
    'No ANEEL sample or dictionary available: header taken from public code that reads the ' +
      'published file; only the 17 columns all sources agree on are required.',
  ],
  columns: [
    generatedDateColumn('a date (format not confirmed)'),
    {
      name: 'ralie_date',
      source: 'DatRalie',
      kind: 'date',
      type: 'date',
      description: 'Reference date of the RALIE report the row belongs to.',
    },
    cegNucleusColumn(),
    cegColumn(),
    stateCodeColumn('SigUFPrincipal', 'Main federative unit of the plant (abbreviation).'),
    {
      name: 'fuel_origin_label',
      source: 'DscOrigemCombustivel',
      kind: 'text',
      type: 'string',
      description: 'Origin of the energy source as published (`Solar`, `Eólica`, `Fóssil`, ...).',
    },
    generationTypeColumn(),
    {
      name: 'plant_name',
      source: 'NomEmpreendimento',
      kind: 'text',
      type: 'string',
      description: 'Plant name as registered.',
    },
    {
      name: 'capacity_granted_kw',
      source: 'MdaPotenciaOutorgadaKw',
      kind: 'decimal_br',
      type: 'decimal',
      scale: 2,
      unit: 'kW',
      range: { min: 0 },
      description: 'Granted capacity of the plant.',
    },
    {
      name: 'owners_text',
      source: 'DscPropriRegimePariticipacao',
      kind: 'text',
      type: 'string',
      pii: 'drop',
      description:
        'Owners with share and regime, free text that can name natural persons (as in SIGA): ' +
        'not written to silver.',
    },
    {
      name: 'connection_type',
      source: 'DscTipoConexao',
      kind: 'text',
      type: 'string',
      description: 'Kind of grid connection (transmission or distribution) as published.',
    },
    {
      name: 'connection_name',
      source: 'NomConexao',
      kind: 'text',
      type: 'string',
      description: 'Substation or line the plant connects to.',
    },
    {
      name: 'connection_voltage_kv',
      source: 'MdaTensaoConexao',
      kind: 'decimal_br',
      type: 'decimal',
      scale: 2,
      unit: 'kV',
      range: { min: 0 },
      description: 'Voltage of the grid connection.',
    },
    {
      name: 'connection_company_name',
      source: 'NomEmpresaConexao',
      kind: 'text',
      type: 'string',
      description: 'Company that owns the connection point.',
    },
    {
      name: 'connection_company_id_cnpj',
      source: 'NumCnpjEmpresaConexao',
      kind: 'document',
      type: 'string',
      description: 'CNPJ of the company that owns the connection point.',
    },
    {
      name: 'viability',
      source: 'DscViabilidade',
      kind: 'text',
      type: 'string',
      description: "ANEEL's assessment of the plant's viability as published (high, medium, low).",
    },
    {
      name: 'works_situation',
      source: 'DscSituacaoObra',
      kind: 'text',
      type: 'string',
      description: 'Situation of the works as published.',
    },
    {
      name: 'works_start_forecast_date',
      source: 'DatPrevisaoInicioObra',
      kind: 'date',
      type: 'date',
      required: false,
      description: 'Forecast start of works.',
    },
    optionalText(
      'forecast_justification',
      'DscJustificativaPrevisao',
      'Justification given for the forecast.',
    ),
    optionalText('energy_trading', 'DscComercializacaoEnergia', 'How the energy is traded.'),
    optionalText('grid_system', 'DscSistema', 'Electric system (interconnected or isolated).'),
    optionalText('schedule_situation', 'DscSituacaoCronograma', 'Situation of the schedule.'),
    optionalText('complex_name', 'NomComplexo', 'Name of the complex the plant belongs to.'),
  ],
};
