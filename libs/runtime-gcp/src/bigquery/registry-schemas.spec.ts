import { getDataset, listDatasets, listGoldTables, silverColumns } from '@matriz/core';
import { describe, expect, it } from 'vitest';

import {
  goldTableDefinitions,
  silverTableDefinition,
  silverTableDefinitions,
} from './registry-schemas.ts';

describe('silverTableDefinitions', () => {
  it('derives one table per registry dataset with every silver column in order', () => {
    const tables = silverTableDefinitions();
    expect(tables.map((t) => t.table)).toEqual(listDatasets().map((d) => d.id));
    for (const def of listDatasets()) {
      const table = tables.find((t) => t.table === def.id);
      expect(table?.fields.map((f) => f.name)).toEqual(silverColumns(def).map((c) => c.name));
    }
  });

  it('partitions siga by data_date, clusters on its key and requires the meta columns', () => {
    const def = getDataset('siga');
    const siga = silverTableDefinition(def);
    expect(siga.layout.partitionBy).toBe('data_date');
    expect(siga.layout.clusterBy).toEqual(def.key.slice(0, 4));
    expect(siga.fields.find((f) => f.name === 'data_date')).toMatchObject({
      type: 'DATE',
      mode: 'REQUIRED',
    });
    expect(siga.fields.find((f) => f.name === 'source_row')).toMatchObject({
      type: 'INT64',
      mode: 'REQUIRED',
    });
  });
});

describe('goldTableDefinitions', () => {
  it('derives every core gold table, partitioned by data_date and clustered for dashboards', () => {
    const tables = goldTableDefinitions(listGoldTables());
    expect(tables.map((t) => t.table)).toEqual(listGoldTables().map((t) => t.name));
    const installed = tables.find((t) => t.table === 'installed_capacity');
    expect(installed?.layout).toEqual({
      partitionBy: 'data_date',
      clusterBy: ['state', 'generation_type'],
    });
    expect(installed?.fields.find((f) => f.name === 'capacity_kw')).toMatchObject({
      type: 'NUMERIC',
      scale: '2',
    });
  });
});
