import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';

import {
  FORBIDDEN_PROJECT_ROLES,
  FUNCTION_ACCESS,
  FUNCTION_NAMES,
  SECRET_ENV,
  type FunctionName,
  type FunctionSecret,
} from './access.ts';
import type { Lake } from './lake.ts';
import type { Warehouse } from './warehouse.ts';

/** Runtime and sizing per function (DuckDB in `transform` wants memory and two vCPUs). */
export const FUNCTION_SIZES: Readonly<
  Record<
    FunctionName,
    { memory: string; cpu: string; timeoutSeconds: number; maxInstances: number }
  >
> = {
  extract: { memory: '1Gi', cpu: '1', timeoutSeconds: 540, maxInstances: 3 },
  transform: { memory: '4Gi', cpu: '2', timeoutSeconds: 540, maxInstances: 3 },
  quality: { memory: '1Gi', cpu: '1', timeoutSeconds: 300, maxInstances: 3 },
  notify: { memory: '256Mi', cpu: '0.167', timeoutSeconds: 60, maxInstances: 3 },
  consumer: { memory: '512Mi', cpu: '1', timeoutSeconds: 120, maxInstances: 10 },
  api: { memory: '512Mi', cpu: '1', timeoutSeconds: 60, maxInstances: 10 },
};

export interface FunctionsArgs {
  readonly project: string;
  readonly region: string;
  readonly bigqueryLocation: string;
  readonly datasetPrefix: string;
  readonly ckanBaseUrl: string;
  /** Folder with the esbuild bundle and its package.json (`apps/gcp-functions/dist`). */
  readonly distDir: string;
  /** Name of the change-stream topic (created by `ChangeStream`, which grants publishing). */
  readonly changesTopicName: string;
  readonly lake: Lake;
  readonly warehouse: Warehouse;
  readonly qualityTopic: gcp.pubsub.Topic;
  readonly notificationsTopic: gcp.pubsub.Topic;
  readonly webhookSecret: gcp.secretmanager.Secret;
  readonly forceDestroy: boolean;
}

/**
 * The Cloud Functions (2nd gen, Node.js 20), each with its own service account holding only the
 * bucket, dataset, topic and secret roles listed in `FUNCTION_ACCESS`.
 * Triggers: `extract`, `api` and `consumer` are HTTP (authenticated; Cloud Scheduler and the
 * Pub/Sub push subscription call them with OIDC tokens); `transform` runs on a bronze
 * `manifest.json` finalize; `quality` on the quality topic; `notify` on the notification topic.
 */
export class Functions extends pulumi.ComponentResource {
  readonly functions: Readonly<Record<FunctionName, gcp.cloudfunctionsv2.Function>>;
  readonly serviceAccounts: Readonly<Record<FunctionName, gcp.serviceaccount.Account>>;
  readonly sourceBucket: gcp.storage.Bucket;
  /** Bearer token of the API's write routes; its value is added out of band, like the webhook's. */
  readonly apiTokenSecret: gcp.secretmanager.Secret;

  constructor(name: string, args: FunctionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:gcp:Functions', name, {}, opts);

    this.sourceBucket = new gcp.storage.Bucket(
      `${name}-source`,
      {
        location: args.region,
        uniformBucketLevelAccess: true,
        publicAccessPrevention: 'enforced',
        versioning: { enabled: true },
        forceDestroy: args.forceDestroy,
        lifecycleRules: [
          { action: { type: 'Delete' }, condition: { numNewerVersions: 5, withState: 'ARCHIVED' } },
        ],
        labels: { app: 'matriz' },
      },
      { parent: this },
    );
    const source = new gcp.storage.BucketObject(
      `${name}-bundle`,
      {
        bucket: this.sourceBucket.name,
        name: 'gcp-functions.zip',
        source: new pulumi.asset.FileArchive(args.distDir),
      },
      { parent: this },
    );

    this.apiTokenSecret = new gcp.secretmanager.Secret(
      `${name}-api-token`,
      { secretId: `${name}-api-token`, replication: { auto: {} }, labels: { app: 'matriz' } },
      { parent: this },
    );
    const secrets: Record<FunctionSecret, gcp.secretmanager.Secret> = {
      webhook: args.webhookSecret,
      apiToken: this.apiTokenSecret,
    };

    const accounts = {} as Record<FunctionName, gcp.serviceaccount.Account>;
    for (const fn of FUNCTION_NAMES) {
      accounts[fn] = new gcp.serviceaccount.Account(
        `${name}-${fn}-sa`,
        { accountId: `${name}-${fn}`.slice(0, 30), displayName: `Matriz ${fn} function` },
        { parent: this },
      );
      this.#grant(name, fn, accounts[fn], args, secrets);
    }
    this.serviceAccounts = accounts;

    const environment = {
      MATRIZ_PROJECT: args.project,
      MATRIZ_BIGQUERY_LOCATION: args.bigqueryLocation,
      MATRIZ_DATASET_PREFIX: args.datasetPrefix,
      MATRIZ_BUCKETS: args.lake.bucketNames.apply((b) => JSON.stringify(b)),
      MATRIZ_CHANGES_TOPIC: args.changesTopicName,
      MATRIZ_NOTIFICATIONS_TOPIC: args.notificationsTopic.name,
      MATRIZ_CKAN_BASE_URL: args.ckanBaseUrl,
      METADATA_SERVER_DETECTION: 'assume-present',
    };

    const triggers: Partial<
      Record<FunctionName, gcp.types.input.cloudfunctionsv2.FunctionEventTrigger>
    > = {
      transform: {
        eventType: 'google.cloud.storage.object.v1.finalized',
        eventFilters: [{ attribute: 'bucket', value: args.lake.buckets.bronze.name }],
        triggerRegion: args.region,
        retryPolicy: 'RETRY_POLICY_RETRY',
        serviceAccountEmail: accounts.transform.email,
      },
      quality: {
        eventType: 'google.cloud.pubsub.topic.v1.messagePublished',
        pubsubTopic: args.qualityTopic.id,
        triggerRegion: args.region,
        retryPolicy: 'RETRY_POLICY_RETRY',
        serviceAccountEmail: accounts.quality.email,
      },
      notify: {
        eventType: 'google.cloud.pubsub.topic.v1.messagePublished',
        pubsubTopic: args.notificationsTopic.id,
        triggerRegion: args.region,
        retryPolicy: 'RETRY_POLICY_RETRY',
        serviceAccountEmail: accounts.notify.email,
      },
    };

    const functions = {} as Record<FunctionName, gcp.cloudfunctionsv2.Function>;
    for (const fn of FUNCTION_NAMES) {
      const size = FUNCTION_SIZES[fn];
      const trigger = triggers[fn];
      functions[fn] = new gcp.cloudfunctionsv2.Function(
        `${name}-${fn}`,
        {
          location: args.region,
          description: `Matriz ${fn}`,
          buildConfig: {
            runtime: 'nodejs20',
            entryPoint: fn,
            source: { storageSource: { bucket: this.sourceBucket.name, object: source.name } },
          },
          serviceConfig: {
            serviceAccountEmail: accounts[fn].email,
            availableMemory: size.memory,
            availableCpu: size.cpu,
            timeoutSeconds: size.timeoutSeconds,
            maxInstanceCount: size.maxInstances,
            maxInstanceRequestConcurrency: 1,
            ingressSettings: 'ALLOW_ALL',
            allTrafficOnLatestRevision: true,
            environmentVariables: environment,
            ...(FUNCTION_ACCESS[fn].secrets.length > 0
              ? {
                  secretEnvironmentVariables: FUNCTION_ACCESS[fn].secrets.map((secret) => ({
                    key: SECRET_ENV[secret],
                    projectId: args.project,
                    secret: secrets[secret].secretId,
                    version: 'latest',
                  })),
                }
              : {}),
          },
          ...(trigger ? { eventTrigger: trigger } : {}),
          labels: { app: 'matriz', function: fn },
        },
        { parent: this },
      );
      if (trigger) {
        // An event trigger calls the function as the function's own service account.
        new gcp.cloudrunv2.ServiceIamMember(
          `${name}-${fn}-trigger-invoker`,
          {
            name: functions[fn].name,
            location: args.region,
            role: 'roles/run.invoker',
            member: pulumi.interpolate`serviceAccount:${accounts[fn].email}`,
          },
          { parent: this },
        );
      }
    }
    this.functions = functions;

    // Storage events reach Eventarc through Pub/Sub, published by the Cloud Storage service agent.
    const gcsAgent = gcp.storage.getProjectServiceAccountOutput(
      { project: args.project },
      { parent: this },
    );
    new gcp.projects.IAMMember(
      `${name}-gcs-agent-publisher`,
      {
        project: args.project,
        role: 'roles/pubsub.publisher',
        member: pulumi.interpolate`serviceAccount:${gcsAgent.emailAddress}`,
      },
      { parent: this },
    );

    this.registerOutputs({
      urls: Object.fromEntries(FUNCTION_NAMES.map((fn) => [fn, functions[fn].url])),
      serviceAccounts: Object.fromEntries(FUNCTION_NAMES.map((fn) => [fn, accounts[fn].email])),
    });
  }

  #grant(
    name: string,
    fn: FunctionName,
    account: gcp.serviceaccount.Account,
    args: FunctionsArgs,
    secrets: Readonly<Record<FunctionSecret, gcp.secretmanager.Secret>>,
  ) {
    const access = FUNCTION_ACCESS[fn];
    const member = pulumi.interpolate`serviceAccount:${account.email}`;
    for (const [layer, role] of access.buckets) {
      new gcp.storage.BucketIAMMember(
        `${name}-${fn}-${layer}-${role.split('.').pop()}`,
        { bucket: args.lake.buckets[layer].name, role, member },
        { parent: this },
      );
    }
    for (const [layer, role] of access.datasets) {
      new gcp.bigquery.DatasetIamMember(
        `${name}-${fn}-bq-${layer}-${role.split('.').pop()}`,
        { datasetId: args.warehouse.datasets[layer].datasetId, role, member },
        { parent: this },
      );
    }
    if (access.publishesNotifications) {
      new gcp.pubsub.TopicIAMMember(
        `${name}-${fn}-notifications-publisher`,
        { topic: args.notificationsTopic.name, role: 'roles/pubsub.publisher', member },
        { parent: this },
      );
    }
    for (const secret of access.secrets) {
      new gcp.secretmanager.SecretIamMember(
        `${name}-${fn}-${secret}-accessor`,
        { secretId: secrets[secret].id, role: 'roles/secretmanager.secretAccessor', member },
        { parent: this },
      );
    }
    for (const role of access.projectRoles) {
      if ((FORBIDDEN_PROJECT_ROLES as readonly string[]).includes(role)) {
        throw new Error(
          `\`${role}\` for ${fn} is project-wide admin; grant a resource-level role instead.`,
        );
      }
      new gcp.projects.IAMMember(
        `${name}-${fn}-${role.split('/').pop()?.replaceAll('.', '-')}`,
        { project: args.project, role, member },
        { parent: this },
      );
    }
  }
}
