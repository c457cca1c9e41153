import type { DatasetDefinition, DatasetId } from '@matriz/core';

import type { Clock } from '../ports/clock.ts';
import type { StateStore } from '../ports/state-store.ts';
import type { StreamProducer } from '../ports/stream.ts';

/** An HTTP request reduced to what the API needs; every front end (node:http, API Gateway, Cloud Functions) builds one. */
export interface ApiRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/plants/siga/UFV.RS.BA.000001-0.01`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Header names in any case. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
}

/** The answer, always JSON. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text. */
  readonly body: string;
}

/** Size limits of write requests. */
export interface ApiLimits {
  /** Largest accepted body in bytes (default 1 MiB); larger answers 413 `body_too_large`. */
  readonly maxBodyBytes: number;
  /** Most records per `POST /records` (default 500, the Kinesis PutRecords cap). */
  readonly maxRecords: number;
}

export const DEFAULT_API_LIMITS: ApiLimits = { maxBodyBytes: 1024 * 1024, maxRecords: 500 };

/** What the composition root supplies to the API. */
export interface ApiDeps {
  /** Bearer token required for writes (compared in constant time). */
  readonly token: string;
  /** Registry lookup (`getDataset`); undefined for an unknown id. */
  readonly dataset: (id: DatasetId) => DatasetDefinition | undefined;
  /** Where pushed records go as `upserted` events. */
  readonly producer: StreamProducer;
  /** Latest state and history per key. */
  readonly state: StateStore;
  /** Runs ingestion of one dataset; its result is returned as JSON. */
  readonly ingest: (dataset: DatasetId) => Promise<unknown>;
  /** Datasets and their freshness, as JSON. */
  readonly datasets: () => Promise<unknown>;
  /** Latest quality findings, as JSON. */
  readonly quality: () => Promise<unknown>;
  /** Snapshot date of pushed records without one (default: today in UTC). */
  readonly clock?: Clock;
  readonly limits?: Partial<ApiLimits>;
}
