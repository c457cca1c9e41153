import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { columnForHeader, datasets } from '../../registry/index.ts';
import type { DatasetDefinition } from '../registry.ts';
import {
  athenaDialect,
  bigqueryDialect,
  duckdbCsvRelation,
  duckdbDialect as d,
} from '../dialects/index.ts';
import {
  bundledAneelFile,
  csvHeaders,
  fixturePath,
  openDuckdb,
  utf8Copy,
} from '../fixtures/duckdb-helper.ts';
import { silverProjectionSql, stagedSelectSql } from '../silver.ts';
import { goldTable, listGoldTables } from './index.ts';

const SIGA_2022 = bundledAneelFile(
  'siga-empreendimentos-geracao/2022-06-01/siga-empreendimentos-geracao.csv',
);

let db: Awaited<ReturnType<typeof openDuckdb>>;
const resolve = d.tableResolver();

/** Appends one snapshot of a file to `silver.<dataset>`, as the pipeline does. */
async function appendSilver(def: DatasetDefinition, file: string, dataDate: string) {
  const utf8 = utf8Copy(file);
  const header: Record<string, string> = {};
  for (const h of csvHeaders(utf8)) {
    const column = columnForHeader(def, h);
    if (column) header[column.name] = h;
  }
  const staged = stagedSelectSql(def, d, { source: duckdbCsvRelation(utf8), header, dataDate });
  const silver = silverProjectionSql(def, d, staged);
  const exists = await db.query(
    `SELECT 1 FROM information_schema.tables WHERE table_schema = 'silver' AND table_name = '${def.id}'`,
  );
  await db.run(
    exists.length > 0
      ? `INSERT INTO silver.${def.id} ${silver}`
      : `CREATE TABLE silver.${def.id} AS ${silver}`,
  );
}

beforeAll(async () => {
  db = await openDuckdb();
  await appendSilver(datasets.siga, SIGA_2022, '2022-06-01');
  await appendSilver(datasets.siga, fixturePath('siga-2026-10-01.cut.csv'), '2026-10-01');
  await appendSilver(
    datasets.termeletricas,
    fixturePath('termeletricas-2024-07-01.cut.csv'),
    '2024-07-01',
  );
  await appendSilver(
    datasets.capacidade_uf,
    fixturePath('capacidade-uf-2024-07-01.cut.csv'),
    '2024-07-01',
  );
  await appendSilver(
    datasets.operacao_historico,
    fixturePath('operacao-historico-2024-09-01.cut.csv'),
    '2024-09-01',
  );
  await appendSilver(datasets.agentes, fixturePath('agentes-2024-09-01.cut.csv'), '2024-09-01');
});
afterAll(() => db.close());

describe('installed_capacity on the real SIGA 2022-06-01 snapshot', () => {
  it('counts each operating plant once with its inspected capacity', async () => {
    const sql = goldTable('installed_capacity').sql(d, resolve);
    const rows = await db.query(
      `SELECT generation_type, SUM(plants) AS plants, SUM(capacity_kw) AS kw FROM (${sql}) ` +
        `WHERE data_date = DATE '2022-06-01' AND phase = 'operating' GROUP BY ROLLUP (generation_type)`,
    );
    const byType = new Map(rows.map((r) => [r['generation_type'] ?? 'total', r]));
    expect(byType.get('total')).toMatchObject({ plants: '13902', kw: '183137678.00' });
    expect(byType.get('UHE')?.['kw']).toBe('103008362.00');
    expect(byType.get('UTE')?.['kw']).toBe('44871503.00');
    expect(byType.get('EOL')?.['kw']).toBe('21796176.00');
    const to = await db.query(
      `SELECT SUM(capacity_kw) AS kw FROM (${sql}) WHERE data_date = DATE '2022-06-01' ` +
        `AND phase = 'operating' AND state = 'TO'`,
    );
    expect(to[0]?.['kw']).toBe('1968612.00');
  });

  it('keeps snapshots apart by data_date', async () => {
    const sql = goldTable('installed_capacity').sql(d, resolve);
    const rows = await db.query(
      `SELECT data_date, SUM(plants) AS plants FROM (${sql}) GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { data_date: '2022-06-01', plants: '15453' },
      { data_date: '2026-10-01', plants: '3' },
    ]);
  });
});

describe('history gold tables on real fixture rows', () => {
  it('merges `Fossil` and `Fóssil` into one fuel origin (C11)', async () => {
    const rows = await db.query(
      `${goldTable('thermal_capacity_by_fuel').sql(d, resolve)} ORDER BY reference_month, fuel_origin`,
    );
    expect(
      rows.map((r) => [
        r['reference_month'],
        r['fuel_origin'],
        r['plant_type'],
        r['plants'],
        r['capacity_kw'],
      ]),
    ).toEqual([
      ['2015-12-01', 'biomass', 'forest', '7', '51397.00'],
      ['2015-12-01', 'fossil', 'coal', '14', '3413865.00'],
      ['2016-12-01', 'fossil', 'coal', '14', '3413865.00'],
    ]);
  });

  it('keys state history on the abbreviation', async () => {
    const rows = await db.query(
      `${goldTable('capacity_by_state_history').sql(d, resolve)} ORDER BY state`,
    );
    expect(rows).toEqual([
      {
        data_date: '2024-07-01',
        reference_month: '2015-12-01',
        state: 'AC',
        capacity_kw: '195698.70',
      },
      {
        data_date: '2024-07-01',
        reference_month: '2015-12-01',
        state: 'BA',
        capacity_kw: '9063787.18',
      },
    ]);
  });

  it('dates the history by reference month, trailing-space months included', async () => {
    const rows = await db.query(
      `${goldTable('capacity_history_by_type').sql(d, resolve)} ORDER BY reference_month, generation_type`,
    );
    expect(
      rows.map((r) => [r['reference_month'], r['generation_type'], r['plants'], r['capacity_kw']]),
    ).toEqual([
      ['2001-12-01', 'CGH', '0', '0.00'],
      ['2001-12-01', 'EOL', '7', '21000.00'],
      ['2012-03-01', 'CGH', '377', '216446.00'],
      ['2012-03-01', 'EOL', '70', '1424792.00'],
    ]);
  });

  it('attributes operating capacity to owners by share', async () => {
    const rows = await db.query(`${goldTable('owner_capacity').sql(d, resolve)} ORDER BY agent_id`);
    // Only the plant of nucleus 000008 is in both the agents fixture and the latest SIGA snapshot.
    expect(rows).toEqual([
      {
        data_date: '2024-09-01',
        agent_id: '18565382000166',
        agent_name: 'ANGLOGOLD ASHANTI CÓRREGO DO SÍTIO MINERAÇÃO S.A.',
        plants: '1',
        capacity_kw: '1400.00',
      },
    ]);
  });
});

describe('gold table list', () => {
  it('lists every table with its columns and dependencies', () => {
    expect(listGoldTables().map((t) => [t.name, t.dependsOn.join(',')])).toEqual([
      ['installed_capacity', 'siga'],
      ['capacity_history_by_type', 'operacao_historico'],
      ['capacity_by_state_history', 'capacidade_uf'],
      ['thermal_capacity_by_fuel', 'termeletricas'],
      ['gd_growth', 'gd'],
      ['owner_capacity', 'agentes,siga'],
    ]);
  });

  it('throws unknown_gold_table for a name it does not know', () => {
    expect(() => goldTable('nope')).toThrow(/Unknown gold table `nope`/);
  });

  it('returns columns in the SELECT order (DuckDB)', async () => {
    for (const table of listGoldTables().filter((t) => t.name !== 'gd_growth')) {
      const rows = await db.query(`DESCRIBE ${table.sql(d, resolve)}`);
      expect(rows.map((r) => r['column_name'])).toEqual(table.columns.map((c) => c.name));
    }
  });
});

describe('gold SQL for Athena and BigQuery', () => {
  it('pins installed_capacity for Athena', () => {
    expect(goldTable('installed_capacity').sql(athenaDialect, athenaDialect.tableResolver()))
      .toMatchInlineSnapshot(`
        "SELECT
          "data_date",
          "generation_type",
          "fuel_origin",
          "state_code" AS "state",
          "phase",
          CAST(COUNT(*) AS BIGINT) AS "plants",
          CAST(SUM(CASE WHEN "phase" = 'operating' THEN "capacity_inspected_kw" ELSE "capacity_granted_kw" END) AS DECIMAL(18, 2)) AS "capacity_kw"
        FROM "matriz_silver"."siga"
        WHERE "is_primary_row"
        GROUP BY 1, 2, 3, 4, 5"
      `);
  });

  it('pins thermal_capacity_by_fuel for BigQuery', () => {
    const resolveBq = bigqueryDialect.tableResolver({ project: 'matriz-dev' });
    expect(goldTable('thermal_capacity_by_fuel').sql(bigqueryDialect, resolveBq))
      .toMatchInlineSnapshot(`
      "SELECT
        \`data_date\`,
        DATE(CAST(\`reference_year\` AS INT64), CAST(\`reference_month\` AS INT64), CAST(1 AS INT64)) AS \`reference_month\`,
        lower(trim(REGEXP_REPLACE(REGEXP_REPLACE(NORMALIZE(\`fuel_origin\`, NFD), r'\\p{M}', ''), '\\\\s+', ' '))) AS \`fuel_origin\`,
        lower(trim(REGEXP_REPLACE(REGEXP_REPLACE(NORMALIZE(\`plant_type\`, NFD), r'\\p{M}', ''), '\\\\s+', ' '))) AS \`plant_type\`,
        CAST(SUM(\`plant_count\`) AS INT64) AS \`plants\`,
        CAST(SUM(\`capacity_installed_kw\`) AS NUMERIC(18, 2)) AS \`capacity_kw\`
      FROM \`matriz-dev.matriz_silver.termeletricas\`
      WHERE \`data_date\` = (SELECT MAX(\`data_date\`) FROM \`matriz-dev.matriz_silver.termeletricas\`)
      GROUP BY 1, 2, 3, 4"
    `);
  });
});
