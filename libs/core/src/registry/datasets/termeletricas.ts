import {
  generatedDateColumn,
  installedCapacityColumn,
  referenceMonthColumn,
  referenceYearColumn,
} from '../shared-columns.ts';
import type { DatasetDefinition } from '../types.ts';

/**
 * Thermal plants by fuel type and month (an ANEEL aggregate).
 *
 * Follows the files of 2024-04-01 and 2024-07-01 (the newer one appends months). Quirk (C11):
 * the same category appears spelled with and without accents or in another case (`Fóssil` and
 * `Fossil`, `Gás natural` and `Gas Natural`); origin and plant type are normalised to codes so
 * they group as one. The sub-type stays as published (31 spellings of about 26 fuels, free to
 * grow); group it with `foldLabel`.
 */
export const termeletricas: DatasetDefinition = {
  id: 'termeletricas',
  title: 'Thermal plants by fuel type',
  description:
    'Number and installed capacity of thermal plants per fuel origin, type and sub-type.',
  ckan: {
    packageId: 'usinas-termeletricas-por-tipo',
    fileName: 'usina-termeletrica-tipo.csv',
  },
  cadence: { every: 'monthly', graceDays: 31, ckanFrequency: 'Mensal' },
  key: ['fuel_origin', 'plant_type', 'plant_subtype', 'reference_year', 'reference_month'],
  dataDateColumn: 'dataset_generated_date',
  notes: [
    'Files read: 2024-04-01 and 2024-07-01. CKAN package name not confirmed (dados.gov.br ' +
      'lists it as `usinas-termeletricas-por-tipo1`).',
  ],
  columns: [
    generatedDateColumn('`yyyy-mm-dd`'),
    {
      name: 'fuel_origin',
      source: 'DscOrigem',
      kind: 'code',
      type: 'string',
      allowed: ['biomass', 'fossil'],
      normalise: { Biomassa: 'biomass', Fóssil: 'fossil' },
      description: 'Origin of the fuel: biomass or fossil (`Fóssil` and `Fossil` are one).',
    },
    {
      name: 'plant_type',
      source: 'NomTipoUsina',
      kind: 'code',
      type: 'string',
      allowed: [
        'agroindustrial',
        'animal_waste',
        'coal',
        'forest',
        'liquid_biofuels',
        'natural_gas',
        'other_fossil',
        'petroleum',
        'urban_solid_waste',
      ],
      normalise: {
        Agroindustriais: 'agroindustrial',
        'Resíduos animais': 'animal_waste',
        'Carvão mineral': 'coal',
        Floresta: 'forest',
        'Biocombustíveis líquidos': 'liquid_biofuels',
        'Gás natural': 'natural_gas',
        'Outros Fósseis': 'other_fossil',
        Petróleo: 'petroleum',
        'Resíduos sólidos urbanos': 'urban_solid_waste',
      },
      description: 'Fuel group of the plants (petroleum, natural gas, forest, ...), normalised.',
    },
    {
      name: 'plant_subtype',
      source: 'NomSubTipoUsina',
      kind: 'text',
      type: 'string',
      description:
        'Fuel within the group as published (`Bagaço de Cana de Açúcar`, `Óleo Diesel`).',
    },
    {
      name: 'plant_count',
      source: 'QtdUsinaTermeletrica',
      kind: 'integer',
      type: 'int64',
      range: { min: 0 },
      description: 'Number of thermal plants in the group at the end of the month.',
    },
    installedCapacityColumn(
      'MdaPotenciaInstaladaKW',
      'Installed capacity of the group at the end of the month.',
    ),
    referenceMonthColumn(),
    referenceYearColumn(),
  ],
};
