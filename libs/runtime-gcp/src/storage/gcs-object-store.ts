import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { Storage, type File } from '@google-cloud/storage';
import type { ObjectInfo, ObjectStore } from '@matriz/pipeline';

import { GcpRuntimeError, statusOf } from '../errors.ts';

export interface GcsObjectStoreOptions {
  /**
   * Bucket per first key segment (`{ bronze: 'matriz-dev-bronze', silver: … }`). The object name
   * inside the bucket is the whole key, so `bronze/siga/…` keeps its layout in any bucket.
   */
  readonly buckets?: Readonly<Record<string, string>>;
  /** Bucket for keys whose first segment has no entry in `buckets`. */
  readonly defaultBucket: string;
  /** A configured client; when absent one is built from `apiEndpoint` and `projectId`. */
  readonly storage?: Storage;
  /** JSON API root (`http://127.0.0.1:4443` in tests); default the public Google endpoint. */
  readonly apiEndpoint?: string;
  readonly projectId?: string;
  /** Objects per list request (default 1000, the API maximum). */
  readonly pageSize?: number;
}

/**
 * The lake on Cloud Storage. Small bodies go up as one multipart request; streams and files use
 * resumable uploads, so an object appears only when the upload is finalised (a failed stream
 * leaves nothing behind). Downloads are validated by the client against `crc32c`/`md5Hash`.
 */
export class GcsObjectStore implements ObjectStore {
  readonly #storage: Storage;
  readonly #buckets: Readonly<Record<string, string>>;
  readonly #defaultBucket: string;
  readonly #pageSize: number;

  constructor(options: GcsObjectStoreOptions) {
    this.#storage =
      options.storage ??
      new Storage({
        ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
        ...(options.projectId ? { projectId: options.projectId } : {}),
      });
    this.#buckets = options.buckets ?? {};
    this.#defaultBucket = options.defaultBucket;
    this.#pageSize = options.pageSize ?? 1000;
    if (!this.#defaultBucket) {
      throw new GcpRuntimeError(
        'gcs_no_bucket',
        'GcsObjectStore needs a `defaultBucket`; pass the lake bucket name from the stack outputs.',
      );
    }
  }

  /** Bucket holding `key` (by its first path segment). */
  bucketOf(key: string): string {
    const layer = key.split('/', 1)[0] ?? '';
    return this.#buckets[layer] ?? this.#defaultBucket;
  }

  uri(key: string): string {
    return `gs://${this.bucketOf(key)}/${key}`;
  }

  async put(key: string, body: Uint8Array | string, options?: { contentType?: string }) {
    await this.#wrap(key, 'upload', () =>
      this.#file(key).save(
        typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body),
        {
          resumable: false,
          contentType: options?.contentType ?? 'application/octet-stream',
        },
      ),
    );
  }

  async putStream(
    key: string,
    body: Readable | AsyncIterable<Uint8Array>,
    options?: { contentType?: string },
  ): Promise<{ bytes: number }> {
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback(null, chunk);
      },
    });
    const target = this.#file(key).createWriteStream({
      resumable: true,
      contentType: options?.contentType ?? 'application/octet-stream',
    });
    const source = body instanceof Readable ? body : Readable.from(body);
    await this.#wrap(key, 'upload', () => pipeline(source, counter, target));
    return { bytes };
  }

  async putFile(key: string, localPath: string, options?: { contentType?: string }) {
    await this.#wrap(key, 'upload', () =>
      this.#storage.bucket(this.bucketOf(key)).upload(localPath, {
        destination: key,
        resumable: true,
        contentType: options?.contentType ?? contentTypeOf(key),
      }),
    );
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const [data] = await this.#file(key).download();
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.#failure(key, 'download', error);
    }
  }

  async getStream(key: string): Promise<Readable> {
    const stream = this.#file(key).createReadStream();
    // Surface a missing object here rather than on the caller's first read.
    const info = await this.head(key);
    if (!info) {
      stream.destroy();
      throw this.#failure(key, 'download', Object.assign(new Error('not found'), { code: 404 }));
    }
    return stream;
  }

  async getFile(key: string, localPath: string) {
    await this.#wrap(key, 'download', () => this.#file(key).download({ destination: localPath }));
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const [metadata] = await this.#file(key).getMetadata();
      return infoOf(key, metadata);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.#failure(key, 'read metadata of', error);
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const first = prefix.split('/', 1)[0] ?? '';
    // A prefix inside one layer reads one bucket; a wider prefix reads every bucket in use.
    const buckets =
      prefix.includes('/') || this.#buckets[first] !== undefined
        ? [this.bucketOf(prefix)]
        : [...new Set([this.#defaultBucket, ...Object.values(this.#buckets)])];
    const found: ObjectInfo[] = [];
    for (const bucketName of buckets) {
      const bucket = this.#storage.bucket(bucketName);
      let pageToken: string | undefined;
      do {
        const [files, next] = await this.#wrap(prefix, 'list', () =>
          bucket.getFiles({
            prefix,
            autoPaginate: false,
            maxResults: this.#pageSize,
            ...(pageToken ? { pageToken } : {}),
          }),
        );
        for (const file of files) {
          if (this.bucketOf(file.name) === bucketName) found.push(infoOf(file.name, file.metadata));
        }
        pageToken = (next as { pageToken?: string } | null)?.pageToken;
      } while (pageToken);
    }
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string) {
    await this.#wrap(key, 'delete', () => this.#file(key).delete({ ignoreNotFound: true }));
  }

  #file(key: string): File {
    return this.#storage.bucket(this.bucketOf(key)).file(key);
  }

  async #wrap<T>(key: string, action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw this.#failure(key, action, error);
    }
  }

  #failure(key: string, action: string, error: unknown): GcpRuntimeError {
    const status = statusOf(error);
    return new GcpRuntimeError(
      'gcs_request_failed',
      `Could not ${action} \`${this.uri(key)}\`${status ? ` (HTTP ${status})` : ''}: ${
        error instanceof Error ? error.message : String(error)
      }. Check that the bucket exists and the function's service account holds a role on it.`,
      { cause: error },
    );
  }
}

function infoOf(
  key: string,
  metadata: { size?: string | number; etag?: string; updated?: string },
): ObjectInfo {
  return {
    key,
    size: Number(metadata.size ?? 0),
    ...(metadata.etag ? { etag: metadata.etag } : {}),
    ...(metadata.updated ? { lastModified: new Date(metadata.updated) } : {}),
  };
}

/** Content type from the key's extension (Parquet, JSON, CSV), else binary. */
export function contentTypeOf(key: string): string {
  if (key.endsWith('.parquet')) return 'application/vnd.apache.parquet';
  if (key.endsWith('.json')) return 'application/json';
  if (key.endsWith('.csv')) return 'text/csv';
  return 'application/octet-stream';
}
