import fs from 'node:fs/promises';

import { checkDatasetQuality, lakeKeys } from '@matriz/pipeline';

import { openBenchLake } from '../lake-deps.ts';
import { required, timed, type Stage } from './stage.ts';

/** The quality checks of one silver snapshot (SQL metrics, rules, findings, history). */
export const qualityStage: Stage = async (args) => {
  const dataDate = required(args.dataDate, 'dataDate');
  const { deps, lake } = await openBenchLake(args.lake);
  const { ms, value } = await timed(() =>
    checkDatasetQuality(deps, 'gd', { dataDates: [dataDate], notify: false }),
  );
  const silver = lake.store.localPath(lakeKeys.silverFile('gd', dataDate));
  const [count] = await lake.engine.query(`SELECT count(*) AS n FROM read_parquet('${silver}')`);
  return {
    ms,
    rows: Number(count?.['n'] ?? 0),
    bytes: (await fs.stat(silver)).size,
    details: {
      available: true,
      errors: value.counts.error,
      warnings: value.counts.warning,
      byCode: value.counts.byCode,
      blocking: value.blocking,
    },
  };
};
