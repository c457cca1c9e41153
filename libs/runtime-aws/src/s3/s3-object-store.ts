import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { ObjectInfo, ObjectStore } from '@matriz/pipeline';

import { AwsAdapterError } from '../config/aws-adapter-error.ts';
import { clientConfig, type AwsClientOptions } from '../config/client-config.ts';
import { bucketForKey, bucketsForPrefix, type LakeBuckets } from './lake-buckets.ts';

/** Part size of multipart uploads (S3's minimum, 5 MiB): bounds memory per stream. */
const PART_BYTES = 5 * 1024 * 1024;

/** Builds an S3 client with path-style addressing (what s3rver and custom endpoints need). */
export function createS3Client(options: AwsClientOptions): S3Client {
  return new S3Client({ ...clientConfig(options), forcePathStyle: true });
}

/** Options of {@link S3ObjectStore}. */
export interface S3ObjectStoreOptions {
  readonly client: S3Client;
  /** How keys map onto buckets; see {@link lakeBucketRoutes}. */
  readonly buckets: LakeBuckets;
  /** Keys per ListObjectsV2 page (default and S3 maximum 1000). */
  readonly pageSize?: number;
}

/** The lake's {@link ObjectStore} on S3; streams large bodies with multipart uploads. */
export class S3ObjectStore implements ObjectStore {
  readonly #client: S3Client;
  readonly #buckets: LakeBuckets;
  readonly #pageSize: number;

  constructor(options: S3ObjectStoreOptions) {
    this.#client = options.client;
    this.#buckets = options.buckets;
    this.#pageSize = options.pageSize ?? 1000;
  }

  uri(key: string): string {
    return `s3://${bucketForKey(this.#buckets, key)}/${key}`;
  }

  async put(key: string, body: Uint8Array | string, options?: { contentType?: string }) {
    await this.#client.send(
      new PutObjectCommand({
        Bucket: bucketForKey(this.#buckets, key),
        Key: key,
        Body: body,
        ...(options?.contentType === undefined ? {} : { ContentType: options.contentType }),
      }),
    );
  }

  async putStream(
    key: string,
    body: Readable | AsyncIterable<Uint8Array>,
    options?: { contentType?: string },
  ): Promise<{ bytes: number }> {
    let bytes = 0;
    const counter = new PassThrough({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    const source = body instanceof Readable ? body : Readable.from(body);
    const piping = pipeline(source, counter);
    // The object appears only when CompleteMultipartUpload (or the single PutObject) succeeds;
    // a failing source aborts the upload, so no partial object is ever visible.
    const upload = new Upload({
      client: this.#client,
      partSize: PART_BYTES,
      queueSize: 2,
      leavePartsOnError: false,
      params: {
        Bucket: bucketForKey(this.#buckets, key),
        Key: key,
        Body: counter,
        ...(options?.contentType === undefined ? {} : { ContentType: options.contentType }),
      },
    });
    await Promise.all([upload.done(), piping]);
    return { bytes };
  }

  async putFile(key: string, localPath: string, options?: { contentType?: string }) {
    await this.putStream(key, createReadStream(localPath), options);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const out = await this.#client.send(
        new GetObjectCommand({ Bucket: bucketForKey(this.#buckets, key), Key: key }),
      );
      return out.Body === undefined ? new Uint8Array() : await out.Body.transformToByteArray();
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async getStream(key: string): Promise<Readable> {
    try {
      const out = await this.#client.send(
        new GetObjectCommand({ Bucket: bucketForKey(this.#buckets, key), Key: key }),
      );
      if (out.Body instanceof Readable) return out.Body;
      return Readable.from(out.Body === undefined ? [] : [await out.Body.transformToByteArray()]);
    } catch (error) {
      if (isNotFound(error)) throw missing(this.uri(key), error);
      throw error;
    }
  }

  async getFile(key: string, localPath: string): Promise<void> {
    const body = await this.getStream(key);
    await mkdir(path.dirname(localPath), { recursive: true });
    await pipeline(body, createWriteStream(localPath));
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const out = await this.#client.send(
        new HeadObjectCommand({ Bucket: bucketForKey(this.#buckets, key), Key: key }),
      );
      return {
        key,
        size: out.ContentLength ?? 0,
        ...(out.ETag === undefined ? {} : { etag: out.ETag }),
        ...(out.LastModified === undefined ? {} : { lastModified: out.LastModified }),
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const found: ObjectInfo[] = [];
    for (const bucket of bucketsForPrefix(this.#buckets, prefix)) {
      // ListObjects (v1) paged by Marker = last key seen: equivalent on S3 for a listing without a
      // delimiter, and testable here: s3rver 3.7.1 builds v2 continuation tokens with the DES
      // cipher, which OpenSSL 3 (Node >= 17) no longer has, so any truncated v2 page fails there.
      let marker: string | undefined;
      for (;;) {
        const page = await this.#client.send(
          new ListObjectsCommand({
            Bucket: bucket,
            Prefix: prefix,
            MaxKeys: this.#pageSize,
            ...(marker === undefined ? {} : { Marker: marker }),
          }),
        );
        const contents = page.Contents ?? [];
        for (const item of contents) {
          if (item.Key === undefined) continue;
          // A shared bucket may hold keys routed elsewhere; report each key from its own bucket.
          if (bucketForKey(this.#buckets, item.Key) !== bucket) continue;
          found.push({
            key: item.Key,
            size: item.Size ?? 0,
            ...(item.ETag === undefined ? {} : { etag: item.ETag }),
            ...(item.LastModified === undefined ? {} : { lastModified: item.LastModified }),
          });
        }
        const last = contents.at(-1)?.Key;
        if (!page.IsTruncated || last === undefined) break;
        marker = last;
      }
    }
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    await this.#client.send(
      new DeleteObjectCommand({ Bucket: bucketForKey(this.#buckets, key), Key: key }),
    );
  }
}

function isNotFound(error: unknown): boolean {
  // Only a missing key; a missing bucket (`NoSuchBucket`, also a 404) is a configuration error.
  const name = (error as { name?: string } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound';
}

function missing(uri: string, cause: unknown): AwsAdapterError {
  return new AwsAdapterError(
    'aws_object_missing',
    `Object \`${uri}\` does not exist; check the key or run the step that writes it first.`,
    { cause },
  );
}
