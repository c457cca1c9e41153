import fs from 'node:fs/promises';

import { getDataset } from '@matriz/core';
import { deriveChanges, lakeKeys } from '@matriz/pipeline';

import { openBenchLake } from '../lake-deps.ts';
import { required, timed, type Stage } from './stage.ts';

/** The diff of two silver snapshots by business key, events written as JSON lines. */
export const diffStage: Stage = async (args) => {
  const previousDate = required(args.previousDate, 'previousDate');
  const dataDate = required(args.dataDate, 'dataDate');
  const { deps, lake } = await openBenchLake(args.lake);
  const parquet = (date: string) => lake.store.localPath(lakeKeys.silverFile('gd', date));
  const relation = (date: string) => `read_parquet('${parquet(date).replaceAll("'", "''")}')`;
  const { ms, value } = await timed(() =>
    deriveChanges({
      engine: deps.engine,
      store: deps.store,
      dataset: getDataset('gd'),
      previous: { date: previousDate, relation: relation(previousDate) },
      current: { date: dataDate, relation: relation(dataDate) },
    }),
  );
  const bytes =
    (await fs.stat(parquet(previousDate))).size + (await fs.stat(parquet(dataDate))).size;
  const [rows] = await lake.engine.query(
    `SELECT (SELECT count(*) FROM ${relation(previousDate)}) + ` +
      `(SELECT count(*) FROM ${relation(dataDate)}) AS n`,
  );
  return {
    ms,
    rows: Number(rows?.['n'] ?? 0),
    bytes,
    details: { inserted: value.inserted, updated: value.updated, deleted: value.deleted },
  };
};
