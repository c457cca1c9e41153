import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { listDatasets } from '@matriz/core';

import { Alerts } from './components/alerts.ts';
import { Analytics } from './components/analytics.ts';
import { Api } from './components/api.ts';
import { Compute } from './components/compute.ts';
import { Governance } from './components/governance.ts';
import { Lake } from './components/lake.ts';
import { Schedules } from './components/schedules.ts';
import { StateTable } from './components/state-table.ts';
import { Stream } from './components/stream.ts';
import type { StackSettings } from './config.ts';
import { goldTableShapes, silverTableShapes } from './glue-tables.ts';

/** The whole AWS architecture of one stack, wired from its settings. */
export function createStack(settings: StackSettings, apiToken: pulumi.Input<string>) {
  const p = settings.namePrefix;
  const region = aws.getRegionOutput();
  const identity = aws.getCallerIdentityOutput();
  const partition = aws.getPartitionOutput();
  const streamName = `${p}-changes`;

  const lake = new Lake('lake', {
    namePrefix: p,
    noncurrentRetentionDays: settings.noncurrentRetentionDays,
    athenaResultsRetentionDays: settings.athenaResultsRetentionDays,
  });
  const alerts = new Alerts('alerts', { namePrefix: p, emails: settings.alertEmails });
  const analytics = new Analytics('analytics', {
    namePrefix: p,
    resultsBucket: lake.buckets.athenaResults,
    bytesScannedCutoff: settings.athenaBytesScannedCutoff,
  });
  const state = new StateTable('state', { namePrefix: p });

  const compute = new Compute('compute', {
    namePrefix: p,
    artifactsDir: settings.artifactsDir,
    memory: settings.memory,
    logRetentionDays: settings.logRetentionDays,
    targets: {
      bronzeBucketArn: lake.buckets.bronze.arn,
      silverBucketArn: lake.buckets.silver.arn,
      goldBucketArn: lake.buckets.gold.arn,
      athenaResultsBucketArn: lake.buckets.athenaResults.arn,
      tableArn: state.table.arn,
      topicArn: alerts.topic.arn,
      workgroupArn: analytics.workgroup.arn,
      glueArnPrefix: pulumi.interpolate`arn:${partition.partition}:glue:${region.region}:${identity.accountId}`,
      databasePrefix: settings.databasePrefix,
    },
    environment: {
      BRONZE_BUCKET: lake.buckets.bronze.bucket,
      SILVER_BUCKET: lake.buckets.silver.bucket,
      GOLD_BUCKET: lake.buckets.gold.bucket,
      STATE_TABLE: state.table.name,
      STREAM_NAME: streamName,
      TOPIC_ARN: alerts.topic.arn,
      ATHENA_WORKGROUP: analytics.workgroup.name,
      DATABASE_PREFIX: settings.databasePrefix,
      PORTAL_URL: settings.portalUrl,
    },
    environmentOf: { api: { API_TOKEN: apiToken } },
  });

  const stream = new Stream('stream', {
    streamName,
    retentionHours: settings.streamRetentionHours,
    batchSize: settings.consumerBatchSize,
    batchWindowSeconds: settings.consumerBatchWindowSeconds,
    maxRetries: settings.consumerMaxRetries,
    consumer: compute.functions.consumer,
    producers: [
      { name: 'api', role: compute.functions.api.role },
      { name: 'transform', role: compute.functions.transform.role },
    ],
  });

  const datasets = listDatasets();
  const governance = new Governance('governance', {
    databasePrefix: settings.databasePrefix,
    buckets: lake.buckets,
    silverTables: silverTableShapes(`${p}-silver`, settings.databasePrefix),
    goldTables: goldTableShapes(`${p}-gold`, settings.databasePrefix),
    datasets,
    pipeline: {
      extract: compute.functions.extract.role.arn,
      transform: compute.functions.transform.role.arn,
      api: compute.functions.api.role.arn,
    },
    analysts: settings.analystPrincipals,
  });

  const schedules = new Schedules('schedules', {
    namePrefix: p,
    datasets,
    expressions: settings.schedules,
    extract: compute.functions.extract,
    transform: compute.functions.transform,
    bronzeBucket: lake.buckets.bronze,
  });

  const api = new Api('api', {
    namePrefix: p,
    handler: compute.functions.api,
    ...(settings.jwt ? { jwt: settings.jwt } : {}),
  });

  return { lake, alerts, analytics, state, compute, stream, governance, schedules, api };
}
