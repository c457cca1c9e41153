/**
 * BigQuery has no emulator. These tests pin what the adapters send: the generated SQL (inline
 * snapshots), the table schemas and the load-job configuration, through the real client talking
 * to a request recorder on 127.0.0.1 with a fixed access token (no metadata server, no Google
 * endpoint). Whether BigQuery accepts the SQL is not tested here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  BigQueryCatalog,
  BigQueryLoader,
  BigQueryWarehouse,
  bigQueryFields,
  createBigQuery,
  silverLoadJobConfiguration,
  type SchemaColumn,
} from '../src/index.ts';
import { startFakeBigQuery, type FakeBigQuery } from './fake-bigquery-server.ts';
import { fixedTokenAuth } from './testing.ts';

const target = { projectId: 'matriz-test', location: 'southamerica-east1' };

const columns: SchemaColumn[] = [
  { name: 'ceg', type: 'string', description: 'Plant code.' },
  { name: 'capacity_kw', type: 'decimal', scale: 3, description: 'Granted capacity, kW.' },
  { name: 'latitude', type: 'double' },
  { name: 'data_date', type: 'date', nullable: false, description: 'Snapshot date.' },
  { name: 'source_row', type: 'int64', nullable: false },
  { name: 'is_primary_row', type: 'boolean', nullable: false },
];

let fake: FakeBigQuery;

beforeAll(async () => {
  fake = await startFakeBigQuery();
});
afterAll(async () => {
  await fake?.close();
});

function client() {
  return createBigQuery({
    projectId: 'matriz-test',
    apiEndpoint: fake.endpoint,
    authClient: fixedTokenAuth(),
  });
}

describe('BigQuery schemas', () => {
  it('maps silver types to BigQuery fields, with NUMERIC precision and scale', () => {
    expect(bigQueryFields(columns)).toEqual([
      { name: 'ceg', type: 'STRING', mode: 'NULLABLE', description: 'Plant code.' },
      {
        name: 'capacity_kw',
        type: 'NUMERIC',
        mode: 'NULLABLE',
        description: 'Granted capacity, kW.',
        precision: '18',
        scale: '3',
      },
      { name: 'latitude', type: 'FLOAT64', mode: 'NULLABLE' },
      { name: 'data_date', type: 'DATE', mode: 'REQUIRED', description: 'Snapshot date.' },
      { name: 'source_row', type: 'INT64', mode: 'REQUIRED' },
      { name: 'is_primary_row', type: 'BOOL', mode: 'REQUIRED' },
    ]);
  });
});

describe('BigQueryLoader', () => {
  it('builds a Parquet load job replacing one day partition, partitioned and clustered', () => {
    const config = silverLoadJobConfiguration(target, {
      table: 'siga',
      columns,
      key: ['ceg', 'latitude'],
      dataDate: '2022-06-01',
      sourceUris: ['gs://lake-silver/silver/siga/data_date=2022-06-01/part-0.parquet'],
    });
    expect({ ...config, schema: config.schema.fields.map((f) => f.name) }).toMatchInlineSnapshot(`
      {
        "clustering": {
          "fields": [
            "ceg",
          ],
        },
        "createDisposition": "CREATE_IF_NEEDED",
        "decimalTargetTypes": [
          "NUMERIC",
          "BIGNUMERIC",
        ],
        "destinationTable": {
          "datasetId": "matriz_silver",
          "projectId": "matriz-test",
          "tableId": "siga$20220601",
        },
        "parquetOptions": {
          "enableListInference": true,
        },
        "schema": [
          "ceg",
          "capacity_kw",
          "latitude",
          "data_date",
          "source_row",
          "is_primary_row",
        ],
        "sourceFormat": "PARQUET",
        "sourceUris": [
          "gs://lake-silver/silver/siga/data_date=2022-06-01/part-0.parquet",
        ],
        "timePartitioning": {
          "field": "data_date",
          "type": "DAY",
        },
        "writeDisposition": "WRITE_TRUNCATE",
      }
    `);
  });

  it('sends that configuration through the client and reports the rows loaded', async () => {
    fake.outputRows = 74;
    const loader = new BigQueryLoader(client(), target);
    const result = await loader.loadSilverPartition({
      table: 'siga',
      columns,
      key: ['ceg'],
      dataDate: '2026-10-01',
      sourceUris: ['gs://lake-silver/silver/siga/data_date=2026-10-01/part-0.parquet'],
    });
    expect(result.rows).toBe(74);
    expect(result.destination).toBe('matriz-test.matriz_silver.siga$20261001');
    const insert = fake.requests.find((r) => r.method === 'POST' && r.path.endsWith('/jobs'));
    const sent = insert?.body as {
      configuration: { load: Record<string, unknown> };
      jobReference: { jobId: string; location: string };
    };
    expect(sent.jobReference.location).toBe('southamerica-east1');
    expect(sent.jobReference.jobId).toMatch(/^matriz_silver_siga_20261001_/);
    expect(sent.configuration.load['writeDisposition']).toBe('WRITE_TRUNCATE');
    expect(sent.configuration.load['destinationTable']).toEqual({
      projectId: 'matriz-test',
      datasetId: 'matriz_silver',
      tableId: 'siga$20261001',
    });
  });

  it('rejects a table name that is not an identifier', () => {
    expect(() =>
      silverLoadJobConfiguration(target, {
        table: 'siga; DROP',
        columns,
        key: [],
        dataDate: '2022-06-01',
        sourceUris: [],
      }),
    ).toThrow(/`siga; DROP` is not a valid BigQuery table name/);
  });
});

describe('BigQueryWarehouse', () => {
  const spec = {
    name: 'capacity_by_state',
    description: "Installed capacity per state and type (ANEEL's SIGA)",
    columns: [
      { name: 'data_date', type: 'date' as const },
      { name: 'state_code', type: 'string' as const },
      { name: 'capacity_kw', type: 'decimal' as const },
    ],
  };

  it('wraps gold SQL in CREATE OR REPLACE TABLE with partitioning and clustering', () => {
    const warehouse = new BigQueryWarehouse({
      bigquery: client(),
      target,
      layouts: { capacity_by_state: { clusterBy: ['state_code'] } },
    });
    expect(warehouse.statementFor(spec, 'SELECT 1 AS x;')).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TABLE \`matriz-test.matriz_gold.capacity_by_state\`
      PARTITION BY data_date
      CLUSTER BY state_code
      OPTIONS (description = 'Installed capacity per state and type (ANEEL\\'s SIGA)', labels = [('layer', 'gold')])
      AS
      SELECT 1 AS x"
    `);
  });

  it('leaves small tables without a date unpartitioned', () => {
    const warehouse = new BigQueryWarehouse({ bigquery: client(), target });
    const plain = { ...spec, columns: spec.columns.slice(1) };
    expect(warehouse.statementFor(plain, 'SELECT 1')).not.toMatch(/PARTITION BY|CLUSTER BY/);
  });

  it('runs the statement in the dataset location and reports the table rows', async () => {
    fake.numRows = 27;
    fake.requests.length = 0;
    const warehouse = new BigQueryWarehouse({ bigquery: client(), target });
    expect(await warehouse.materialize(spec, 'SELECT 1')).toEqual({ rows: 27 });
    const query = fake.requests.find(
      (r) => r.body?.['query'] !== undefined || r.body?.['configuration'],
    );
    const sql = String(
      query?.body?.['query'] ??
        (query?.body?.['configuration'] as { query?: { query?: string } } | undefined)?.query
          ?.query,
    );
    expect(sql).toMatch(/^CREATE OR REPLACE TABLE `matriz-test\.matriz_gold\.capacity_by_state`/);
    expect(fake.requests.at(-1)?.path).toBe(
      '/bigquery/v2/projects/matriz-test/datasets/matriz_gold/tables/capacity_by_state',
    );
  });

  it('returns query rows as plain values', async () => {
    fake.rows = [{ state_code: 'MG', n: '3' }];
    const warehouse = new BigQueryWarehouse({ bigquery: client(), target });
    expect(await warehouse.query('SELECT state_code, n FROM x')).toEqual([
      { state_code: 'MG', n: '3' },
    ]);
  });
});

describe('BigQueryCatalog', () => {
  it('upserts entries with one MERGE and passes them as a query parameter', async () => {
    const catalog = new BigQueryCatalog(client(), target);
    expect(catalog.upsertSql()).toMatchInlineSnapshot(`
      "MERGE \`matriz-test.matriz_quality.catalog\` AS t
      USING (
        SELECT
          JSON_VALUE(e, '$.layer') AS layer,
          JSON_VALUE(e, '$.name') AS name,
          JSON_VALUE(e, '$.location') AS location,
          TO_JSON_STRING(e) AS entry_json,
          JSON_VALUE(e, '$.updatedAt') AS updated_at
        FROM UNNEST(JSON_QUERY_ARRAY(PARSE_JSON(@entries))) AS e
      ) AS s
      ON t.layer = s.layer AND t.name = s.name
      WHEN MATCHED THEN UPDATE SET location = s.location, entry_json = s.entry_json, updated_at = s.updated_at
      WHEN NOT MATCHED THEN INSERT (layer, name, location, entry_json, updated_at)
        VALUES (s.layer, s.name, s.location, s.entry_json, s.updated_at)"
    `);
    fake.requests.length = 0;
    const entry = {
      layer: 'silver' as const,
      name: 'siga',
      location: 'silver/siga/',
      columns: [],
      partitions: ['data_date'],
      partitionValues: ['2022-06-01'],
      updatedAt: '2026-12-04T00:00:00.000Z',
    };
    await catalog.upsert([entry]);
    const body = JSON.stringify(fake.requests.map((r) => r.body));
    expect(body).toContain('@entries');
    expect(body).toContain(JSON.stringify(JSON.stringify([entry])).slice(1, -1));

    fake.rows = [{ entry_json: JSON.stringify(entry) }];
    expect(await catalog.list()).toEqual([entry]);
  });
});
