import fs from 'node:fs/promises';

import { getDataset } from '@matriz/core';
import {
  bronzeToSilver,
  buildGold,
  datasetEntries,
  extractToBronze,
  ingestFileToBronze,
  readBronzeManifest,
  runPipeline,
} from '@matriz/pipeline';

import { openBenchLake } from '../lake-deps.ts';
import { required, timed, type Stage } from './stage.ts';

/** A local file into bronze (copy, sha256, UTF-8 check, data-date sniff). */
export const ingestStage: Stage = async (args) => {
  const file = required(args.file, 'file');
  const { deps } = await openBenchLake(args.lake);
  const { ms, value } = await timed(() => ingestFileToBronze(deps, 'gd', file));
  const bytes = (await fs.stat(file)).size;
  const snapshot = value.snapshot;
  return {
    ms,
    rows: 0,
    bytes,
    details: {
      status: value.status,
      dataDate: snapshot?.dataDate,
      encoding: snapshot?.manifest.encoding,
    },
  };
};

/** Bronze to silver with full validation: the step the targets are about. */
export const silverStage: Stage = async (args) => {
  const dataDate = required(args.dataDate, 'dataDate');
  const { deps, lake } = await openBenchLake(args.lake);
  const manifest = await readBronzeManifest(deps, 'gd', dataDate);
  // The step's own split of its time (decoding, pass 1, placeholders, quarantine), from its log.
  const split: Record<string, unknown> = {};
  const logger = {
    ...deps.logger,
    info: (event: string, fields: Record<string, unknown> = {}) => {
      if (event !== 'silver.written') return;
      for (const name of ['decode_ms', 'silver_ms', 'placeholders_ms', 'quarantine_ms']) {
        split[name] = fields[name];
      }
    },
  };
  const { ms, value } = await timed(() =>
    bronzeToSilver({ ...deps, logger }, getDataset('gd'), dataDate),
  );
  return {
    ms,
    rows: value.rowsIn,
    bytes: manifest.bytes,
    details: {
      rowsIn: value.rowsIn,
      rowsOut: value.rowsOut,
      rowsQuarantined: value.rowsQuarantined,
      encoding: value.encoding,
      reconciles: value.rowsIn === value.rowsOut + value.rowsQuarantined,
      silverBytes: (await fs.stat(lake.store.localPath(value.silverKey))).size,
      ...split,
    },
  };
};

/** Silver to gold as `runPipeline` does it: catalog entries, warehouse views, gold tables. */
export const goldStage: Stage = async (args) => {
  const { deps, lake } = await openBenchLake(args.lake);
  const { ms, value } = await timed(async () => {
    const entries = await datasetEntries(deps.store, 'gd', deps.clock.now());
    await deps.warehouse.prepare?.(entries);
    const gold = await buildGold(deps, new Set(['gd']));
    await deps.catalog.upsert(entries);
    return gold;
  });
  const [count] = await lake.engine.query('SELECT count(*) AS n FROM silver.gd');
  return {
    ms,
    rows: Number(count?.['n'] ?? 0),
    bytes: 0,
    details: { tables: value.tables, skipped: value.skipped.length },
  };
};

/** A download through the offline portal (first fetch: 200 and the whole file). */
export const extractStage: Stage = async (args) => {
  const { deps } = await openBenchLake(args.lake, required(args.portalUrl, 'portalUrl'));
  const { ms, value } = await timed(() => extractToBronze(deps, getDataset('gd')));
  return {
    ms,
    rows: 0,
    bytes: value.snapshot?.manifest.bytes ?? 0,
    details: { status: value.status, dataDate: value.snapshot?.dataDate },
  };
};

/** The whole run again while the source has not changed (the portal answers 304). */
export const rerunStage: Stage = async (args) => {
  const portalUrl = required(args.portalUrl, 'portalUrl');
  const opened = await timed(() => openBenchLake(args.lake, portalUrl));
  const { deps } = opened.value;
  // The stages before ran one step at a time; a first full run leaves the lake as `matriz run`
  // would (quality, owed change events, gold, catalog). Its time is reported apart: it is the
  // first run's cost, not the re-run's.
  const prepared = await timed(() => runPipeline(deps, { datasets: ['gd'] }));
  const { ms, value } = await timed(() => runPipeline(deps, { datasets: ['gd'] }));
  const gd = value.datasets[0];
  return {
    ms,
    rows: 0,
    bytes: 0,
    details: {
      openLakeMs: opened.ms,
      firstFullRunMs: prepared.ms,
      firstFullRunEvents:
        prepared.value.datasets[0]?.changes.reduce((n, c) => n + c.events, 0) ?? 0,
      status: gd?.status,
      extract: gd?.extract,
      silverRebuilt: gd?.silver.length ?? 0,
      goldTables: value.gold.tables.length,
      ok: value.ok,
    },
  };
};
