import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { matchHeader } from '../parsing/header.ts';
import { columnForHeader, datasets } from '../registry/index.ts';
import type { DatasetDefinition } from '../registry/types.ts';
import {
  athenaDialect,
  bigqueryDialect,
  duckdbCsvRelation,
  duckdbDialect as d,
} from './dialects/index.ts';
import {
  bundledAneelFile,
  csvHeaders,
  fixturePath,
  openDuckdb,
  utf8Copy,
  type Row,
} from './fixtures/duckdb-helper.ts';
import {
  headerMappingFrom,
  placeholderCombinationsSql,
  quarantineProjectionSql,
  reconciliationSql,
  silverProjectionSql,
  stagedSelectSql,
  tallyPlaceholders,
  type HeaderMapping,
} from './silver.ts';

const SIGA_2022 = bundledAneelFile(
  'siga-empreendimentos-geracao/2022-06-01/siga-empreendimentos-geracao.csv',
);

let db: Awaited<ReturnType<typeof openDuckdb>>;
beforeAll(async () => {
  db = await openDuckdb();
});
afterAll(() => db.close());

/**
 * Header mapping through the parsing module's `matchHeader`; the field-case files carry only a
 * few columns (a drift error there), so they are mapped column by column instead.
 */
function headerFor(def: DatasetDefinition, file: string): HeaderMapping {
  const headers = csvHeaders(file);
  if (!path.basename(file).startsWith('field-case-')) {
    return headerMappingFrom(matchHeader(def, headers, { file }));
  }
  const mapping: Record<string, string> = {};
  for (const header of headers) {
    const column = columnForHeader(def, header);
    if (column) mapping[column.name] = header;
  }
  return mapping;
}

/** Stages a fixture into table `name` and returns its silver and quarantine rows. */
async function load(
  def: DatasetDefinition,
  file: string,
  dataDate: string,
  name = 'staged',
  extraHeader: HeaderMapping = {},
) {
  const utf8 = utf8Copy(file);
  const source = duckdbCsvRelation(utf8);
  const header = { ...headerFor(def, utf8), ...extraHeader };
  const staged = stagedSelectSql(def, d, { source, header, dataDate });
  await db.run(`CREATE OR REPLACE TABLE ${name} AS ${staged}`);
  await db.run(`CREATE OR REPLACE TABLE ${name}_silver AS ${silverProjectionSql(def, d, name)}`);
  await db.run(
    `CREATE OR REPLACE TABLE ${name}_quarantine AS ${quarantineProjectionSql(def, d, name)}`,
  );
  const reconciliation = await db.query(
    reconciliationSql(d, { source, silver: `${name}_silver`, quarantine: `${name}_quarantine` }),
  );
  return {
    silver: await db.query(`SELECT * FROM ${name}_silver ORDER BY source_row`),
    quarantine: await db.query(`SELECT * FROM ${name}_quarantine ORDER BY source_row`),
    reconciliation: reconciliation[0] as Row,
    ...tallyPlaceholders(def, await db.query(placeholderCombinationsSql(def, d, name))),
  };
}

describe('stagedSelectSql on real fixture rows (DuckDB)', () => {
  it('keeps a numeric `-` as NULL and the row in silver (C1)', async () => {
    const { silver, quarantine } = await load(
      datasets.siga,
      fixturePath('field-case-c1.csv'),
      '2026-10-01',
      'c1',
      { state_code: 'SigUF' },
    );
    expect(quarantine).toEqual([]);
    expect(
      silver.map((r) => [
        r['plant_name'],
        r['state_code'],
        r['capacity_granted_kw'],
        r['capacity_inspected_kw'],
      ]),
    ).toEqual([
      ['UFV Sol Ficticio I', 'BA', '30000.00', null],
      ['EOL Vento Ficticio', 'RN', '25200.00', '25200.00'],
    ]);
    // Columns absent from the file are NULL, not an error.
    expect(silver[0]?.['plant_id_ceg']).toBeNull();
  });

  it('takes `source_row` from a numbered column when the source carries one', async () => {
    const utf8 = utf8Copy(fixturePath('field-case-c1.csv'));
    const header = { ...headerFor(datasets.siga, utf8), state_code: 'SigUF' };
    const source = `(SELECT CAST(100 + row_number() OVER () AS VARCHAR) AS rec, * FROM ${duckdbCsvRelation(utf8)})`;
    const staged = stagedSelectSql(datasets.siga, d, {
      source,
      header,
      dataDate: '2026-10-01',
      sourceRowColumn: 'rec',
    });
    expect(staged).not.toContain('row_number() OVER () AS "source_row"');
    const rows = await db.query(`SELECT source_row, plant_name FROM (${staged}) ORDER BY 1`);
    expect(rows).toEqual([
      { source_row: '101', plant_name: 'UFV Sol Ficticio I' },
      { source_row: '102', plant_name: 'EOL Vento Ficticio' },
    ]);
  });

  it('plans the staged SELECT as projections only, no join (parallel and in file order)', async () => {
    // DuckDB turns a long `IN (...)` (the 27 states) into a join, which scrambles the order of a
    // parallel scan and made the silver step sort the whole snapshot (issue 7).
    for (const def of [datasets.gd, datasets.siga, datasets.agentes]) {
      const header = Object.fromEntries(def.columns.map((c) => [c.name, c.source]));
      const columns = def.columns.map((c) => `'' AS "${c.source}"`).join(', ');
      const staged = stagedSelectSql(def, d, {
        source: `(SELECT '1' AS rec, ${columns})`,
        header,
        dataDate: '2026-10-01',
        sourceRowColumn: 'rec',
      });
      const plan = (await db.query(`EXPLAIN ${staged}`)).map((r) => String(r['explain_value']));
      expect(plan.join('\n')).toContain('PROJECTION');
      expect(plan.join('\n')).not.toMatch(/JOIN/);
    }
  });

  it('decodes Windows-1252 bytes, `’` included (C2)', async () => {
    const { silver } = await load(
      datasets.agentes,
      fixturePath('agentes-2024-09-01.cut.csv'),
      '2024-09-01',
    );
    expect(silver.map((r) => r['plant_name'])).toContain('Santa Luzia D’oeste');
    expect(silver[0]?.['agent_name']).toBe('ANGLOGOLD ASHANTI CÓRREGO DO SÍTIO MINERAÇÃO S.A.');
  });

  it('reads decimal commas without leading zero and thousands dots (C3)', async () => {
    const { silver } = await load(datasets.gd, fixturePath('field-case-c3.csv'), '2026-10-01');
    expect(
      silver.map((r) => [
        r['plant_id_mmgd'],
        r['capacity_kw'],
        r['latitude_deg'],
        r['longitude_deg'],
      ]),
    ).toEqual([
      ['GD.XX.000.001.001', '4.50', -23.55052, -46.633308],
      ['GD.XX.000.001.002', '1250.00', -8.047562, -34.877],
      ['GD.XX.000.001.005', '0.85', -0.5, -38.52667],
    ]);
  });

  it('turns SIGA placeholders into NULL and counts them (C4)', async () => {
    const { silver, placeholders, quarantine, rowsRead, reconciliation } = await load(
      datasets.siga,
      fixturePath('siga-2022-06-01.cut.csv'),
      '2022-06-01',
    );
    // The one scan that counts placeholders also counts every row read.
    expect(rowsRead).toBe(Number(reconciliation['rows_in']));
    expect(quarantine).toEqual([]);
    const byName = new Map(silver.map((r) => [r['plant_name'], r]));
    expect(byName.get('E')?.['physical_guarantee_kw']).toBeNull();
    expect(byName.get('Agro Trafo')?.['physical_guarantee_kw']).toBe('6800.00');
    expect(byName.get('Alto Guarajus')?.['operation_start_date']).toBeNull();
    expect(byName.get('Rochedo')?.['operation_start_date']).toBe('1956-01-01');
    const zero = silver.find((r) => r['plant_name'] === 'Asja Jaboatão');
    expect([zero?.['latitude_deg'], zero?.['longitude_deg']]).toEqual([null, null]);
    expect(placeholders).toEqual([
      { column: 'latitude_deg', reason: 'placeholder', rows: 1 },
      { column: 'longitude_deg', reason: 'placeholder', rows: 1 },
      { column: 'operation_start_date', reason: 'placeholder', rows: 2 },
      { column: 'physical_guarantee_kw', reason: 'placeholder', rows: 4 },
    ]);
  });

  it('keeps both rows of a repeated CEG and marks one primary (C9)', async () => {
    const { silver } = await load(
      datasets.siga,
      fixturePath('siga-2022-06-01.cut.csv'),
      '2022-06-01',
    );
    const repeated = silver.filter((r) => r['plant_id_ceg'] === 'PCH.PH.TO.000031-0.1');
    expect(repeated.map((r) => [r['grant_type'], r['is_primary_row'], r['source_row']])).toEqual([
      ['authorisation', true, '2'],
      ['concession', false, '3'],
    ]);
  });

  it('normalises dates, CEG nuclei, months and documents across files (C10)', async () => {
    const agents = await load(
      datasets.agentes,
      fixturePath('agentes-2024-09-01.cut.csv'),
      '2024-09-01',
    );
    expect(agents.silver[0]).toMatchObject({
      dataset_generated_date: '2024-09-01',
      plant_nucleus_id_ceg: '000008',
      agent_id_cpf_cnpj: '18565382000166',
      ownership_share_pct: '100.00',
    });
    expect(agents.silver[2]?.['ownership_share_pct']).toBe('0.01');
    const history = await load(
      datasets.operacao_historico,
      fixturePath('operacao-historico-2024-09-01.cut.csv'),
      '2024-09-01',
    );
    expect(history.silver.map((r) => [r['reference_month'], r['capacity_installed_kw']])).toEqual([
      ['12', '0.00'],
      ['12', '21000.00'],
      ['3', '216446.00'],
      ['3', '1424792.00'],
    ]);
  });

  it('pseudonymises natural persons only, keeping companies (agents)', async () => {
    const { silver } = await load(
      datasets.agentes,
      fixturePath('agentes-2024-09-01.cut.csv'),
      '2024-09-01',
    );
    const names = silver.map((r) => r['agent_name'] as string);
    const hashed = await db.query(
      `SELECT sha256('Ivo Luiz Ruaro') AS a, sha256('Nelcy Nazzari') AS b`,
    );
    expect(names).toEqual([
      'ANGLOGOLD ASHANTI CÓRREGO DO SÍTIO MINERAÇÃO S.A.',
      hashed[0]?.['a'],
      'USINA AÇUCAREIRA ESTER S.A.',
      'HIDROELÉTRICA BERGAMIN LTDA.',
      hashed[0]?.['b'],
    ]);
  });

  it('keys dirty labels on the abbreviation and merges accent variants (C11)', async () => {
    const uf = await load(
      datasets.capacidade_uf,
      fixturePath('capacidade-uf-2024-07-01.cut.csv'),
      '2024-07-01',
    );
    expect(uf.silver.map((r) => [r['state_code'], r['state_name']])).toEqual([
      ['AC', 'ACRE'],
      ['BA', 'RIO DE JANEIRO'],
    ]);
    const thermal = await load(
      datasets.termeletricas,
      fixturePath('termeletricas-2024-07-01.cut.csv'),
      '2024-07-01',
    );
    expect(thermal.silver.map((r) => `${r['fuel_origin']}/${r['plant_type']}`)).toEqual([
      'biomass/forest',
      'fossil/coal',
      'fossil/coal',
      'fossil/coal',
      'fossil/coal',
    ]);
  });

  it('sends every bad row to quarantine with its reasons, and counts reconcile', async () => {
    const { silver, quarantine, reconciliation } = await load(
      datasets.siga,
      fixturePath('siga-bad-rows.csv'),
      '2026-10-01',
    );
    expect(silver.map((r) => r['source_row'])).toEqual(['1']);
    expect(quarantine.map((r) => [r['source_row'], r['reject_reason']])).toEqual([
      ['2', 'state_code: unknown_code (`XX`); capacity_granted_kw: not_a_number (`abc`)'],
      [
        '3',
        'grant_type: unknown_code (`Permissão`); operation_start_date: not_a_date (`1994-13-45`)',
      ],
    ]);
    expect(quarantine[0]?.['raw_capacity_granted_kw']).toBe('abc');
    expect(reconciliation).toEqual({
      rows_in: '3',
      rows_silver: '1',
      rows_quarantined: '2',
      reconciles: true,
    });
  });

  it('keeps `&amp-` as `&` and trims leading spaces', async () => {
    const { silver } = await load(
      datasets.siga,
      fixturePath('siga-2026-10-01.cut.csv'),
      '2026-10-01',
    );
    expect(silver[0]?.['sub_basin']).toBe('41 - Das Velhas - Sao Francisco');
  });

  it('skips `trim` only on rows whose padded column is `0`', async () => {
    // The pipeline's recoder writes `0` only when no cell of the row starts or ends with a
    // space; `0` here on a padded row shows the SQL trusts the flag, and anything else trims.
    const utf8 = utf8Copy(fixturePath('siga-2026-10-01.cut.csv'));
    const header = headerFor(datasets.siga, utf8);
    const subBasin = async (flag: string): Promise<unknown> => {
      const source = `(SELECT ${flag} AS pad, * FROM ${duckdbCsvRelation(utf8)})`;
      const staged = stagedSelectSql(datasets.siga, d, {
        source,
        header,
        dataDate: '2026-10-01',
        paddedColumn: 'pad',
      });
      const rows = await db.query(`SELECT sub_basin FROM (${staged}) ORDER BY source_row LIMIT 1`);
      return rows[0]?.['sub_basin'];
    };
    expect(await subBasin(`'0'`)).toBe(' 41 - Das Velhas - Sao Francisco');
    for (const flag of [`'1'`, 'NULL', `'yes'`]) {
      expect(await subBasin(flag)).toBe('41 - Das Velhas - Sao Francisco');
    }
  });
});

describe('the full SIGA file of 2022-06-01', () => {
  it('lands 15,455 rows in silver, 13,904 operating, in file order', async () => {
    const utf8 = utf8Copy(SIGA_2022);
    const { silver, quarantine, reconciliation } = await load(
      datasets.siga,
      SIGA_2022,
      '2022-06-01',
      'siga_full',
    );
    expect(quarantine).toEqual([]);
    expect(reconciliation).toEqual({
      rows_in: '15455',
      rows_silver: '15455',
      rows_quarantined: '0',
      reconciles: true,
    });
    expect(silver.filter((r) => r['phase'] === 'operating')).toHaveLength(13_904);

    // source_row follows the file: compare every row's CEG with the file's own line order.
    const lines = (await import('node:fs')).readFileSync(utf8, 'utf8').split('\r\n').slice(1, -1);
    const cegs = lines.map((line) => line.split('";"')[3]);
    expect(silver.map((r) => r['plant_id_ceg'])).toEqual(cegs);
    expect(silver.map((r) => Number(r['source_row']))).toEqual(lines.map((_, i) => i + 1));
  });
});

describe('silver SQL for Athena and BigQuery', () => {
  const header = Object.fromEntries(
    datasets.operacao_historico.columns.map((c) => [c.name, c.source]),
  );

  it('pins the staged SELECT of operacao_historico for Athena', () => {
    const options = {
      source: '"matriz_bronze"."operacao_historico_text"',
      header,
      dataDate: '2024-09-01',
    };
    expect(stagedSelectSql(datasets.operacao_historico, athenaDialect, options))
      .toMatchInlineSnapshot(`
        "WITH numbered AS (
          SELECT row_number() OVER () AS "source_row", * FROM "matriz_bronze"."operacao_historico_text"
        ), raw AS (
          SELECT "source_row",
            CAST("DatGeracaoConjuntoDados" AS VARCHAR) AS "raw_dataset_generated_date",
            CAST("SigTipoGeracao" AS VARCHAR) AS "raw_generation_type",
            CAST("QtdUsinasPeriodo" AS VARCHAR) AS "raw_plant_count",
            CAST("MdaPotenciaInstaladaKW" AS VARCHAR) AS "raw_capacity_installed_kw",
            CAST("MesReferencia" AS VARCHAR) AS "raw_reference_month",
            CAST("AnoReferencia" AS VARCHAR) AS "raw_reference_year"
          FROM numbered
        ), typed AS (
          SELECT *,
            CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_dataset_generated_date"), ''), '-'), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T].*)?$') THEN CAST(try(date_parse(substr(NULLIF(NULLIF(trim("raw_dataset_generated_date"), ''), '-'), 1, 10), '%Y-%m-%d')) AS DATE) WHEN regexp_like(NULLIF(NULLIF(trim("raw_dataset_generated_date"), ''), '-'), '^[0-9]{2}-[0-9]{2}-[0-9]{4}([ T].*)?$') THEN CAST(try(date_parse(substr(NULLIF(NULLIF(trim("raw_dataset_generated_date"), ''), '-'), 1, 10), '%d-%m-%Y')) AS DATE) WHEN regexp_like(NULLIF(NULLIF(trim("raw_dataset_generated_date"), ''), '-'), '^[0-9]{2}/[0-9]{2}/[0-9]{4}([ T].*)?$') THEN CAST(try(date_parse(substr(NULLIF(NULLIF(trim("raw_dataset_generated_date"), ''), '-'), 1, 10), '%d/%m/%Y')) AS DATE) END AS "dataset_generated_date",
            CASE WHEN NULLIF(NULLIF(trim("raw_dataset_generated_date"), ''), '-') IS NOT NULL AND CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_dataset_generated_date"), ''), '-'), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T].*)?$') THEN CAST(try(date_parse(substr(NULLIF(NULLIF(trim("raw_dataset_generated_date"), ''), '-'), 1, 10), '%Y-%m-%d')) AS DATE) WHEN regexp_like(NULLIF(NULLIF(trim("raw_dataset_generated_date"), ''), '-'), '^[0-9]{2}-[0-9]{2}-[0-9]{4}([ T].*)?$') THEN CAST(try(date_parse(substr(NULLIF(NULLIF(trim("raw_dataset_generated_date"), ''), '-'), 1, 10), '%d-%m-%Y')) AS DATE) WHEN regexp_like(NULLIF(NULLIF(trim("raw_dataset_generated_date"), ''), '-'), '^[0-9]{2}/[0-9]{2}/[0-9]{4}([ T].*)?$') THEN CAST(try(date_parse(substr(NULLIF(NULLIF(trim("raw_dataset_generated_date"), ''), '-'), 1, 10), '%d/%m/%Y')) AS DATE) END IS NULL THEN 'not_a_date' END AS "reason__dataset_generated_date",
            CAST(NULL AS VARCHAR) AS "placeholder_dataset_generated_date",
            CASE lower(trim(regexp_replace(translate(NULLIF(NULLIF(trim("raw_generation_type"), ''), '-'), 'áàâãäåéèêëíìîïóòôõöúùûüçñýÿÁÀÂÃÄÅÉÈÊËÍÌÎÏÓÒÔÕÖÚÙÛÜÇÑÝ', 'aaaaaaeeeeiiiiooooouuuucnyyAAAAAAEEEEIIIIOOOOOUUUUCNY'), '\\s+', ' '))) WHEN 'cgh' THEN 'CGH' WHEN 'cgu' THEN 'CGU' WHEN 'eol' THEN 'EOL' WHEN 'pch' THEN 'PCH' WHEN 'ufv' THEN 'UFV' WHEN 'uhe' THEN 'UHE' WHEN 'ute' THEN 'UTE' WHEN 'utn' THEN 'UTN' END AS "generation_type",
            CASE WHEN NULLIF(NULLIF(trim("raw_generation_type"), ''), '-') IS NOT NULL AND CASE lower(trim(regexp_replace(translate(NULLIF(NULLIF(trim("raw_generation_type"), ''), '-'), 'áàâãäåéèêëíìîïóòôõöúùûüçñýÿÁÀÂÃÄÅÉÈÊËÍÌÎÏÓÒÔÕÖÚÙÛÜÇÑÝ', 'aaaaaaeeeeiiiiooooouuuucnyyAAAAAAEEEEIIIIOOOOOUUUUCNY'), '\\s+', ' '))) WHEN 'cgh' THEN 'CGH' WHEN 'cgu' THEN 'CGU' WHEN 'eol' THEN 'EOL' WHEN 'pch' THEN 'PCH' WHEN 'ufv' THEN 'UFV' WHEN 'uhe' THEN 'UHE' WHEN 'ute' THEN 'UTE' WHEN 'utn' THEN 'UTN' END IS NULL THEN 'unknown_code' END AS "reason__generation_type",
            CAST(NULL AS VARCHAR) AS "placeholder_generation_type",
            CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_plant_count"), ''), '-'), '^[+-]?([0-9]+|[0-9]{1,3}([.][0-9]{3})+)$') THEN TRY_CAST(replace(NULLIF(NULLIF(trim("raw_plant_count"), ''), '-'), '.', '') AS BIGINT) END AS "plant_count",
            CASE WHEN NULLIF(NULLIF(trim("raw_plant_count"), ''), '-') IS NOT NULL AND CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_plant_count"), ''), '-'), '^[+-]?([0-9]+|[0-9]{1,3}([.][0-9]{3})+)$') THEN TRY_CAST(replace(NULLIF(NULLIF(trim("raw_plant_count"), ''), '-'), '.', '') AS BIGINT) END IS NULL THEN 'not_a_number' WHEN CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_plant_count"), ''), '-'), '^[+-]?([0-9]+|[0-9]{1,3}([.][0-9]{3})+)$') THEN TRY_CAST(replace(NULLIF(NULLIF(trim("raw_plant_count"), ''), '-'), '.', '') AS BIGINT) END < 0 THEN 'out_of_range' END AS "reason__plant_count",
            CAST(NULL AS VARCHAR) AS "placeholder_plant_count",
            CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_capacity_installed_kw"), ''), '-'), '^[+-]?(([0-9]+|[0-9]{1,3}([.][0-9]{3})+)(,[0-9]+)?|,[0-9]+)$') THEN TRY_CAST(CASE WHEN NULLIF(NULLIF(trim("raw_capacity_installed_kw"), ''), '-') LIKE '-%' THEN '-0' ELSE '0' END || replace(replace(regexp_replace(NULLIF(NULLIF(trim("raw_capacity_installed_kw"), ''), '-'), '^[+-]', ''), '.', ''), ',', '.') AS DECIMAL(18, 2)) END AS "capacity_installed_kw",
            CASE WHEN NULLIF(NULLIF(trim("raw_capacity_installed_kw"), ''), '-') IS NOT NULL AND CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_capacity_installed_kw"), ''), '-'), '^[+-]?(([0-9]+|[0-9]{1,3}([.][0-9]{3})+)(,[0-9]+)?|,[0-9]+)$') THEN TRY_CAST(CASE WHEN NULLIF(NULLIF(trim("raw_capacity_installed_kw"), ''), '-') LIKE '-%' THEN '-0' ELSE '0' END || replace(replace(regexp_replace(NULLIF(NULLIF(trim("raw_capacity_installed_kw"), ''), '-'), '^[+-]', ''), '.', ''), ',', '.') AS DECIMAL(18, 2)) END IS NULL THEN 'not_a_number' WHEN CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_capacity_installed_kw"), ''), '-'), '^[+-]?(([0-9]+|[0-9]{1,3}([.][0-9]{3})+)(,[0-9]+)?|,[0-9]+)$') THEN TRY_CAST(CASE WHEN NULLIF(NULLIF(trim("raw_capacity_installed_kw"), ''), '-') LIKE '-%' THEN '-0' ELSE '0' END || replace(replace(regexp_replace(NULLIF(NULLIF(trim("raw_capacity_installed_kw"), ''), '-'), '^[+-]', ''), '.', ''), ',', '.') AS DECIMAL(18, 2)) END < 0 THEN 'out_of_range' END AS "reason__capacity_installed_kw",
            CAST(NULL AS VARCHAR) AS "placeholder_capacity_installed_kw",
            CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_reference_month"), ''), '-'), '^[0-9]{1,2}$') THEN TRY_CAST(NULLIF(NULLIF(trim("raw_reference_month"), ''), '-') AS BIGINT) END AS "reference_month",
            CASE WHEN NULLIF(NULLIF(trim("raw_reference_month"), ''), '-') IS NOT NULL AND CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_reference_month"), ''), '-'), '^[0-9]{1,2}$') THEN TRY_CAST(NULLIF(NULLIF(trim("raw_reference_month"), ''), '-') AS BIGINT) END IS NULL THEN 'not_a_month' WHEN CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_reference_month"), ''), '-'), '^[0-9]{1,2}$') THEN TRY_CAST(NULLIF(NULLIF(trim("raw_reference_month"), ''), '-') AS BIGINT) END < 1 OR CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_reference_month"), ''), '-'), '^[0-9]{1,2}$') THEN TRY_CAST(NULLIF(NULLIF(trim("raw_reference_month"), ''), '-') AS BIGINT) END > 12 THEN 'out_of_range' END AS "reason__reference_month",
            CAST(NULL AS VARCHAR) AS "placeholder_reference_month",
            CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_reference_year"), ''), '-'), '^[0-9]{4}$') THEN TRY_CAST(NULLIF(NULLIF(trim("raw_reference_year"), ''), '-') AS BIGINT) END AS "reference_year",
            CASE WHEN NULLIF(NULLIF(trim("raw_reference_year"), ''), '-') IS NOT NULL AND CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_reference_year"), ''), '-'), '^[0-9]{4}$') THEN TRY_CAST(NULLIF(NULLIF(trim("raw_reference_year"), ''), '-') AS BIGINT) END IS NULL THEN 'not_a_year' WHEN CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_reference_year"), ''), '-'), '^[0-9]{4}$') THEN TRY_CAST(NULLIF(NULLIF(trim("raw_reference_year"), ''), '-') AS BIGINT) END < 1900 OR CASE WHEN regexp_like(NULLIF(NULLIF(trim("raw_reference_year"), ''), '-'), '^[0-9]{4}$') THEN TRY_CAST(NULLIF(NULLIF(trim("raw_reference_year"), ''), '-') AS BIGINT) END > 2100 THEN 'out_of_range' END AS "reason__reference_year",
            CAST(NULL AS VARCHAR) AS "placeholder_reference_year"
          FROM raw
        )
        SELECT
          DATE '2024-09-01' AS "data_date",
          "source_row",
          "dataset_generated_date",
          "generation_type",
          "plant_count",
          "capacity_installed_kw",
          "reference_month",
          "reference_year",
          NULLIF(concat_ws('; ', CASE WHEN "reason__dataset_generated_date" IS NOT NULL THEN 'dataset_generated_date: ' || "reason__dataset_generated_date" || ' (\`' || COALESCE("raw_dataset_generated_date", '') || '\`)' END, CASE WHEN "reason__generation_type" IS NOT NULL THEN 'generation_type: ' || "reason__generation_type" || ' (\`' || COALESCE("raw_generation_type", '') || '\`)' END, CASE WHEN "reason__plant_count" IS NOT NULL THEN 'plant_count: ' || "reason__plant_count" || ' (\`' || COALESCE("raw_plant_count", '') || '\`)' END, CASE WHEN "reason__capacity_installed_kw" IS NOT NULL THEN 'capacity_installed_kw: ' || "reason__capacity_installed_kw" || ' (\`' || COALESCE("raw_capacity_installed_kw", '') || '\`)' END, CASE WHEN "reason__reference_month" IS NOT NULL THEN 'reference_month: ' || "reason__reference_month" || ' (\`' || COALESCE("raw_reference_month", '') || '\`)' END, CASE WHEN "reason__reference_year" IS NOT NULL THEN 'reference_year: ' || "reason__reference_year" || ' (\`' || COALESCE("raw_reference_year", '') || '\`)' END), '') AS "reject_reason",
          "reason__dataset_generated_date" IS NOT NULL OR "reason__generation_type" IS NOT NULL OR "reason__plant_count" IS NOT NULL OR "reason__capacity_installed_kw" IS NOT NULL OR "reason__reference_month" IS NOT NULL OR "reason__reference_year" IS NOT NULL AS "is_rejected",
          "raw_dataset_generated_date",
          "raw_generation_type",
          "raw_plant_count",
          "raw_capacity_installed_kw",
          "raw_reference_month",
          "raw_reference_year"
        FROM typed"
      `);
  });

  it('pins the staged SELECT and silver projection of operacao_historico for BigQuery', () => {
    const options = {
      source: '`matriz_bronze.operacao_historico_text`',
      header,
      dataDate: '2024-09-01',
    };
    const staged = stagedSelectSql(datasets.operacao_historico, bigqueryDialect, options);
    expect(staged).toMatchInlineSnapshot(`
      "WITH numbered AS (
        SELECT row_number() OVER () AS \`source_row\`, * FROM \`matriz_bronze.operacao_historico_text\`
      ), raw AS (
        SELECT \`source_row\`,
          CAST(\`DatGeracaoConjuntoDados\` AS STRING) AS \`raw_dataset_generated_date\`,
          CAST(\`SigTipoGeracao\` AS STRING) AS \`raw_generation_type\`,
          CAST(\`QtdUsinasPeriodo\` AS STRING) AS \`raw_plant_count\`,
          CAST(\`MdaPotenciaInstaladaKW\` AS STRING) AS \`raw_capacity_installed_kw\`,
          CAST(\`MesReferencia\` AS STRING) AS \`raw_reference_month\`,
          CAST(\`AnoReferencia\` AS STRING) AS \`raw_reference_year\`
        FROM numbered
      ), typed AS (
        SELECT *,
          CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_dataset_generated_date\`), ''), '-'), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T].*)?$') THEN SAFE.PARSE_DATE('%Y-%m-%d', substr(NULLIF(NULLIF(trim(\`raw_dataset_generated_date\`), ''), '-'), 1, 10)) WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_dataset_generated_date\`), ''), '-'), '^[0-9]{2}-[0-9]{2}-[0-9]{4}([ T].*)?$') THEN SAFE.PARSE_DATE('%d-%m-%Y', substr(NULLIF(NULLIF(trim(\`raw_dataset_generated_date\`), ''), '-'), 1, 10)) WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_dataset_generated_date\`), ''), '-'), '^[0-9]{2}/[0-9]{2}/[0-9]{4}([ T].*)?$') THEN SAFE.PARSE_DATE('%d/%m/%Y', substr(NULLIF(NULLIF(trim(\`raw_dataset_generated_date\`), ''), '-'), 1, 10)) END AS \`dataset_generated_date\`,
          CASE WHEN NULLIF(NULLIF(trim(\`raw_dataset_generated_date\`), ''), '-') IS NOT NULL AND CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_dataset_generated_date\`), ''), '-'), '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T].*)?$') THEN SAFE.PARSE_DATE('%Y-%m-%d', substr(NULLIF(NULLIF(trim(\`raw_dataset_generated_date\`), ''), '-'), 1, 10)) WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_dataset_generated_date\`), ''), '-'), '^[0-9]{2}-[0-9]{2}-[0-9]{4}([ T].*)?$') THEN SAFE.PARSE_DATE('%d-%m-%Y', substr(NULLIF(NULLIF(trim(\`raw_dataset_generated_date\`), ''), '-'), 1, 10)) WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_dataset_generated_date\`), ''), '-'), '^[0-9]{2}/[0-9]{2}/[0-9]{4}([ T].*)?$') THEN SAFE.PARSE_DATE('%d/%m/%Y', substr(NULLIF(NULLIF(trim(\`raw_dataset_generated_date\`), ''), '-'), 1, 10)) END IS NULL THEN 'not_a_date' END AS \`reason__dataset_generated_date\`,
          CAST(NULL AS STRING) AS \`placeholder_dataset_generated_date\`,
          CASE lower(trim(REGEXP_REPLACE(REGEXP_REPLACE(NORMALIZE(NULLIF(NULLIF(trim(\`raw_generation_type\`), ''), '-'), NFD), r'\\p{M}', ''), '\\\\s+', ' '))) WHEN 'cgh' THEN 'CGH' WHEN 'cgu' THEN 'CGU' WHEN 'eol' THEN 'EOL' WHEN 'pch' THEN 'PCH' WHEN 'ufv' THEN 'UFV' WHEN 'uhe' THEN 'UHE' WHEN 'ute' THEN 'UTE' WHEN 'utn' THEN 'UTN' END AS \`generation_type\`,
          CASE WHEN NULLIF(NULLIF(trim(\`raw_generation_type\`), ''), '-') IS NOT NULL AND CASE lower(trim(REGEXP_REPLACE(REGEXP_REPLACE(NORMALIZE(NULLIF(NULLIF(trim(\`raw_generation_type\`), ''), '-'), NFD), r'\\p{M}', ''), '\\\\s+', ' '))) WHEN 'cgh' THEN 'CGH' WHEN 'cgu' THEN 'CGU' WHEN 'eol' THEN 'EOL' WHEN 'pch' THEN 'PCH' WHEN 'ufv' THEN 'UFV' WHEN 'uhe' THEN 'UHE' WHEN 'ute' THEN 'UTE' WHEN 'utn' THEN 'UTN' END IS NULL THEN 'unknown_code' END AS \`reason__generation_type\`,
          CAST(NULL AS STRING) AS \`placeholder_generation_type\`,
          CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_plant_count\`), ''), '-'), '^[+-]?([0-9]+|[0-9]{1,3}([.][0-9]{3})+)$') THEN SAFE_CAST(replace(NULLIF(NULLIF(trim(\`raw_plant_count\`), ''), '-'), '.', '') AS INT64) END AS \`plant_count\`,
          CASE WHEN NULLIF(NULLIF(trim(\`raw_plant_count\`), ''), '-') IS NOT NULL AND CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_plant_count\`), ''), '-'), '^[+-]?([0-9]+|[0-9]{1,3}([.][0-9]{3})+)$') THEN SAFE_CAST(replace(NULLIF(NULLIF(trim(\`raw_plant_count\`), ''), '-'), '.', '') AS INT64) END IS NULL THEN 'not_a_number' WHEN CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_plant_count\`), ''), '-'), '^[+-]?([0-9]+|[0-9]{1,3}([.][0-9]{3})+)$') THEN SAFE_CAST(replace(NULLIF(NULLIF(trim(\`raw_plant_count\`), ''), '-'), '.', '') AS INT64) END < 0 THEN 'out_of_range' END AS \`reason__plant_count\`,
          CAST(NULL AS STRING) AS \`placeholder_plant_count\`,
          CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_capacity_installed_kw\`), ''), '-'), '^[+-]?(([0-9]+|[0-9]{1,3}([.][0-9]{3})+)(,[0-9]+)?|,[0-9]+)$') THEN SAFE_CAST(CASE WHEN NULLIF(NULLIF(trim(\`raw_capacity_installed_kw\`), ''), '-') LIKE '-%' THEN '-0' ELSE '0' END || replace(replace(REGEXP_REPLACE(NULLIF(NULLIF(trim(\`raw_capacity_installed_kw\`), ''), '-'), '^[+-]', ''), '.', ''), ',', '.') AS NUMERIC(18, 2)) END AS \`capacity_installed_kw\`,
          CASE WHEN NULLIF(NULLIF(trim(\`raw_capacity_installed_kw\`), ''), '-') IS NOT NULL AND CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_capacity_installed_kw\`), ''), '-'), '^[+-]?(([0-9]+|[0-9]{1,3}([.][0-9]{3})+)(,[0-9]+)?|,[0-9]+)$') THEN SAFE_CAST(CASE WHEN NULLIF(NULLIF(trim(\`raw_capacity_installed_kw\`), ''), '-') LIKE '-%' THEN '-0' ELSE '0' END || replace(replace(REGEXP_REPLACE(NULLIF(NULLIF(trim(\`raw_capacity_installed_kw\`), ''), '-'), '^[+-]', ''), '.', ''), ',', '.') AS NUMERIC(18, 2)) END IS NULL THEN 'not_a_number' WHEN CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_capacity_installed_kw\`), ''), '-'), '^[+-]?(([0-9]+|[0-9]{1,3}([.][0-9]{3})+)(,[0-9]+)?|,[0-9]+)$') THEN SAFE_CAST(CASE WHEN NULLIF(NULLIF(trim(\`raw_capacity_installed_kw\`), ''), '-') LIKE '-%' THEN '-0' ELSE '0' END || replace(replace(REGEXP_REPLACE(NULLIF(NULLIF(trim(\`raw_capacity_installed_kw\`), ''), '-'), '^[+-]', ''), '.', ''), ',', '.') AS NUMERIC(18, 2)) END < 0 THEN 'out_of_range' END AS \`reason__capacity_installed_kw\`,
          CAST(NULL AS STRING) AS \`placeholder_capacity_installed_kw\`,
          CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_reference_month\`), ''), '-'), '^[0-9]{1,2}$') THEN SAFE_CAST(NULLIF(NULLIF(trim(\`raw_reference_month\`), ''), '-') AS INT64) END AS \`reference_month\`,
          CASE WHEN NULLIF(NULLIF(trim(\`raw_reference_month\`), ''), '-') IS NOT NULL AND CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_reference_month\`), ''), '-'), '^[0-9]{1,2}$') THEN SAFE_CAST(NULLIF(NULLIF(trim(\`raw_reference_month\`), ''), '-') AS INT64) END IS NULL THEN 'not_a_month' WHEN CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_reference_month\`), ''), '-'), '^[0-9]{1,2}$') THEN SAFE_CAST(NULLIF(NULLIF(trim(\`raw_reference_month\`), ''), '-') AS INT64) END < 1 OR CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_reference_month\`), ''), '-'), '^[0-9]{1,2}$') THEN SAFE_CAST(NULLIF(NULLIF(trim(\`raw_reference_month\`), ''), '-') AS INT64) END > 12 THEN 'out_of_range' END AS \`reason__reference_month\`,
          CAST(NULL AS STRING) AS \`placeholder_reference_month\`,
          CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_reference_year\`), ''), '-'), '^[0-9]{4}$') THEN SAFE_CAST(NULLIF(NULLIF(trim(\`raw_reference_year\`), ''), '-') AS INT64) END AS \`reference_year\`,
          CASE WHEN NULLIF(NULLIF(trim(\`raw_reference_year\`), ''), '-') IS NOT NULL AND CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_reference_year\`), ''), '-'), '^[0-9]{4}$') THEN SAFE_CAST(NULLIF(NULLIF(trim(\`raw_reference_year\`), ''), '-') AS INT64) END IS NULL THEN 'not_a_year' WHEN CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_reference_year\`), ''), '-'), '^[0-9]{4}$') THEN SAFE_CAST(NULLIF(NULLIF(trim(\`raw_reference_year\`), ''), '-') AS INT64) END < 1900 OR CASE WHEN REGEXP_CONTAINS(NULLIF(NULLIF(trim(\`raw_reference_year\`), ''), '-'), '^[0-9]{4}$') THEN SAFE_CAST(NULLIF(NULLIF(trim(\`raw_reference_year\`), ''), '-') AS INT64) END > 2100 THEN 'out_of_range' END AS \`reason__reference_year\`,
          CAST(NULL AS STRING) AS \`placeholder_reference_year\`
        FROM raw
      )
      SELECT
        DATE '2024-09-01' AS \`data_date\`,
        \`source_row\`,
        \`dataset_generated_date\`,
        \`generation_type\`,
        \`plant_count\`,
        \`capacity_installed_kw\`,
        \`reference_month\`,
        \`reference_year\`,
        NULLIF(ARRAY_TO_STRING([CASE WHEN \`reason__dataset_generated_date\` IS NOT NULL THEN 'dataset_generated_date: ' || \`reason__dataset_generated_date\` || ' (\`' || COALESCE(\`raw_dataset_generated_date\`, '') || '\`)' END, CASE WHEN \`reason__generation_type\` IS NOT NULL THEN 'generation_type: ' || \`reason__generation_type\` || ' (\`' || COALESCE(\`raw_generation_type\`, '') || '\`)' END, CASE WHEN \`reason__plant_count\` IS NOT NULL THEN 'plant_count: ' || \`reason__plant_count\` || ' (\`' || COALESCE(\`raw_plant_count\`, '') || '\`)' END, CASE WHEN \`reason__capacity_installed_kw\` IS NOT NULL THEN 'capacity_installed_kw: ' || \`reason__capacity_installed_kw\` || ' (\`' || COALESCE(\`raw_capacity_installed_kw\`, '') || '\`)' END, CASE WHEN \`reason__reference_month\` IS NOT NULL THEN 'reference_month: ' || \`reason__reference_month\` || ' (\`' || COALESCE(\`raw_reference_month\`, '') || '\`)' END, CASE WHEN \`reason__reference_year\` IS NOT NULL THEN 'reference_year: ' || \`reason__reference_year\` || ' (\`' || COALESCE(\`raw_reference_year\`, '') || '\`)' END], '; '), '') AS \`reject_reason\`,
        \`reason__dataset_generated_date\` IS NOT NULL OR \`reason__generation_type\` IS NOT NULL OR \`reason__plant_count\` IS NOT NULL OR \`reason__capacity_installed_kw\` IS NOT NULL OR \`reason__reference_month\` IS NOT NULL OR \`reason__reference_year\` IS NOT NULL AS \`is_rejected\`,
        \`raw_dataset_generated_date\`,
        \`raw_generation_type\`,
        \`raw_plant_count\`,
        \`raw_capacity_installed_kw\`,
        \`raw_reference_month\`,
        \`raw_reference_year\`
      FROM typed"
    `);
    expect(silverProjectionSql(datasets.siga, bigqueryDialect, '`staged`')).toMatchInlineSnapshot(`
      "SELECT
        \`dataset_generated_date\`,
        \`plant_name\`,
        \`plant_nucleus_id_ceg\`,
        \`plant_id_ceg\`,
        \`state_code\`,
        \`generation_type\`,
        \`phase\`,
        \`fuel_origin\`,
        \`fuel_source\`,
        \`grant_type\`,
        \`fuel_name\`,
        \`operation_start_date\`,
        \`capacity_granted_kw\`,
        \`capacity_inspected_kw\`,
        \`physical_guarantee_kw\`,
        \`is_qualified_cogeneration\`,
        \`latitude_deg\`,
        \`longitude_deg\`,
        \`grant_start_date\`,
        \`grant_end_date\`,
        \`sub_basin\`,
        \`municipalities_text\`,
        \`data_date\`,
        \`source_row\`,
        row_number() OVER (PARTITION BY \`data_date\`, \`plant_id_ceg\` ORDER BY \`grant_type\` ASC NULLS LAST, \`source_row\` ASC NULLS LAST, \`source_row\` ASC NULLS LAST) = 1 AS \`is_primary_row\`
      FROM \`staged\`
      WHERE NOT \`is_rejected\`
      ORDER BY \`source_row\`"
    `);
  });
});
