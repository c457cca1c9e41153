// The GCP stack: wiring only. Each architectural piece is a ComponentResource in its own file;
// schemas and schedules come from the core registry. Settings per environment: Pulumi.<stack>.yaml.
import { listDatasets, listGoldTables } from '@matriz/core';
import { goldTableDefinitions, silverTableDefinitions } from '@matriz/runtime-gcp';
import * as pulumi from '@pulumi/pulumi';

import { ChangeStream } from './change-stream.ts';
import { readStackConfig, scheduleFor } from './config.ts';
import { Functions } from './functions.ts';
import { Lake } from './lake.ts';
import { Notifications } from './notifications.ts';
import { QualityEvents } from './quality-events.ts';
import { Schedules } from './schedules.ts';
import { Warehouse } from './warehouse.ts';

const config = readStackConfig(new pulumi.Config('gcp'), new pulumi.Config('matriz'));
const name = config.prefix;

const lake = new Lake(`${name}-lake`, {
  location: config.region,
  bronzeArchiveAfterDays: config.bronzeArchiveAfterDays,
  quarantineRetentionDays: config.quarantineRetentionDays,
  noncurrentRetentionDays: config.noncurrentRetentionDays,
  forceDestroy: config.forceDestroy,
});

const warehouse = new Warehouse(`${name}-wh`, {
  location: config.bigqueryLocation,
  datasetPrefix: config.datasetPrefix,
  tables: [...silverTableDefinitions(), ...goldTableDefinitions(listGoldTables())],
  forceDestroy: config.forceDestroy,
});

const qualityEvents = new QualityEvents(`${name}-quality`, {
  project: config.project,
  datasetIds: [warehouse.datasets.silver.datasetId],
});

const notifications = new Notifications(`${name}-notify`, {
  webhookSecretName: config.webhookSecretName,
});

const changesTopicName = `${name}-changes`;
const functions = new Functions(`${name}-fn`, {
  project: config.project,
  region: config.region,
  bigqueryLocation: config.bigqueryLocation,
  datasetPrefix: config.datasetPrefix,
  ckanBaseUrl: config.ckanBaseUrl,
  distDir: config.functionsDist,
  changesTopicName,
  lake,
  warehouse,
  qualityTopic: qualityEvents.topic,
  notificationsTopic: notifications.topic,
  webhookSecret: notifications.webhookSecret,
  forceDestroy: config.forceDestroy,
});

const changeStream = new ChangeStream(`${name}-changes`, {
  project: config.project,
  topicName: changesTopicName,
  producers: [functions.serviceAccounts.transform, functions.serviceAccounts.api],
  consumer: {
    url: functions.functions.consumer.url,
    serviceName: functions.functions.consumer.name,
    region: config.region,
  },
});

new Schedules(`${name}-sched`, {
  region: config.region,
  timeZone: config.timeZone,
  jobs: listDatasets().map((def) => ({ dataset: def.id, schedule: scheduleFor(config, def) })),
  extract: { url: functions.functions.extract.url, serviceName: functions.functions.extract.name },
});

export const buckets = lake.bucketNames;
export const datasets = warehouse.datasets.silver.datasetId.apply(() => ({
  silver: `${config.datasetPrefix}_silver`,
  gold: `${config.datasetPrefix}_gold`,
  quality: `${config.datasetPrefix}_quality`,
}));
export const extractUrl = functions.functions.extract.url;
export const apiUrl = functions.functions.api.url;
export const changesTopic = changeStream.topic.name;
export const notificationsTopic = notifications.topic.name;
export const qualitySinkWriter = qualityEvents.sink.writerIdentity;
