import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import { createDuckDbEngine, type DuckDbEngine } from '@matriz/duckdb';

import { JsonCatalog } from './catalog/json-catalog.ts';
import { LakeWarehouse } from './catalog/lake-warehouse.ts';
import { FsStateStore } from './state/fs-state-store.ts';
import { FsObjectStore } from './store/fs-object-store.ts';
import { FileLog } from './stream/file-log.ts';

/** The embedded default: a lake folder, its catalog and an in-process DuckDB over it. */
export interface LocalLake {
  readonly root: string;
  readonly store: FsObjectStore;
  readonly catalog: JsonCatalog;
  readonly engine: DuckDbEngine;
  readonly warehouse: LakeWarehouse;
  /** The change stream: an append-only log under `<lake>/stream/changes/`. */
  readonly log: FileLog;
  /** Latest state and history per entity key under `<lake>/state/`. */
  readonly state: FsStateStore;
  /** Salt for pseudonymised personal data: `$MATRIZ_PII_SALT`, or one generated per lake. */
  readonly piiSalt: string;
  /** Scratch space for engines (decoded CSVs, Parquet before upload). */
  readonly workDir: string;
  /** Re-reads the catalog and refreshes the views (`silver.<id>`, `gold.<name>`, ...). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/** DuckDB memory cap of a local lake unless `memoryLimit` or `$MATRIZ_DUCKDB_MEMORY` says. */
export const DEFAULT_MEMORY_LIMIT = '768MB';

export interface OpenLakeOptions {
  /** Overrides the lake's own salt (e.g. from a secret store). */
  readonly piiSalt?: string;
  readonly threads?: number;
  /** DuckDB memory cap, e.g. `2GB` (default {@link DEFAULT_MEMORY_LIMIT}). */
  readonly memoryLimit?: string;
}

/**
 * Opens (creating if needed) a lake folder. DuckDB runs in memory: the lake's truth is the
 * Parquet files and `catalog.json`, so any number of readers can open the same lake.
 */
export async function openLocalLake(
  root: string,
  options: OpenLakeOptions = {},
): Promise<LocalLake> {
  const abs = path.resolve(root);
  const workDir = path.join(abs, '.work');
  await fs.mkdir(workDir, { recursive: true });
  const store = new FsObjectStore(abs);
  const catalog = new JsonCatalog(store);
  const engine = await createDuckDbEngine({
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    // DuckDB's default (80 % of RAM) let a 4.6M-row diff reach 6.8 GB; with a cap it spills to
    // `duckdb-spill/` instead, so memory stays bounded whatever the snapshot size.
    memoryLimit: options.memoryLimit ?? process.env['MATRIZ_DUCKDB_MEMORY'] ?? DEFAULT_MEMORY_LIMIT,
    tempDirectory: path.join(workDir, 'duckdb-spill'),
  });
  const warehouse = new LakeWarehouse(engine, abs);
  const piiSalt = options.piiSalt ?? process.env['MATRIZ_PII_SALT'] ?? (await lakeSalt(abs));
  const lake: LocalLake = {
    root: abs,
    store,
    catalog,
    engine,
    warehouse,
    log: new FileLog(path.join(abs, 'stream', 'changes')),
    state: new FsStateStore(path.join(abs, 'state')),
    piiSalt,
    workDir,
    refresh: async () => warehouse.attach(await catalog.list()),
    close: () => engine.close(),
  };
  await lake.refresh();
  return lake;
}

/**
 * The lake's pseudonymisation salt, kept in `<lake>/.secrets/pii-salt` (mode 0600), created on
 * first use. Silver and gold never contain it.
 */
async function lakeSalt(root: string): Promise<string> {
  const dir = path.join(root, '.secrets');
  const file = path.join(dir, 'pii-salt');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const salt = randomBytes(32).toString('hex');
    await fs.writeFile(file, salt + '\n', { mode: 0o600, flag: 'wx' }).catch(() => undefined);
    return (await fs.readFile(file, 'utf8')).trim();
  }
}
