import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import { duckdbDialect } from '@matriz/core';
import { duckString, type DuckDbEngine } from '@matriz/duckdb';
import type { GoldTableSpec, Row, TableEntry, Warehouse } from '@matriz/pipeline';

/** Schemas the lake's tables appear in: `silver.siga`, `gold.installed_capacity`, ... */
export const LAKE_SCHEMAS = ['bronze', 'silver', 'gold', 'quarantine', 'quality'] as const;

/**
 * The local warehouse: DuckDB over the lake's Parquet files. Tables in the catalog become views
 * (`silver.<dataset>` unions every snapshot), and gold tables are written as Parquet files that
 * replace the previous ones atomically.
 */
export class LakeWarehouse implements Warehouse {
  readonly dialect = 'duckdb' as const;

  constructor(
    private readonly engine: DuckDbEngine,
    private readonly root: string,
  ) {}

  prepare(tables: readonly TableEntry[]): Promise<void> {
    return this.attach(tables);
  }

  /** (Re)creates one view per catalog table. Tables with no files yet become empty views. */
  async attach(tables: readonly TableEntry[]): Promise<void> {
    for (const schema of LAKE_SCHEMAS)
      await this.engine.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    for (const table of tables) {
      if (table.layer === 'bronze') continue;
      const glob = path.join(this.root, ...table.location.split('/'), '**', '*.parquet');
      const files = await this.engine.query(`SELECT count(*) AS n FROM glob(${duckString(glob)})`);
      const ident = `${table.layer}.${duckdbDialect.quoteIdent(table.name)}`;
      if ((files[0]?.['n'] as number) > 0) {
        await this.engine.exec(
          `CREATE OR REPLACE VIEW ${ident} AS SELECT * FROM read_parquet(${duckString(glob)}, union_by_name = true, hive_partitioning = false)`,
        );
      } else {
        const columns = table.columns.map(
          (c) => `NULL::${duckdbDialect.typeName(c.type)} AS ${duckdbDialect.quoteIdent(c.name)}`,
        );
        await this.engine.exec(
          `CREATE OR REPLACE VIEW ${ident} AS SELECT ${columns.join(', ')} WHERE false`,
        );
      }
    }
  }

  async materialize(table: GoldTableSpec, sql: string): Promise<{ rows: number }> {
    const dir = path.join(this.root, 'gold', table.name);
    const staging = path.join(this.root, '.staging');
    await fs.mkdir(staging, { recursive: true });
    await fs.mkdir(dir, { recursive: true });
    const tmp = path.join(staging, `${randomUUID()}.parquet`);
    // Rows sorted on every column: the same silver gives the same gold file, byte for byte,
    // whatever order DuckDB's parallel aggregation produced them in.
    await this.engine.exec(
      `COPY (SELECT * FROM (${sql}) ORDER BY ALL) TO ${duckString(tmp)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    await fs.rename(tmp, path.join(dir, 'part-0.parquet'));
    const glob = path.join(dir, 'part-0.parquet');
    await this.engine.exec(`CREATE SCHEMA IF NOT EXISTS gold`);
    await this.engine.exec(
      `CREATE OR REPLACE VIEW gold.${duckdbDialect.quoteIdent(table.name)} AS SELECT * FROM read_parquet(${duckString(glob)})`,
    );
    const count = await this.engine.query(
      `SELECT count(*) AS n FROM gold.${duckdbDialect.quoteIdent(table.name)}`,
    );
    return { rows: count[0]?.['n'] as number };
  }

  query(sql: string): Promise<Row[]> {
    return this.engine.query(sql);
  }
}
