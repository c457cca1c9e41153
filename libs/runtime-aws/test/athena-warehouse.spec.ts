import { afterEach, describe, expect, it } from 'vitest';

import { AthenaWarehouse, createAthenaClient, createGlueClient } from '../src/index.ts';
import { startRecordingEndpoint, type RecordedCall, type Reply } from './support/index.ts';

// No Athena or Glue emulator exists: a loopback endpoint records what the real SDK clients send,
// so these tests pin the SQL and the request sequence, not query results.

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length > 0) await stops.pop()?.();
});

function freshTable(name: string, location: string) {
  return {
    Table: {
      Name: name,
      DatabaseName: 'matriz_gold',
      TableType: 'EXTERNAL_TABLE',
      Parameters: { has_encrypted_data: 'false' },
      PartitionKeys: [],
      StorageDescriptor: {
        Location: location,
        Columns: [
          { Name: 'uf', Type: 'string' },
          { Name: 'capacity_kw', Type: 'decimal(18,3)' },
        ],
        InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      },
    },
  };
}

async function warehouseWith(reply: (call: RecordedCall) => Reply) {
  const endpoint = await startRecordingEndpoint(reply);
  const athena = createAthenaClient(endpoint.aws);
  const glue = createGlueClient(endpoint.aws);
  stops.push(async () => {
    athena.destroy();
    glue.destroy();
    await endpoint.stop();
  });
  const removed: string[] = [];
  const warehouse = new AthenaWarehouse({
    athena,
    glue,
    workGroup: 'matriz-dev-analytics',
    goldLocation: 's3://matriz-dev-gold/gold',
    now: () => new Date('2024-09-02T10:11:12.345Z'),
    pollMs: 1,
    removeLocation: async (l) => {
      removed.push(l);
    },
  });
  return { warehouse, calls: endpoint.calls, removed };
}

const spec = {
  name: 'capacity_by_uf',
  description: 'Installed capacity per state.',
  columns: [
    { name: 'uf', type: 'string' as const, description: 'State.' },
    { name: 'capacity_kw', type: 'decimal' as const, description: 'Capacity in kW.' },
  ],
};

describe('AthenaWarehouse.materialize', () => {
  it('runs CTAS into a fresh location, counts, swaps the Glue table and drops the temporary one', async () => {
    let polls = 0;
    const { warehouse, calls, removed } = await warehouseWith((call) => {
      switch (call.operation) {
        case 'AmazonAthena.StartQueryExecution':
          return { json: { QueryExecutionId: `q${calls.length}` } };
        case 'AmazonAthena.GetQueryExecution':
          polls += 1;
          return {
            json: {
              QueryExecution: { Status: { State: polls % 2 === 1 ? 'RUNNING' : 'SUCCEEDED' } },
            },
          };
        case 'AmazonAthena.GetQueryResults':
          return {
            json: {
              ResultSet: {
                ResultSetMetadata: { ColumnInfo: [{ Name: 'row_count', Type: 'bigint' }] },
                Rows: [
                  { Data: [{ VarCharValue: 'row_count' }] },
                  { Data: [{ VarCharValue: '27' }] },
                ],
              },
            },
          };
        case 'AWSGlue.GetTable':
          return (call.input['Name'] as string).includes('__')
            ? {
                json: freshTable(
                  String(call.input['Name']),
                  's3://matriz-dev-gold/gold/capacity_by_uf/run=20240902t101112345z/',
                ),
              }
            : {
                json: freshTable(
                  'capacity_by_uf',
                  's3://matriz-dev-gold/gold/capacity_by_uf/run=20240801t000000000z/',
                ),
              };
        default:
          return { json: {} };
      }
    });

    const out = await warehouse.materialize(
      spec,
      'SELECT uf, sum(capacity_kw) AS capacity_kw FROM "matriz_silver"."siga" GROUP BY uf;',
    );

    expect(out).toEqual({ rows: 27 });
    const starts = calls.filter((c) => c.operation === 'AmazonAthena.StartQueryExecution');
    expect(starts.map((c) => c.input['QueryString'])).toEqual([
      [
        'CREATE TABLE "matriz_gold"."capacity_by_uf__20240902t101112345z"',
        "WITH (format = 'PARQUET', write_compression = 'ZSTD', external_location = 's3://matriz-dev-gold/gold/capacity_by_uf/run=20240902t101112345z/')",
        'AS SELECT uf, sum(capacity_kw) AS capacity_kw FROM "matriz_silver"."siga" GROUP BY uf',
      ].join('\n'),
      'SELECT count(*) AS row_count FROM "matriz_gold"."capacity_by_uf__20240902t101112345z"',
    ]);
    expect(starts[0]?.input).toMatchObject({
      WorkGroup: 'matriz-dev-analytics',
      QueryExecutionContext: { Database: 'matriz_gold', Catalog: 'AwsDataCatalog' },
    });
    expect(calls.filter((c) => c.operation.startsWith('AWSGlue.')).map((c) => c.operation)).toEqual(
      ['AWSGlue.GetTable', 'AWSGlue.GetTable', 'AWSGlue.UpdateTable', 'AWSGlue.DeleteTable'],
    );
    const update = calls.find((c) => c.operation === 'AWSGlue.UpdateTable')?.input as {
      DatabaseName: string;
      TableInput: { Name: string; StorageDescriptor: { Location: string; Columns: unknown[] } };
    };
    expect(update.DatabaseName).toBe('matriz_gold');
    expect(update.TableInput.Name).toBe('capacity_by_uf');
    expect(update.TableInput.StorageDescriptor.Location).toBe(
      's3://matriz-dev-gold/gold/capacity_by_uf/run=20240902t101112345z/',
    );
    expect(update.TableInput.StorageDescriptor.Columns).toEqual([
      { Name: 'uf', Type: 'string', Comment: 'State.' },
      { Name: 'capacity_kw', Type: 'decimal(18,3)', Comment: 'Capacity in kW.' },
    ]);
    expect(calls.find((c) => c.operation === 'AWSGlue.DeleteTable')?.input).toEqual({
      DatabaseName: 'matriz_gold',
      Name: 'capacity_by_uf__20240902t101112345z',
    });
    expect(removed).toEqual(['s3://matriz-dev-gold/gold/capacity_by_uf/run=20240801t000000000z/']);
  });

  it('creates the gold table the first time', async () => {
    const { warehouse, calls } = await warehouseWith((call) => {
      if (call.operation === 'AmazonAthena.StartQueryExecution')
        return { json: { QueryExecutionId: 'q' } };
      if (call.operation === 'AmazonAthena.GetQueryExecution')
        return { json: { QueryExecution: { Status: { State: 'SUCCEEDED' } } } };
      if (call.operation === 'AmazonAthena.GetQueryResults')
        return {
          json: {
            ResultSet: {
              ResultSetMetadata: { ColumnInfo: [{ Name: 'row_count', Type: 'bigint' }] },
              Rows: [{ Data: [{}] }, { Data: [{ VarCharValue: '0' }] }],
            },
          },
        };
      if (call.operation === 'AWSGlue.GetTable')
        return (call.input['Name'] as string).includes('__')
          ? { json: freshTable('t', 's3://matriz-dev-gold/gold/capacity_by_uf/run=x/') }
          : { error: 'EntityNotFoundException' };
      return { json: {} };
    });
    expect(await warehouse.materialize(spec, 'SELECT 1')).toEqual({ rows: 0 });
    expect(calls.map((c) => c.operation)).toContain('AWSGlue.CreateTable');
    expect(calls.map((c) => c.operation)).not.toContain('AWSGlue.UpdateTable');
  });

  it('fails with the reason Athena gave and leaves the gold table alone', async () => {
    const { warehouse, calls } = await warehouseWith((call) => {
      if (call.operation === 'AmazonAthena.StartQueryExecution')
        return { json: { QueryExecutionId: 'q-bad' } };
      return {
        json: {
          QueryExecution: {
            Status: {
              State: 'FAILED',
              StateChangeReason: "COLUMN_NOT_FOUND: line 1:8: Column 'ufx' cannot be resolved",
            },
          },
        },
      };
    });
    await expect(warehouse.materialize(spec, 'SELECT ufx')).rejects.toMatchObject({
      code: 'aws_athena_failed',
      message: expect.stringContaining("Column 'ufx' cannot be resolved"),
    });
    expect(calls.some((c) => c.operation.startsWith('AWSGlue.'))).toBe(false);
  });
});

describe('AthenaWarehouse.query', () => {
  it('skips the header row, follows pages and converts cells by type', async () => {
    const { warehouse } = await warehouseWith((call) => {
      if (call.operation === 'AmazonAthena.StartQueryExecution')
        return { json: { QueryExecutionId: 'q' } };
      if (call.operation === 'AmazonAthena.GetQueryExecution')
        return { json: { QueryExecution: { Status: { State: 'SUCCEEDED' } } } };
      const meta = {
        ColumnInfo: [
          { Name: 'uf', Type: 'varchar' },
          { Name: 'plants', Type: 'bigint' },
          { Name: 'ok', Type: 'boolean' },
        ],
      };
      return call.input['NextToken'] === undefined
        ? {
            json: {
              NextToken: 'p2',
              ResultSet: {
                ResultSetMetadata: meta,
                Rows: [
                  {
                    Data: [
                      { VarCharValue: 'uf' },
                      { VarCharValue: 'plants' },
                      { VarCharValue: 'ok' },
                    ],
                  },
                  {
                    Data: [
                      { VarCharValue: 'SP' },
                      { VarCharValue: '12' },
                      { VarCharValue: 'true' },
                    ],
                  },
                ],
              },
            },
          }
        : {
            json: {
              ResultSet: {
                ResultSetMetadata: meta,
                Rows: [{ Data: [{ VarCharValue: 'RS' }, {}, { VarCharValue: 'false' }] }],
              },
            },
          };
    });
    expect(await warehouse.query('SELECT 1')).toEqual([
      { uf: 'SP', plants: 12, ok: true },
      { uf: 'RS', plants: null, ok: false },
    ]);
  });
});
