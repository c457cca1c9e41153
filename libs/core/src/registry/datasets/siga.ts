import { YES_NO_NORMALISE, BOOLEAN_CODES } from '../codes.ts';
import {
  cegColumn,
  cegNucleusColumn,
  generatedDateColumn,
  generationTypeColumn,
  latitudeColumn,
  longitudeColumn,
  phaseColumn,
  stateCodeColumn,
} from '../shared-columns.ts';
import type { DatasetDefinition } from '../types.ts';

/**
 * SIGA: every generation plant ANEEL knows, in every phase, one row per plant and grant type.
 *
 * Follows ANEEL's dictionary v1.1 (19-4-2022) and the files of 2022-06-01 and 2026-10-01.
 * Quirks (seen in both files): every field double-quoted; decimals with a comma and no leading
 * zero (`,85847950`); missing coordinates published as `,00000000`, unknown garantia física as
 * `,00`, not-yet-known operation dates as `1900-01-03`; `&` published as `&amp-`; sub-basin with
 * a leading space; the official header misspellings `DscPropriRegimePariticipacao` and
 * `DscMuninicpios`. The dictionary calls the inspected capacity `MdaPotenciaFinalizadaKw`; the
 * files say `MdaPotenciaFiscalizadaKw` (kept as an alias).
 */
export const siga: DatasetDefinition = {
  id: 'siga',
  title: 'SIGA: generation plants',
  description:
    "Every generation plant registered in ANEEL's SIGA, from grant to operation, with " +
    'capacities, fuel, location and owners. One row per plant and grant type.',
  ckan: {
    packageId: 'siga-sistema-de-informacoes-de-geracao-da-aneel',
    fileName: 'siga-empreendimentos-geracao.csv',
  },
  cadence: { every: 'monthly', graceDays: 15, ckanFrequency: 'Mensal' },
  key: ['plant_id_ceg'],
  dataDateColumn: 'dataset_generated_date',
  dedupe: {
    orderBy: ['grant_type', 'source_row'],
    note:
      'SIGA repeats a CEG once per grant type when a plant holds two (seen 2022-06-01 and ' +
      '2026-10-01: PCH.PH.TO.000031-0.1 and PCH.PH.SC.028744-0.1, Autorização and Concessão, ' +
      'every other field equal). All rows stay in silver; the primary row per CEG is the one ' +
      'with the smallest canonical grant_type (authorisation < concession < registration), then ' +
      'the earliest source_row. Capacity sums over plants must filter is_primary_row.',
  },
  notes: [
    'Dictionary: dm-siga-sistema-de-informacoes-de-geracao-da-aneel.pdf v1.1 (19-4-2022).',
    'Files read: 2022-06-01 (15,455 rows, Windows-1252, CRLF) and a 74-row sample of 2026-10-01.',
  ],
  columns: [
    generatedDateColumn('`yyyy-mm-dd`'),
    {
      name: 'plant_name',
      source: 'NomEmpreendimento',
      kind: 'text',
      type: 'string',
      description: 'Plant name as registered (may be a single letter, e.g. `E`).',
    },
    cegNucleusColumn(),
    cegColumn(),
    stateCodeColumn('SigUFPrincipal', 'Main federative unit of the plant (abbreviation).'),
    generationTypeColumn(),
    phaseColumn(),
    {
      name: 'fuel_origin',
      source: 'DscOrigemCombustivel',
      kind: 'code',
      type: 'string',
      allowed: ['biomass', 'fossil', 'hydro', 'nuclear', 'solar', 'wave', 'wind'],
      normalise: {
        Biomassa: 'biomass',
        Fóssil: 'fossil',
        Hídrica: 'hydro',
        Nuclear: 'nuclear',
        Solar: 'solar',
        'Undi-Elétrica': 'wave',
        Eólica: 'wind',
      },
      description: 'Origin of the energy source (Biomassa, Fóssil, Hídrica, ...), normalised.',
    },
    {
      name: 'fuel_source',
      source: 'DscFonteCombustivel',
      kind: 'text',
      type: 'string',
      description:
        'Source type within the origin as published (`Radiação solar`, `Petróleo`, ' +
        '`Potencial hidráulico`, ...).',
    },
    {
      name: 'grant_type',
      source: 'DscTipoOutorga',
      kind: 'code',
      type: 'string',
      allowed: ['authorisation', 'concession', 'registration'],
      normalise: {
        Autorização: 'authorisation',
        Concessão: 'concession',
        Registro: 'registration',
      },
      description: 'Legal instrument of the grant: authorisation, concession or registration.',
    },
    {
      name: 'fuel_name',
      source: 'NomFonteCombustivel',
      kind: 'text',
      type: 'string',
      description: 'Fuel or source name as published (`Óleo Diesel`, `Bagaço de Cana de Açúcar`).',
    },
    {
      name: 'operation_start_date',
      source: 'DatEntradaOperacao',
      kind: 'date',
      type: 'date',
      placeholders: ['1900-01-03'],
      description:
        'Date the first generating unit entered operation; `1900-01-03` (not yet known) is NULL.',
    },
    {
      name: 'capacity_granted_kw',
      source: 'MdaPotenciaOutorgadaKw',
      kind: 'decimal_br',
      type: 'decimal',
      scale: 2,
      unit: 'kW',
      range: { min: 0 },
      description: 'Total granted (or registered) capacity of the plant.',
    },
    {
      name: 'capacity_inspected_kw',
      source: 'MdaPotenciaFiscalizadaKw',
      aliases: ['MdaPotenciaFinalizadaKw'],
      kind: 'decimal_br',
      type: 'decimal',
      scale: 2,
      unit: 'kW',
      range: { min: 0 },
      description:
        'Capacity in operation as inspected by ANEEL (last operating capacity once retired); ' +
        'published as an integer.',
    },
    {
      name: 'physical_guarantee_kw',
      source: 'MdaGarantiaFisicaKw',
      kind: 'decimal_br',
      type: 'decimal',
      scale: 2,
      unit: 'kW',
      range: { min: 0 },
      placeholders: [',00'],
      description:
        'Physical guarantee approved by the Ministry of Mines and Energy; `,00` (unknown) is NULL.',
    },
    {
      name: 'is_qualified_cogeneration',
      source: 'IdcGeracaoQualificada',
      kind: 'code',
      type: 'boolean',
      allowed: BOOLEAN_CODES,
      normalise: YES_NO_NORMALISE,
      description:
        'Whether the plant is qualified cogeneration under ANEEL Resolution 235/2006 ' +
        '(`Sim`/`Não`; empty is NULL).',
    },
    latitudeColumn(
      'latitude_deg',
      'NumCoordNEmpreendimento',
      'Approximate latitude of the plant centroid; `,00000000` (unknown) is NULL.',
      [',00000000'],
    ),
    longitudeColumn(
      'longitude_deg',
      'NumCoordEEmpreendimento',
      'Approximate longitude of the plant centroid; `,00000000` (unknown) is NULL.',
      [',00000000'],
    ),
    {
      name: 'grant_start_date',
      source: 'DatInicioVigencia',
      kind: 'date',
      type: 'date',
      description: "Start of the grant's validity, when there is one.",
    },
    {
      name: 'grant_end_date',
      source: 'DatFimVigencia',
      kind: 'date',
      type: 'date',
      description: "End of the grant's validity, when there is one.",
    },
    {
      name: 'owners_text',
      source: 'DscPropriRegimePariticipacao',
      kind: 'text',
      type: 'string',
      pii: 'drop',
      description:
        'Owners with share and regime (`50% para X - CNPJ (PIE), ...`). Names natural persons ' +
        '(`100% para Ivo Luiz Ruaro -  (REG)`) inside free text that cannot be split reliably, ' +
        'so it is not written to silver; the `agentes` dataset carries the same ownership per ' +
        'owner with the document and is pseudonymised there.',
    },
    {
      name: 'sub_basin',
      source: 'DscSubBacia',
      kind: 'text',
      type: 'string',
      description:
        'Code and name of the river sub-basin (hydro plants only), e.g. `41 - Das Velhas`.',
    },
    {
      name: 'municipalities_text',
      source: 'DscMuninicpios',
      aliases: ['DscMunicipios'],
      kind: 'text',
      type: 'string',
      description: 'Municipalities and states the plant spans, `A - UF, B - UF`.',
    },
  ],
};
