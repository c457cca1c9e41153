import { afterEach, describe, expect, it } from 'vitest';

import { createGlueClient, GlueCatalog, glueTableShape } from '../src/index.ts';
import { startRecordingEndpoint, type RecordedCall, type Reply } from './support/index.ts';

// No Glue emulator exists: a loopback endpoint records the real SDK client's requests.

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length > 0) await stops.pop()?.();
});

async function catalogWith(reply: (call: RecordedCall) => Reply, mode?: 'partitions') {
  const endpoint = await startRecordingEndpoint(reply);
  const client = createGlueClient(endpoint.aws);
  stops.push(async () => {
    client.destroy();
    await endpoint.stop();
  });
  const catalog = new GlueCatalog({
    client,
    uri: (key) => `s3://matriz-dev-silver/${key}`,
    ...(mode ? { partitionMode: mode } : {}),
  });
  return { catalog, calls: endpoint.calls };
}

const silverEntry = {
  layer: 'silver' as const,
  name: 'siga',
  location: 'silver/siga/',
  columns: [
    { name: 'plant_id_ceg', type: 'string' as const, description: 'CEG code.' },
    { name: 'capacity_kw', type: 'decimal' as const },
    { name: 'data_date', type: 'date' as const },
  ],
  partitions: ['data_date'],
  partitionValues: ['2024-08-01', '2024-09-01'],
  updatedAt: '2024-09-02T10:00:00.000Z',
};

describe('glueTableShape', () => {
  it('declares Parquet, drops the partition column from the data columns, and projects dates', () => {
    const shape = glueTableShape({ ...silverEntry, location: 's3://b/silver/siga/' });
    expect(shape.database).toBe('matriz_silver');
    expect(shape.location).toBe('s3://b/silver/siga/');
    expect(shape.columns).toEqual([
      { name: 'plant_id_ceg', type: 'string', comment: 'CEG code.' },
      { name: 'capacity_kw', type: 'decimal(18,2)', comment: '' },
    ]);
    expect(shape.partitionKeys.map((p) => [p.name, p.type])).toEqual([['data_date', 'string']]);
    expect(shape.serializationLibrary).toBe(
      'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
    );
    expect(shape.parameters).toMatchObject({
      classification: 'parquet',
      'projection.enabled': 'true',
      'projection.data_date.type': 'date',
      'projection.data_date.format': 'yyyy-MM-dd',
      'projection.data_date.range': '2000-01-01,NOW',
      'storage.location.template': 's3://b/silver/siga/data_date=${data_date}/',
    });
  });

  it('puts quarantine tables in their own database, as the core Athena resolver names it', () => {
    const shape = glueTableShape({
      ...silverEntry,
      layer: 'quarantine',
      location: 's3://b/quarantine/siga',
    });
    expect([shape.database, shape.name]).toEqual(['matriz_quarantine', 'siga']);
  });
});

describe('GlueCatalog', () => {
  it('creates a table when UpdateTable finds none', async () => {
    const { catalog, calls } = await catalogWith((call) =>
      call.operation === 'AWSGlue.UpdateTable'
        ? { error: 'EntityNotFoundException' }
        : { json: {} },
    );
    await catalog.upsert([silverEntry]);
    expect(calls.map((c) => c.operation)).toEqual(['AWSGlue.UpdateTable', 'AWSGlue.CreateTable']);
    const input = calls[1]?.input as { DatabaseName: string; TableInput: Record<string, unknown> };
    expect(input.DatabaseName).toBe('matriz_silver');
    expect(input.TableInput).toMatchObject({
      Name: 'siga',
      TableType: 'EXTERNAL_TABLE',
      PartitionKeys: [{ Name: 'data_date', Type: 'string' }],
      StorageDescriptor: {
        Location: 's3://matriz-dev-silver/silver/siga/',
        InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
        SerdeInfo: {
          SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
        },
      },
      Parameters: {
        'matriz.partition_values': '2024-08-01,2024-09-01',
        'matriz.location': 'silver/siga/',
        'storage.location.template': 's3://matriz-dev-silver/silver/siga/data_date=${data_date}/',
      },
    });
  });

  it('leaves gold tables to the Athena warehouse by default', async () => {
    const { catalog, calls } = await catalogWith(() => ({ json: {} }));
    await catalog.upsert([
      { ...silverEntry, layer: 'gold', name: 'installed_capacity', partitions: [] },
    ]);
    expect(calls).toEqual([]);
  });

  it('adds one partition per data date in partitions mode', async () => {
    const { catalog, calls } = await catalogWith(() => ({ json: {} }), 'partitions');
    await catalog.upsert([silverEntry]);
    expect(calls.map((c) => c.operation)).toEqual([
      'AWSGlue.UpdateTable',
      'AWSGlue.BatchCreatePartition',
    ]);
    const batch = calls[1]?.input as {
      PartitionInputList: { Values: string[]; StorageDescriptor: { Location: string } }[];
    };
    expect(batch.PartitionInputList.map((p) => [p.Values, p.StorageDescriptor.Location])).toEqual([
      [['2024-08-01'], 's3://matriz-dev-silver/silver/siga/data_date=2024-08-01/'],
      [['2024-09-01'], 's3://matriz-dev-silver/silver/siga/data_date=2024-09-01/'],
    ]);
  });

  it('lists tables back as catalog entries', async () => {
    const { catalog, calls } = await catalogWith((call) => {
      if (call.input['DatabaseName'] !== 'matriz_silver') return { json: { TableList: [] } };
      return {
        json: {
          TableList: [
            {
              Name: 'siga',
              Parameters: {
                'matriz.layer': 'silver',
                'matriz.location': 'silver/siga/',
                'matriz.partition_values': '2024-09-01',
                'matriz.updated_at': '2024-09-02T10:00:00.000Z',
              },
              PartitionKeys: [{ Name: 'data_date', Type: 'string' }],
              StorageDescriptor: {
                Columns: [{ Name: 'capacity_kw', Type: 'decimal(18,3)', Comment: 'kW' }],
              },
            },
          ],
        },
      };
    });
    expect(await catalog.list()).toEqual([
      {
        layer: 'silver',
        name: 'siga',
        location: 'silver/siga/',
        columns: [{ name: 'capacity_kw', type: 'decimal', description: 'kW' }],
        partitions: ['data_date'],
        partitionValues: ['2024-09-01'],
        updatedAt: '2024-09-02T10:00:00.000Z',
      },
    ]);
    expect(calls.map((c) => c.input['DatabaseName'])).toEqual([
      'matriz_bronze',
      'matriz_silver',
      'matriz_gold',
      'matriz_quarantine',
    ]);
  });
});
