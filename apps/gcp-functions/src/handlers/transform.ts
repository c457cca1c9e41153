import type { CloudEventFunction } from '@google-cloud/functions-framework';
import { getDataset, isDatasetId, silverColumns, type DatasetId } from '@matriz/core';
import { bronzeToSilver, changesForSnapshot } from '@matriz/pipeline';

import type { GcpRuntime } from '../runtime.ts';
import { errorBody, isPermanent } from './errors.ts';

/** The fields of a Cloud Storage `object.v1.finalized` event the handler reads. */
export interface StorageObjectData {
  readonly bucket: string;
  readonly name: string;
}

const MANIFEST = /^bronze\/([a-z_]+)\/(\d{4}-\d{2}-\d{2})\/manifest\.json$/;

/**
 * Runs when an object is finalized in the bronze bucket; acts only on a snapshot's
 * `manifest.json` (written after the data file). Bronze → silver Parquet (DuckDB, in /tmp) →
 * Cloud Storage → BigQuery load job into the day partition → change events. The load's audit
 * log entry then triggers `quality`, which promotes to gold unless a finding blocks. A permanent
 * failure (schema drift, bad data) is notified and the event acknowledged; any other failure is
 * thrown so Eventarc retries.
 */
export function createTransformHandler(
  runtime: () => GcpRuntime,
): CloudEventFunction<StorageObjectData> {
  return async (event) => {
    const rt = runtime();
    const name = event.data?.name ?? '';
    const match = MANIFEST.exec(name);
    if (!match || !isDatasetId(match[1])) {
      rt.logger.debug('transform.ignored', { object: name });
      return;
    }
    const dataset: DatasetId = match[1];
    const dataDate = match[2] ?? '';
    const def = getDataset(dataset);
    const deps = await rt.pipelineDeps();
    const started = Date.now();
    try {
      const silver = await bronzeToSilver(deps, def, dataDate);
      const load = await rt.loader.loadSilverPartition({
        table: dataset,
        columns: silverColumns(def),
        key: def.key,
        dataDate,
        sourceUris: [rt.store.uri(silver.silverKey)],
      });
      const changes = await changesForSnapshot(deps, def, dataDate);

      rt.logger.info('transform.done', {
        stage: 'transform',
        dataset,
        data_date: dataDate,
        rows_in: silver.rowsIn,
        rows_out: silver.rowsOut,
        rows_quarantined: silver.rowsQuarantined,
        rows_loaded: load.rows,
        changes: changes,
        ms: Date.now() - started,
      });
    } catch (error) {
      const body = errorBody(error);
      rt.logger.error('transform.failed', {
        stage: 'transform',
        dataset,
        data_date: dataDate,
        ...body,
      });
      if (!isPermanent(error)) throw error;
      await rt.notifier.notify({
        dataset,
        snapshot: dataDate,
        severity: 'error',
        subject: `${dataset} ${dataDate}: transform failed (${body.error})`,
        body: body.message,
        details: { stage: 'transform', ...body },
      });
    } finally {
      await deps.engine.close();
    }
  };
}
