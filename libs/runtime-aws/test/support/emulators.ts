// The declarations must reach packages that import this helper too, hence a reference.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./emulator-modules.d.ts" />
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateStreamCommand,
  DescribeStreamCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import dynalite from 'dynalite';
import kinesalite from 'kinesalite';
import S3rver from 's3rver';

import type { AwsClientOptions } from '../../src/config/client-config.ts';

/** Dummy credentials: the emulators accept any, and they are useless against AWS. */
export const DUMMY_CREDENTIALS = {
  accessKeyId: 'AKIDLOCALTEST',
  secretAccessKey: 'local-test-secret',
};

/** A running emulator: its loopback endpoint, client options for it, and how to stop it. */
export interface Emulator {
  readonly endpoint: string;
  readonly aws: AwsClientOptions;
  stop(): Promise<void>;
}

/** s3rver accepts only its own fixed dummy key pair. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

function optionsFor(endpoint: string, credentials = DUMMY_CREDENTIALS): AwsClientOptions {
  return { region: 'us-east-1', endpoint, credentials, maxAttempts: 2 };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
}

/** Starts s3rver in-process on 127.0.0.1 (random port) over a fresh temporary directory. */
export async function startS3(): Promise<Emulator> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'matriz-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    allowMismatchedSignatures: true,
  });
  const { address, port } = await server.run();
  const endpoint = `http://${address}:${port}`;
  return {
    endpoint,
    aws: optionsFor(endpoint, S3RVER_CREDENTIALS),
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Starts kinesalite in-process on 127.0.0.1 (random port), in memory, streams ready at once. */
export async function startKinesis(): Promise<Emulator> {
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0 });
  const endpoint = await listen(server);
  return { endpoint, aws: optionsFor(endpoint), stop: closer(server) };
}

/** Starts dynalite in-process on 127.0.0.1 (random port), in memory, tables ready at once. */
export async function startDynamoDb(): Promise<Emulator> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const endpoint = await listen(server);
  return { endpoint, aws: optionsFor(endpoint), stop: closer(server) };
}

/** Creates buckets (idempotent enough for a fresh emulator). */
export async function createBuckets(client: S3Client, names: readonly string[]): Promise<void> {
  for (const name of names) await client.send(new CreateBucketCommand({ Bucket: name }));
}

/** Creates a one-shard stream and waits until it is ACTIVE. */
export async function createStream(client: KinesisClient, name: string, shards = 1): Promise<void> {
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  for (let i = 0; i < 50; i += 1) {
    const out = await client.send(new DescribeStreamCommand({ StreamName: name }));
    if (out.StreamDescription?.StreamStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Stream \`${name}\` did not become ACTIVE; check kinesalite's createStreamMs.`);
}

/** Creates the state table the DynamoDB store expects (`pk`, `sk` strings), as the infra does. */
export async function createStateTable(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
}
