import type { BigQuery } from '@google-cloud/bigquery';

import { GcpRuntimeError } from '../errors.ts';
import type { BigQueryTarget } from './identifiers.ts';
import { silverLoadJobConfiguration, type SilverLoad } from './load-job.ts';

/** What a finished load job reports. */
export interface LoadResult {
  readonly jobId: string;
  /** Rows written to the partition (`statistics.load.outputRows`). */
  readonly rows: number;
  /** `project.dataset.table$yyyymmdd`. */
  readonly destination: string;
}

/**
 * Loads silver Parquet from Cloud Storage into partitioned BigQuery tables with load jobs
 * (free of query charges, atomic per job). See {@link silverLoadJobConfiguration}.
 */
export class BigQueryLoader {
  constructor(
    private readonly bigquery: BigQuery,
    private readonly target: BigQueryTarget,
  ) {}

  /** Replaces the snapshot's partition of the silver table and waits for the job. */
  async loadSilverPartition(load: SilverLoad): Promise<LoadResult> {
    const configuration = silverLoadJobConfiguration(this.target, load);
    const d = configuration.destinationTable;
    const destination = `${d.projectId}.${d.datasetId}.${d.tableId}`;
    try {
      const [job] = await this.bigquery.createJob({
        configuration: { load: configuration },
        location: this.target.location,
        jobPrefix: `matriz_silver_${load.table}_${load.dataDate.replaceAll('-', '')}_`,
      });
      const [metadata] = await job.promise().then(() => job.getMetadata());
      const rows = Number(
        (metadata as { statistics?: { load?: { outputRows?: string } } }).statistics?.load
          ?.outputRows ?? 0,
      );
      return { jobId: job.id ?? '', rows, destination };
    } catch (error) {
      throw new GcpRuntimeError(
        'bigquery_job_failed',
        `Loading ${load.sourceUris.map((u) => `\`${u}\``).join(', ')} into \`${destination}\` failed: ${
          error instanceof Error ? error.message : String(error)
        }. Check the Parquet matches the registry schema and the loader's service account has roles/bigquery.dataEditor on the silver dataset and objectViewer on the silver bucket.`,
        { cause: error },
      );
    }
  }
}
