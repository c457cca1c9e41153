import type { Readable } from 'node:stream';

export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  readonly etag?: string;
  readonly lastModified?: Date;
}

/**
 * The lake's storage: a flat key space (`bronze/siga/2022-06-01/file.csv`). Filesystem locally,
 * S3 on AWS, Cloud Storage on GCP. Keys always use `/` and never start with one.
 */
export interface ObjectStore {
  /** Human-readable location of a key (`file:///…`, `s3://bucket/…`, `gs://bucket/…`). */
  uri(key: string): string;
  put(key: string, body: Uint8Array | string, options?: { contentType?: string }): Promise<void>;
  /** Streams a body into the store; the object appears only once the stream ended without error. */
  putStream(
    key: string,
    body: Readable | AsyncIterable<Uint8Array>,
    options?: { contentType?: string },
  ): Promise<{ bytes: number }>;
  /** Uploads a local file (used for Parquet written by an engine). */
  putFile(key: string, localPath: string, options?: { contentType?: string }): Promise<void>;
  /** Whole object, or undefined when it does not exist. Small objects only (manifests, JSON). */
  get(key: string): Promise<Uint8Array | undefined>;
  getStream(key: string): Promise<Readable>;
  /** Downloads an object to a local file (engines read local files). */
  getFile(key: string, localPath: string): Promise<void>;
  head(key: string): Promise<ObjectInfo | undefined>;
  /**
   * A local path where the object can be read directly, when the store is a local filesystem
   * (saves copying a 1.4 GB file before the engine reads it). Remote stores omit it.
   */
  localPath?(key: string): string;
  /** Every object under a prefix, sorted by key. */
  list(prefix: string): Promise<ObjectInfo[]>;
  delete(key: string): Promise<void>;
}
