/**
 * The Cloud Functions end to end on this machine, each through the Functions Framework's own
 * HTTP server on 127.0.0.1: the offline ANEEL portal, the loopback Cloud Storage fake, the
 * BigQuery request recorder (no BigQuery emulator exists: SQL and jobs are recorded, not run)
 * and the real Pub/Sub emulator over gRPC. Skipped with the reason when the emulator is absent.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import * as ff from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createDuckDbEngine } from '@matriz/duckdb';
import type { Notification } from '@matriz/pipeline';
import { silentLogger } from '@matriz/pipeline';
import { startPortal, type Portal } from '@matriz/portal';
import {
  fixedTokenAuth,
  startFakeBigQuery,
  startFakeGcs,
  type FakeBigQuery,
  type FakeGcsServer,
} from '@matriz/runtime-gcp/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import {
  createApiHandler,
  createConsumerHandler,
  createExtractHandler,
  createGcpRuntime,
  createNotifyHandler,
  createQualityHandler,
  createTransformHandler,
  pipelineQualityEvaluator,
  readFunctionConfig,
  type GcpRuntime,
} from '../src/index.ts';

const host = inject('pubsubEmulatorHost');
const skipReason = inject('pubsubEmulatorSkipReason');
const title = host ? 'GCP functions' : `GCP functions (skipped: ${skipReason})`;

const PROJECT = 'matriz-test';
const BUCKETS = {
  bronze: 'lake-bronze',
  silver: 'lake-silver',
  quarantine: 'lake-quarantine',
  gold: 'lake-gold',
  quality: 'lake-quality',
  changes: 'lake-changes',
  state: 'lake-state',
};
const API_TOKEN = 'test-token-0123456789abcdef';

/** Listens on 127.0.0.1 and returns the base URL. */
async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Sends a binary-mode CloudEvent, as Eventarc does. */
async function sendCloudEvent(url: string, type: string, data: unknown, subject = '') {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'ce-id': `evt-${Math.random().toString(16).slice(2)}`,
      'ce-specversion': '1.0',
      'ce-type': type,
      'ce-source': `//test/${PROJECT}`,
      'ce-subject': subject,
      'ce-time': new Date().toISOString(),
    },
    body: JSON.stringify(data),
  });
}

describe.skipIf(!host)(title, () => {
  let portal: Portal;
  let gcs: FakeGcsServer;
  let bq: FakeBigQuery;
  let rt: GcpRuntime;
  let workDir: string;
  let webhook: http.Server;
  let webhookUrl: string;
  const webhookBodies: unknown[] = [];
  const urls: Record<string, string> = {};
  const servers: http.Server[] = [];

  beforeAll(async () => {
    portal = await startPortal();
    gcs = await startFakeGcs();
    bq = await startFakeBigQuery();
    workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gcp-functions-'));
    webhook = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        webhookBodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200).end('ok');
      });
    });
    webhookUrl = await listen(webhook);

    const config = readFunctionConfig({
      MATRIZ_PROJECT: PROJECT,
      MATRIZ_BIGQUERY_LOCATION: 'southamerica-east1',
      MATRIZ_DATASET_PREFIX: 'matriz',
      MATRIZ_BUCKETS: JSON.stringify(BUCKETS),
      MATRIZ_CHANGES_TOPIC: 'changes',
      MATRIZ_NOTIFICATIONS_TOPIC: 'notifications',
      MATRIZ_CKAN_BASE_URL: portal.url,
      MATRIZ_WEBHOOK_URL: `${webhookUrl}/hook`,
      MATRIZ_API_TOKEN: API_TOKEN,
      MATRIZ_STORAGE_ENDPOINT: gcs.endpoint,
      MATRIZ_BIGQUERY_ENDPOINT: bq.endpoint,
      PUBSUB_EMULATOR_HOST: host ?? '',
      MATRIZ_WORK_DIR: workDir,
    });
    rt = createGcpRuntime(config, silentLogger, { bigqueryAuthClient: fixedTokenAuth() });

    const runtime = () => rt;
    ff.http('test-extract', createExtractHandler(runtime));
    ff.cloudEvent('test-transform', createTransformHandler(runtime));
    ff.cloudEvent('test-quality', createQualityHandler(runtime, pipelineQualityEvaluator));
    ff.cloudEvent('test-notify', createNotifyHandler(runtime));
    ff.http('test-consumer', createConsumerHandler(runtime));
    ff.http('test-api', createApiHandler(runtime));
    for (const name of ['extract', 'transform', 'quality', 'notify', 'consumer', 'api']) {
      const server = getTestServer(`test-${name}`);
      servers.push(server);
      urls[name] = await listen(server);
    }

    // The topics and subscriptions infra-gcp creates, on the emulator.
    const [changes] = await rt.pubsub.createTopic('changes');
    await changes.createSubscription('changes-consumer', {
      enableMessageOrdering: true,
      pushConfig: { pushEndpoint: `${urls['consumer']}/` },
    });
    const [notifications] = await rt.pubsub.createTopic('notifications');
    await notifications.createSubscription('notifications-notify');
  });

  afterAll(async () => {
    for (const server of servers) server.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    webhook?.closeAllConnections();
    await new Promise((r) => webhook?.close(r));
    await rt?.pubsub.close();
    await Promise.all([portal?.close(), gcs?.close(), bq?.close()]);
    if (workDir) await fs.rm(workDir, { recursive: true, force: true });
  });

  let dataDate = '';

  it('extract rejects a body without a registry dataset', async () => {
    const response = await fetch(urls['extract'] ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dataset: 'nope' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain(
      '`{"dataset":"nope"}`',
    );
  });

  it('extract collects siga from the offline portal into the bronze bucket', async () => {
    const response = await fetch(urls['extract'] ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dataset: 'siga' }),
    });
    const body = (await response.json()) as { status: string; dataDate: string; key: string };
    expect(response.status).toBe(200);
    expect(body.status).toBe('fetched');
    dataDate = body.dataDate;
    expect(dataDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const names = [...gcs.objects.values()]
      .filter((o) => o.bucket === 'lake-bronze')
      .map((o) => o.name);
    expect(names).toContain(`bronze/siga/${dataDate}/manifest.json`);
    expect(names.some((n) => n.startsWith(`bronze/siga/${dataDate}/`) && n.endsWith('.csv'))).toBe(
      true,
    );
  });

  it('transform ignores objects that are not a snapshot manifest', async () => {
    bq.requests.length = 0;
    const response = await sendCloudEvent(
      urls['transform'] ?? '',
      'google.cloud.storage.object.v1.finalized',
      {
        bucket: 'lake-bronze',
        name: 'bronze/siga/_latest.json',
      },
    );
    expect(response.status).toBe(204);
    expect(bq.requests).toEqual([]);
  });

  it('transform writes silver Parquet to GCS and loads its partition into BigQuery', async () => {
    bq.outputRows = 74;
    bq.numRows = 5;
    bq.requests.length = 0;
    const response = await sendCloudEvent(
      urls['transform'] ?? '',
      'google.cloud.storage.object.v1.finalized',
      {
        bucket: 'lake-bronze',
        name: `bronze/siga/${dataDate}/manifest.json`,
      },
    );
    expect(response.status).toBe(204);

    const silverKey = `silver/siga/data_date=${dataDate}/part-0.parquet`;
    const parquet = gcs.objects.get(`lake-silver/${silverKey}`);
    expect(parquet?.data.subarray(0, 4).toString('latin1')).toBe('PAR1');
    const local = path.join(workDir, 'check.parquet');
    await fs.writeFile(local, parquet?.data ?? Buffer.alloc(0));
    const engine = await createDuckDbEngine();
    const [count] = await engine.query(
      `SELECT count(*) AS n, min(data_date) AS d FROM read_parquet('${local}')`,
    );
    await engine.close();
    const report = JSON.parse(
      gcs.objects
        .get(`lake-silver/silver/siga/data_date=${dataDate}/_report.json`)
        ?.data.toString('utf8') ?? '{}',
    ) as { rowsIn: number; rowsOut: number; rowsQuarantined: number };
    expect(report.rowsIn).toBe(74);
    expect(report.rowsOut + report.rowsQuarantined).toBe(74);
    expect(Number(count?.['n'])).toBe(report.rowsOut);
    expect(count?.['d']).toBe(dataDate);

    const load = bq.requests.find(
      (r) => (r.body?.['configuration'] as { load?: unknown } | undefined)?.load !== undefined,
    );
    expect((load?.body?.['configuration'] as { load: Record<string, unknown> }).load).toMatchObject(
      {
        sourceFormat: 'PARQUET',
        sourceUris: [`gs://lake-silver/${silverKey}`],
        writeDisposition: 'WRITE_TRUNCATE',
        destinationTable: {
          datasetId: 'matriz_silver',
          tableId: `siga$${dataDate.replaceAll('-', '')}`,
        },
      },
    );
    // Gold waits for quality: the transform sends no gold SQL.
    expect(JSON.stringify(bq.requests.map((r) => r.body))).not.toContain('matriz_gold');
  });

  it('consumer receives the change events by push and folds them into the state bucket', async () => {
    const jsonl =
      gcs.objects
        .get(`lake-changes/changes/siga/to=${dataDate}/events.jsonl`)
        ?.data.toString('utf8') ?? '';
    const events = jsonl
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { key: string; kind: string; record: Record<string, unknown> });
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['inserted']));
    const keys = new Set(events.map((e) => e.key));

    const stateNames = () =>
      [...gcs.objects.values()].filter((o) => o.bucket === 'lake-state').map((o) => o.name);
    const deadline = Date.now() + 30_000;
    while (stateNames().length < keys.size && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(stateNames()).toHaveLength(keys.size);

    const sample = events[0];
    const latest = await rt.stateStore.latest('siga', sample?.key ?? '');
    expect(latest).toMatchObject({
      dataset: 'siga',
      key: sample?.key,
      snapshot: dataDate,
      deleted: false,
    });
    expect(latest?.record).toEqual(sample?.record);
  });

  it('quality checks a loaded snapshot, promotes it to gold and its notification reaches the webhook', async () => {
    bq.rows = [];
    bq.requests.length = 0;
    const entry = {
      protoPayload: {
        metadata: {
          '@type': 'type.googleapis.com/google.cloud.audit.BigQueryAuditMetadata',
          jobChange: {
            after: 'DONE',
            job: {
              jobConfig: {
                type: 'LOAD',
                loadConfig: {
                  destinationTable: `projects/${PROJECT}/datasets/matriz_silver/tables/siga$${dataDate.replaceAll('-', '')}`,
                },
              },
            },
          },
        },
      },
    };
    const published = await sendCloudEvent(
      urls['quality'] ?? '',
      'google.cloud.pubsub.topic.v1.messagePublished',
      {
        message: { data: Buffer.from(JSON.stringify(entry)).toString('base64'), messageId: '1' },
        subscription: `projects/${PROJECT}/subscriptions/eventarc-quality`,
      },
    );
    expect(published.status).toBe(204);
    // The core's quality SQL went to BigQuery (recorded, answered with no rows).
    const queries = bq.requests.map((r) => JSON.stringify(r.body ?? {}));
    expect(queries.some((q) => q.includes('matriz-test.matriz_silver.siga'))).toBe(true);
    // No blocking finding: gold is rebuilt in BigQuery, then the catalog, last.
    const goldAt = queries.findIndex((q) =>
      q.includes('CREATE OR REPLACE TABLE `matriz-test.matriz_gold.installed_capacity`'),
    );
    const catalogAt = queries.findIndex((q) =>
      q.includes('MERGE `matriz-test.matriz_quality.catalog`'),
    );
    expect(goldAt).toBeGreaterThan(-1);
    expect(catalogAt).toBeGreaterThan(goldAt);
    // Metrics and findings of the snapshot were recorded in the quality bucket.
    const qualityObjects = [...gcs.objects.values()]
      .filter((o) => o.bucket === 'lake-quality')
      .map((o) => o.name)
      .sort();
    expect(qualityObjects).toEqual([
      `quality/siga/data_date=${dataDate}/findings.json`,
      `quality/siga/data_date=${dataDate}/metrics.json`,
    ]);

    // Eventarc would deliver the notification topic's message to `notify`; here the test does.
    const message = await new Promise<{ data: Buffer; id: string }>((resolve, reject) => {
      const sub = rt.pubsub.subscription('notifications-notify');
      const timer = setTimeout(() => reject(new Error('no notification on the topic')), 20_000);
      sub.once('message', (m: { data: Buffer; id: string; ack(): void }) => {
        clearTimeout(timer);
        m.ack();
        void sub.close();
        resolve(m);
      });
    });
    const delivered = await sendCloudEvent(
      urls['notify'] ?? '',
      'google.cloud.pubsub.topic.v1.messagePublished',
      {
        message: { data: message.data.toString('base64'), messageId: message.id },
      },
    );
    expect(delivered.status).toBe(204);
    expect(webhookBodies).toHaveLength(1);
    const posted = webhookBodies[0] as { text: string; notification: Notification };
    expect(posted.notification.dataset).toBe('siga');
    expect(posted.notification.snapshot).toBe(dataDate);
    expect(posted.notification.subject).toMatch(
      new RegExp(`^quality siga ${dataDate}: \\d+ errors`),
    );
    expect(posted.text).toContain(posted.notification.subject);
  });

  it('quality acknowledges log entries about other tables without notifying', async () => {
    const entry = {
      protoPayload: {
        metadata: {
          tableCreation: {
            table: { tableName: `projects/${PROJECT}/datasets/matriz_gold/tables/x` },
          },
        },
      },
    };
    const response = await sendCloudEvent(
      urls['quality'] ?? '',
      'google.cloud.pubsub.topic.v1.messagePublished',
      {
        message: { data: Buffer.from(JSON.stringify(entry)).toString('base64') },
      },
    );
    expect(response.status).toBe(204);
  });

  it('api answers health and refuses writes without the bearer token', async () => {
    const health = await fetch(`${urls['api']}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const write = await fetch(`${urls['api']}/records/siga`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"records":[]}',
    });
    expect(write.status).toBe(401);
  });
});
