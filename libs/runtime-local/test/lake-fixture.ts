import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { createDuckDbEngine, duckString, type DuckDbEngine } from '@matriz/duckdb';
import {
  DATA_DATE_COLUMN,
  PRIMARY_ROW_COLUMN,
  SOURCE_ROW_COLUMN,
  getDataset,
  type ColumnSpec,
  type DatasetId,
} from '@matriz/core';
import { deriveChanges, lakeKeys, type ChangeSummary, type StreamProducer } from '@matriz/pipeline';

import { FsObjectStore } from '../src/store/fs-object-store.ts';

/** A throwaway lake folder with a DuckDB engine and silver snapshots built from real CSVs. */
export interface TestLake {
  readonly root: string;
  readonly store: FsObjectStore;
  readonly engine: DuckDbEngine;
  /** Writes the silver Parquet of a real CSV (read as text, cast by the registry's types). */
  ingest(dataset: DatasetId, file: string, dataDate: string): Promise<string>;
  /** Derives the changes between two silver snapshots. */
  changes(
    dataset: DatasetId,
    from: string | null,
    to: string,
    producer?: StreamProducer,
  ): Promise<ChangeSummary>;
  close(): Promise<void>;
}

/** Silver value of one registry column from its raw text `x` (a test-side stand-in for silver SQL). */
function castSql(column: ColumnSpec, x: string): string {
  const text = `NULLIF(NULLIF(trim(${x}), ''), '-')`;
  const decimal = `replace(replace(${text}, '.', ''), ',', '.')`;
  switch (column.type) {
    case 'int64':
      return `CAST(replace(${text}, '.', '') AS BIGINT)`;
    case 'decimal':
      return `CAST(${decimal} AS DECIMAL(18, ${column.scale ?? 2}))`;
    case 'double':
      return `CAST(replace(${text}, ',', '.') AS DOUBLE)`;
    case 'date':
      return `COALESCE(try_strptime(${text}, '%Y-%m-%d'), try_strptime(${text}, '%d-%m-%Y'))::DATE`;
    case 'boolean':
      return `(upper(${text}) IN ('S', 'SIM', 'TRUE', '1'))`;
    default:
      return text;
  }
}

export async function openTestLake(): Promise<TestLake> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'matriz-changes-'));
  const store = new FsObjectStore(root);
  const engine = await createDuckDbEngine({ threads: 1 });
  const relation = (dataset: DatasetId, date: string) =>
    `read_parquet(${duckString(store.pathOf(lakeKeys.silverFile(dataset, date)))})`;
  return {
    root,
    store,
    engine,
    async ingest(dataset, file, dataDate) {
      const def = getDataset(dataset);
      const bytes = await fs.readFile(file);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        text = new TextDecoder('windows-1252').decode(bytes);
      }
      const utf8 = path.join(root, `${dataset}-${dataDate}.utf8.csv`);
      await fs.writeFile(utf8, text);
      const raw = `read_csv(${duckString(utf8)}, all_varchar = true, delim = ';', header = true, quote = '"')`;
      const headers = (await engine.query(`DESCRIBE SELECT * FROM ${raw}`)).map((r) =>
        String(r['column_name']),
      );
      const select = def.columns
        .filter((c) => c.pii !== 'drop')
        .map((c) => {
          const names = [c.source, ...(c.aliases ?? [])].map((n) => n.toLowerCase());
          const header = headers.find((h) => names.includes(h.toLowerCase()));
          const value = header ? castSql(c, `"${header}"`) : 'NULL';
          return `${value} AS "${c.name}"`;
        });
      const key = def.key.map((k) => `"${k}"`).join(', ');
      const primary = def.dedupe
        ? `, row_number() OVER (PARTITION BY ${key} ORDER BY "${SOURCE_ROW_COLUMN}") = 1 AS "${PRIMARY_ROW_COLUMN}"`
        : '';
      const target = store.pathOf(lakeKeys.silverFile(dataset, dataDate));
      await fs.mkdir(path.dirname(target), { recursive: true });
      await engine.exec(
        `COPY (SELECT *${primary} FROM (SELECT ${select.join(', ')}, DATE '${dataDate}' AS "${DATA_DATE_COLUMN}", ` +
          `row_number() OVER () AS "${SOURCE_ROW_COLUMN}" FROM ${raw})) TO ${duckString(target)} (FORMAT parquet)`,
      );
      return dataDate;
    },
    changes(dataset, from, to, producer) {
      return deriveChanges({
        engine,
        store,
        dataset: getDataset(dataset),
        previous: from ? { date: from, relation: relation(dataset, from) } : null,
        current: { date: to, relation: relation(dataset, to) },
        ...(producer ? { producer } : {}),
        batchSize: 200,
      });
    },
    async close() {
      await engine.close();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
