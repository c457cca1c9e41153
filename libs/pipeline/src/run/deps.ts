import type { Readable } from 'node:stream';

import type {
  Catalog,
  Clock,
  LocalSqlEngine,
  Logger,
  Notifier,
  ObjectStore,
  StreamProducer,
  Warehouse,
} from '../ports/index.ts';

/** A downloadable resource as the source describes it (a CKAN resource). */
export interface SourceResource {
  readonly id: string;
  readonly url: string;
  readonly name?: string | null;
  readonly last_modified?: string | null;
  readonly hash?: string | null;
  readonly size?: number | null;
}

export type SourceDownload =
  | { readonly status: 'not_modified' }
  | {
      readonly status: 'ok';
      readonly body: Readable;
      readonly etag?: string | null;
      readonly lastModified?: string | null;
      readonly url: string;
      /** `datastore` when the CSV was rebuilt from `datastore_search` pages. */
      readonly via?: 'download' | 'datastore';
    };

/** What the pipeline needs from the portal (the CKAN client satisfies it). */
export interface DatasetSource {
  /** The resource holding the dataset's current CSV. */
  resolve(packageId: string, fileName: string): Promise<SourceResource>;
  download(
    resource: SourceResource,
    validators: { etag?: string | null; lastModified?: string | null },
  ): Promise<SourceDownload>;
}

/** Everything one run needs, wired by a composition root (CLI, Lambda, Cloud Function). */
export interface PipelineDeps {
  readonly store: ObjectStore;
  readonly source: DatasetSource;
  /** DuckDB: the silver step runs in it in every runtime. */
  readonly engine: LocalSqlEngine;
  /** Where gold is built (DuckDB locally, Athena, BigQuery). */
  readonly warehouse: Warehouse;
  readonly catalog: Catalog;
  readonly notifier: Notifier;
  readonly producer?: StreamProducer;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * Secret salt for pseudonymised personal data (natural persons' names): the same salt gives the
   * same silver on re-runs; without one the hash could be reversed by guessing names. Keep it out
   * of the lake's readable layers.
   */
  readonly piiSalt?: string;
  /** Local scratch directory (decoded CSVs, Parquet before upload; `/tmp` in a function). */
  readonly workDir: string;
}
