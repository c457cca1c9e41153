import {
  cegColumn,
  cegNucleusColumn,
  generatedDateColumn,
  generationTypeColumn,
  phaseColumn,
} from '../shared-columns.ts';
import type { DatasetDefinition } from '../types.ts';

/**
 * Generation agents: who owns each plant, one row per (owner, plant) with the share held.
 *
 * Follows the file of 2024-09-01 (26,075 rows, Windows-1252 with `’ – “ ”` bytes in 0x80-0x9F).
 * Quirks: the data date is `dd-mm-yyyy` (`01-09-2024`), unlike SIGA; `IdeNucleoCEG` is an
 * unpadded integer (`8`); natural persons appear with a masked CPF (`***.962.380-**`, 156 rows)
 * and one owner row has no document at all; names carry leading and trailing spaces; shares
 * per plant do not always add up to 100 (11 plants).
 */
export const agentes: DatasetDefinition = {
  id: 'agentes',
  title: 'Generation agents (plant owners)',
  description:
    'Owners of every generation plant with their CPF/CNPJ, share of the plant and exploitation ' +
    'regime. One row per owner and plant.',
  ckan: {
    packageId: 'agentes-de-geracao-de-energia-eletrica',
    fileName: 'agentes-geracao-energia-eletrica.csv',
  },
  cadence: { every: 'monthly', graceDays: 15, ckanFrequency: 'Mensal' },
  key: ['agent_id_cpf_cnpj', 'plant_id_ceg'],
  dataDateColumn: 'dataset_generated_date',
  naturalPerson: {
    documentColumn: 'agent_id_cpf_cnpj',
    rule: 'masked_or_empty_document',
    note:
      'ANEEL masks the CPF of natural persons (`***.962.380-**`) but publishes their names; a ' +
      "row whose document is masked or missing (one such row in 2024-09-01, a person's name) " +
      'is treated as a natural person and its agent_name is pseudonymised. CNPJ rows are ' +
      'companies and stay as published.',
  },
  notes: ['File read: 2024-09-01 (26,075 rows). No dictionary PDF was available.'],
  columns: [
    generatedDateColumn('`dd-mm-yyyy`'),
    {
      name: 'agent_id_cpf_cnpj',
      source: 'NumCPFCNPJ',
      kind: 'document',
      type: 'string',
      pii: 'public',
      description:
        'CNPJ of the owner (14 digits, leading zeros kept) or, for natural persons, the CPF as ' +
        'masked by ANEEL (`***.962.380-**`).',
    },
    {
      name: 'agent_name',
      source: 'NomAgente',
      kind: 'text',
      type: 'string',
      pii: 'pseudonymise',
      description: "Name of the owner; natural persons' names are pseudonymised in silver.",
    },
    cegNucleusColumn(),
    cegColumn(),
    {
      name: 'plant_name',
      source: 'NomEmpreendimento',
      kind: 'text',
      type: 'string',
      description: 'Plant name as registered (trailing spaces removed).',
    },
    {
      name: 'ownership_share_pct',
      source: 'PctParticipacao',
      kind: 'decimal_br',
      type: 'decimal',
      scale: 2,
      unit: 'percent',
      range: { min: 0, max: 100 },
      description: 'Share of the plant held by this owner, in percent (`,10` is 0.10).',
    },
    {
      name: 'exploitation_regime',
      source: 'DscRegimeExploracao',
      kind: 'code',
      type: 'string',
      allowed: ['independent_producer', 'public_service', 'registration', 'self_producer'],
      normalise: {
        'Produção Independente de Energia': 'independent_producer',
        'Serviço Público': 'public_service',
        Registro: 'registration',
        'Autoprodução de Energia': 'self_producer',
      },
      description:
        'Regime under which the owner exploits the plant: independent producer (PIE), ' +
        'self-producer (APE), public service (SP) or registration (REG).',
    },
    generationTypeColumn(),
    phaseColumn(),
  ],
};
