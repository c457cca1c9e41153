import { GENERATION_TYPES } from '../codes.ts';
import {
  generatedDateColumn,
  latitudeColumn,
  longitudeColumn,
  stateCodeColumn,
} from '../shared-columns.ts';
import type { DatasetDefinition } from '../types.ts';

/**
 * Distributed generation (MMGD): every micro and mini generation unit connected through a
 * consumer unit, one row per unit (about 4.6 million rows, 1.4 GB in 2026).
 *
 * Follows ANEEL's "Dicionário de Dados Abertos" v2.3 (17-11-2025). No real row-level file could be
 * obtained; headers also cross-checked against the 2024-2025 header published by third parties
 * (`CodCEP`, `NumCPFCNPJ`, `NomTitularEmpreendimento`, `MdaPotenciaInstaladaKW`), which differs
 * from the dictionary only in capitalisation and in `NomeTitularEmpreendimento` (kept as alias).
 *
 * Case C5 (Nov 2025): the old `SigModalidadeEmpreendimento` (codes P/R/C/M) is struck out in
 * v2.3 and replaced by `DscModalidadeHabilitado` (labels). Both map to the one `modality`
 * column: the label header is preferred when both are present (files of 2025-2026 carry both,
 * with the code column empty). `CodSubGrupoTarifario` is also struck out in v2.3, so it is
 * optional. The plant coordinates `NumCoordNEmpreendimento`/`NumCoordEEmpreendimento` are in the
 * dictionary but absent from the published 2024-2025 header, so they are optional too.
 * The dictionary describes `NumCoordESub` as latitude and `NumCoordNSub` as longitude; the names
 * (E = east, N = north) and published values say the opposite, and the names are followed here.
 */
export const gd: DatasetDefinition = {
  id: 'gd',
  title: 'Distributed generation units (MMGD)',
  description:
    'Micro and mini distributed generation connected through consumer units: distributor, ' +
    'location, consumer class, modality, source, installed capacity and credited consumer units.',
  ckan: {
    packageId: 'relacao-de-empreendimentos-de-geracao-distribuida',
    fileName: 'empreendimento-geracao-distribuida.csv',
  },
  cadence: { every: 'monthly', graceDays: 15, ckanFrequency: 'Mensal' },
  key: ['plant_id_mmgd'],
  // 4.6M units: the first snapshot is a baseline for diffs, not 4.6M insert events.
  initialSnapshot: 'baseline',
  dataDateColumn: 'dataset_generated_date',
  notes: [
    'Dictionary: dm-geracao-distribuida-relacao-de-empreendimentos.pdf v2.3 (17-11-2025).',
    'No real GD CSV was available: value formats are assumed to follow SIGA (decimal comma).',
    'The consumer-class label `REBR` is outside the dictionary: quarantined as unknown_code (C5).',
  ],
  columns: [
    generatedDateColumn('`yyyy-mm-dd`'),
    {
      name: 'reference_period',
      source: 'AnmPeriodoReferencia',
      kind: 'text',
      type: 'string',
      description: 'Year and month the data refer to, as published (7 characters, e.g. `09/2026`).',
    },
    {
      name: 'distributor_id_cnpj',
      source: 'NumCNPJDistribuidora',
      kind: 'document',
      type: 'string',
      description: 'CNPJ of the distribution company the unit is connected to (14 digits).',
    },
    {
      name: 'distributor_acronym',
      source: 'SigAgente',
      kind: 'text',
      type: 'string',
      description: 'Acronym of the distribution company (`COPEL-DIS`).',
    },
    {
      name: 'distributor_name',
      source: 'NomAgente',
      kind: 'text',
      type: 'string',
      description: 'Name of the distribution company.',
    },
    {
      name: 'consumer_class_code',
      source: 'CodClasseConsumo',
      kind: 'text',
      type: 'string',
      description: 'Code of the consumer class (its type changed with the new MMGD system).',
    },
    {
      name: 'consumer_class',
      source: 'DscClasseConsumo',
      kind: 'code',
      type: 'string',
      allowed: [
        'commercial',
        'industrial',
        'own_consumption',
        'public_authority',
        'public_lighting',
        'public_service',
        'residential',
        'rural',
      ],
      normalise: {
        Comercial: 'commercial',
        Industrial: 'industrial',
        'Consumo Próprio': 'own_consumption',
        'Poder Público': 'public_authority',
        'Iluminação Pública': 'public_lighting',
        'Serviço Público': 'public_service',
        Residencial: 'residential',
        Rural: 'rural',
      },
      description: 'Consumer class of the unit (Residencial, Comercial, Rural, ...), normalised.',
    },
    {
      name: 'tariff_subgroup_code',
      source: 'CodSubGrupoTarifario',
      kind: 'text',
      type: 'string',
      required: false,
      description: 'Code of the tariff subgroup; struck out in dictionary v2.3 (no longer filled).',
    },
    {
      name: 'tariff_subgroup',
      source: 'DscSubGrupoTarifario',
      kind: 'text',
      type: 'string',
      description: 'Tariff subgroup by supply voltage: A1, A2, A3, A3a, A4, AS, B1, B2, B3, B4.',
    },
    {
      name: 'state_id_ibge',
      source: 'CodUFibge',
      kind: 'text',
      type: 'string',
      description: 'IBGE code of the state (2 digits).',
    },
    stateCodeColumn('SigUF', 'Federative unit of the consumer unit (abbreviation).'),
    {
      name: 'mesoregion_id_ibge',
      source: 'CodRegiao',
      kind: 'text',
      type: 'string',
      description: 'IBGE code of the mesoregion (4 digits).',
    },
    {
      name: 'mesoregion_name',
      source: 'NomRegiao',
      kind: 'text',
      type: 'string',
      description: 'IBGE name of the mesoregion.',
    },
    {
      name: 'municipality_id_ibge',
      source: 'CodMunicipioIbge',
      kind: 'text',
      type: 'string',
      description: 'IBGE code of the municipality (7 digits).',
    },
    {
      name: 'municipality_name',
      source: 'NomMunicipio',
      kind: 'text',
      type: 'string',
      description: 'IBGE name of the municipality.',
    },
    {
      name: 'postal_code',
      source: 'CodCEP',
      kind: 'text',
      type: 'string',
      description: 'Postal code (CEP) of the region of the consumer unit.',
    },
    {
      name: 'consumer_type',
      source: 'SigTipoConsumidor',
      kind: 'code',
      type: 'string',
      allowed: ['legal_entity', 'natural_person'],
      normalise: { PJ: 'legal_entity', PF: 'natural_person' },
      description: 'Holder type: `legal_entity` (PJ) or `natural_person` (PF).',
    },
    {
      name: 'holder_document',
      source: 'NumCPFCNPJ',
      kind: 'document',
      type: 'string',
      pii: 'public',
      description: 'CPF or CNPJ of the holder, published masked by ANEEL and kept masked.',
    },
    {
      name: 'holder_name',
      source: 'NomTitularEmpreendimento',
      aliases: ['NomeTitularEmpreendimento'],
      kind: 'text',
      type: 'string',
      pii: 'public',
      description: 'Name of the holder, published masked by ANEEL and kept masked.',
    },
    {
      name: 'plant_id_mmgd',
      source: 'CodEmpreendimento',
      kind: 'text',
      type: 'string',
      description: 'Code of the distributed-generation unit given by the MMGD system (`GD.XX...`).',
    },
    {
      name: 'connection_date',
      source: 'DthAtualizaCadastralEmpreend',
      kind: 'date',
      type: 'date',
      placeholders: ['1900-01-01'],
      description:
        'Date of the last registration update of the unit, used as its connection date (time ' +
        'part dropped); `1900-01-01` (seen in 2026 files) is NULL.',
    },
    {
      name: 'modality',
      source: 'DscModalidadeHabilitado',
      aliases: ['SigModalidadeEmpreendimento'],
      kind: 'code',
      type: 'string',
      allowed: [
        'local_generation',
        'multiple_consumer_units',
        'remote_self_consumption',
        'shared_generation',
      ],
      normalise: {
        P: 'local_generation',
        R: 'remote_self_consumption',
        C: 'shared_generation',
        M: 'multiple_consumer_units',
        'Com Microgeração ou Minigeração distribuída': 'local_generation',
        'Caracterizada como autoconsumo remoto': 'remote_self_consumption',
        'Caracterizada como Geração compartilhada': 'shared_generation',
        'Integrante de empreendimento de múltiplas UC (Unidades Consumidoras)':
          'multiple_consumer_units',
        'Geracao na propria UC': 'local_generation',
        'Auto consumo remoto': 'remote_self_consumption',
        'Autoconsumo remoto': 'remote_self_consumption',
        Compartilhada: 'shared_generation',
        'Geração compartilhada': 'shared_generation',
        Condomínio: 'multiple_consumer_units',
      },
      description:
        'Compensation modality: generation at the consumer unit itself, remote self-consumption, ' +
        'shared generation, or multiple consumer units (condominium). Old files: code P/R/C/M; ' +
        'new files: label.',
    },
    {
      name: 'credited_consumer_units',
      source: 'QtdUCRecebeCredito',
      kind: 'integer',
      type: 'int64',
      range: { min: 0 },
      description: "Number of consumer units that receive this unit's surplus energy credits.",
    },
    {
      name: 'generation_type',
      source: 'SigTipoGeracao',
      kind: 'code',
      type: 'string',
      allowed: GENERATION_TYPES,
      description: 'ANEEL generation type (UFV, EOL, CGH, UTE, ...).',
    },
    {
      name: 'source',
      source: 'DscFonteGeracao',
      kind: 'text',
      type: 'string',
      description: 'Energy source or fuel as published (`Radiação solar`, `Biogás`, ...).',
    },
    {
      name: 'size_class',
      source: 'DscPorte',
      kind: 'code',
      type: 'string',
      allowed: ['micro', 'mini'],
      normalise: { Microgeração: 'micro', Minigeração: 'mini' },
      description: 'Microgeneration (up to 75 kW) or minigeneration.',
    },
    {
      ...latitudeColumn(
        'latitude_deg',
        'NumCoordNEmpreendimento',
        'Approximate latitude of the unit; zero is NULL.',
      ),
      required: false,
    },
    {
      ...longitudeColumn(
        'longitude_deg',
        'NumCoordEEmpreendimento',
        'Approximate longitude of the unit; zero is NULL.',
      ),
      required: false,
    },
    {
      name: 'capacity_kw',
      source: 'MdaPotenciaInstaladaKW',
      aliases: ['MdaPotenciaInstaladakW'],
      kind: 'decimal_br',
      type: 'decimal',
      scale: 2,
      unit: 'kW',
      range: { min: 0 },
      description: 'Installed capacity: sum of the nominal active power of the generating modules.',
    },
    {
      name: 'substation_name',
      source: 'NomSubEstacao',
      kind: 'text',
      type: 'string',
      description: 'Name of the substation the unit is linked to.',
    },
    longitudeColumn(
      'substation_longitude_deg',
      'NumCoordESub',
      'Approximate longitude of the substation; zero is NULL.',
    ),
    latitudeColumn(
      'substation_latitude_deg',
      'NumCoordNSub',
      'Approximate latitude of the substation; zero is NULL.',
    ),
  ],
};
