/**
 * Builds the whole GCP stack with Pulumi's mock runtime (no CLI, no cloud) and checks the wiring:
 * the resources are recorded as the engine would receive them, with outputs the mocks compute.
 */
import { getDataset, listDatasets } from '@matriz/core';
import { silverTableDefinition } from '@matriz/runtime-gcp';
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';

import { FUNCTION_ACCESS, FUNCTION_NAMES } from '../src/access.ts';
import { cronForCadence } from '../src/config.ts';

interface Recorded {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly state: Record<string, unknown>;
}

const PROJECT = 'matriz-dev-000000';
const recorded: Recorded[] = [];

/** Outputs a real provider would compute, for the resource types the program reads back. */
function computed(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): Record<string, unknown> {
  switch (type) {
    case 'gcp:serviceaccount/account:Account':
      return { email: `${inputs['accountId']}@${PROJECT}.iam.gserviceaccount.com` };
    case 'gcp:cloudfunctionsv2/function:Function':
      return { name, url: `https://${name}-abc123-rj.a.run.app` };
    case 'gcp:logging/projectSink:ProjectSink':
      return {
        writerIdentity: `serviceAccount:sink-${name}@gcp-sa-logging.iam.gserviceaccount.com`,
      };
    case 'gcp:pubsub/topic:Topic':
      return { name: inputs['name'] ?? name };
    case 'gcp:pubsub/subscription:Subscription':
      return { name: inputs['name'] ?? name };
    case 'gcp:storage/bucket:Bucket':
      return { name: `${name}-7f3a`, url: `gs://${name}-7f3a` };
    case 'gcp:storage/bucketObject:BucketObject':
      return { name: inputs['name'] ?? name };
    case 'gcp:secretmanager/secret:Secret':
      return { name: `projects/${PROJECT}/secrets/${inputs['secretId']}` };
    default:
      return {};
  }
}

function idOf(type: string, name: string, state: Record<string, unknown>): string {
  if (type === 'gcp:pubsub/topic:Topic') return `projects/${PROJECT}/topics/${state['name']}`;
  if (type === 'gcp:secretmanager/secret:Secret') return String(state['name']);
  return `${name}-id`;
}

const of = (type: string) => recorded.filter((r) => r.type === type);
const one = (type: string, name: string) => {
  const found = recorded.find((r) => r.type === type && r.name === name);
  if (!found)
    throw new Error(
      `no ${type} named ${name}; have ${of(type)
        .map((r) => r.name)
        .join(', ')}`,
    );
  return found;
};
const sa = (fn: string) => `serviceAccount:matriz-dev-fn-${fn}@${PROJECT}.iam.gserviceaccount.com`;
const topicId = (resourceName: string) =>
  `projects/${PROJECT}/topics/${one('gcp:pubsub/topic:Topic', resourceName).state['name']}`;

beforeAll(async () => {
  const config: Record<string, string> = {
    'gcp:project': PROJECT,
    'gcp:region': 'southamerica-east1',
    'matriz:prefix': 'matriz-dev',
    'matriz:ckanBaseUrl': 'http://127.0.0.1:9/ckan',
    'matriz:schedules': '{"siga":"0 7 * * 1"}',
    'matriz:webhookSecretName': 'matriz-dev-notify-webhook-url',
  };
  pulumi.runtime.setAllConfig(config);
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const state = { ...args.inputs, ...computed(args.type, args.name, args.inputs) };
        recorded.push({ type: args.type, name: args.name, inputs: args.inputs, state });
        return { id: idOf(args.type, args.name, state), state };
      },
      call(args) {
        if (args.token === 'gcp:storage/getProjectServiceAccount:getProjectServiceAccount') {
          return { emailAddress: 'service-123456@gs-project-accounts.iam.gserviceaccount.com' };
        }
        if (args.token === 'gcp:organizations/getProject:getProject') return { number: '123456' };
        return args.inputs;
      },
    },
    'matriz-gcp',
    'dev',
    false,
  );
  await import('../src/index.ts');
  // Registrations that wait on other outputs land over a few ticks; wait until none arrive.
  let count = -1;
  while (count !== recorded.length) {
    count = recorded.length;
    await new Promise((r) => setTimeout(r, 100));
  }
});

describe('GCP stack', () => {
  it('schedules every registry dataset to POST to the extract function with an OIDC token', () => {
    const jobs = of('gcp:cloudscheduler/job:Job');
    const extract = one('gcp:cloudfunctionsv2/function:Function', 'matriz-dev-fn-extract');
    const schedulerSa = one('gcp:serviceaccount/account:Account', 'matriz-dev-sched-sa');
    const schedulerEmail = `${schedulerSa.inputs['accountId']}@${PROJECT}.iam.gserviceaccount.com`;
    expect(jobs).toHaveLength(listDatasets().length);
    for (const job of jobs) {
      const target = job.inputs['httpTarget'] as {
        uri: string;
        httpMethod: string;
        body: string;
        oidcToken: { serviceAccountEmail: string; audience: string };
      };
      expect(target.uri).toBe(extract.state['url']);
      expect(target.httpMethod).toBe('POST');
      expect(target.oidcToken).toEqual({
        serviceAccountEmail: schedulerEmail,
        audience: extract.state['url'],
      });
      const { dataset } = JSON.parse(Buffer.from(target.body, 'base64').toString('utf8')) as {
        dataset: string;
      };
      expect(job.name).toBe(`matriz-dev-sched-${dataset.replaceAll('_', '-')}`);
      expect(job.inputs['schedule']).toBe(
        dataset === 'siga' ? '0 7 * * 1' : cronForCadence(getDataset(dataset).cadence.every),
      );
    }
    expect(of('gcp:cloudrunv2/serviceIamMember:ServiceIamMember')).toContainEqual(
      expect.objectContaining({
        inputs: expect.objectContaining({
          name: 'matriz-dev-fn-extract',
          role: 'roles/run.invoker',
          member: `serviceAccount:${schedulerEmail}`,
        }),
      }),
    );
  });

  it('routes BigQuery silver loads through a log sink and a topic to the quality function', () => {
    const sink = one('gcp:logging/projectSink:ProjectSink', 'matriz-dev-quality-sink');
    const topic = topicId('matriz-dev-quality-topic');
    expect(sink.inputs['destination']).toBe(`pubsub.googleapis.com/${topic}`);
    expect(sink.inputs['uniqueWriterIdentity']).toBe(true);
    expect(sink.inputs['filter']).toContain('jobConfig.type="LOAD"');
    expect(sink.inputs['filter']).toContain(`"projects/${PROJECT}/datasets/matriz_silver/tables/"`);
    const quality = one('gcp:cloudfunctionsv2/function:Function', 'matriz-dev-fn-quality');
    expect(quality.inputs['eventTrigger']).toMatchObject({
      eventType: 'google.cloud.pubsub.topic.v1.messagePublished',
      pubsubTopic: topic,
      serviceAccountEmail: sa('quality').replace('serviceAccount:', ''),
    });
  });

  it('lets the sink writer identity publish to the quality topic', () => {
    const sink = one('gcp:logging/projectSink:ProjectSink', 'matriz-dev-quality-sink');
    const grant = one(
      'gcp:pubsub/topicIAMMember:TopicIAMMember',
      'matriz-dev-quality-sink-publisher',
    );
    expect(grant.inputs).toMatchObject({
      topic: one('gcp:pubsub/topic:Topic', 'matriz-dev-quality-topic').state['name'],
      role: 'roles/pubsub.publisher',
      member: sink.state['writerIdentity'],
    });
  });

  it('runs transform on object finalize in the bronze bucket', () => {
    const bronze = one('gcp:storage/bucket:Bucket', 'matriz-dev-lake-bronze');
    const transform = one('gcp:cloudfunctionsv2/function:Function', 'matriz-dev-fn-transform');
    expect(transform.inputs['eventTrigger']).toMatchObject({
      eventType: 'google.cloud.storage.object.v1.finalized',
      eventFilters: [{ attribute: 'bucket', value: bronze.state['name'] }],
    });
  });

  it('gives each function its own service account and exactly the roles listed for it', () => {
    const functions = of('gcp:cloudfunctionsv2/function:Function');
    expect(functions.map((f) => f.name).sort()).toEqual(
      FUNCTION_NAMES.map((n) => `matriz-dev-fn-${n}`).sort(),
    );
    const emails = functions.map(
      (f) => (f.inputs['serviceConfig'] as { serviceAccountEmail: string }).serviceAccountEmail,
    );
    expect(new Set(emails).size).toBe(FUNCTION_NAMES.length);
    for (const fn of FUNCTION_NAMES) {
      const f = one('gcp:cloudfunctionsv2/function:Function', `matriz-dev-fn-${fn}`);
      expect(
        (f.inputs['serviceConfig'] as { serviceAccountEmail: string }).serviceAccountEmail,
      ).toBe(sa(fn).replace('serviceAccount:', ''));
      const bucketRoles = of('gcp:storage/bucketIAMMember:BucketIAMMember')
        .filter((g) => g.inputs['member'] === sa(fn))
        .map((g) => `${g.inputs['bucket']} ${g.inputs['role']}`)
        .sort();
      expect(bucketRoles).toEqual(
        FUNCTION_ACCESS[fn].buckets
          .map(([layer, role]) => `matriz-dev-lake-${layer}-7f3a ${role}`)
          .sort(),
      );
      const datasetRoles = of('gcp:bigquery/datasetIamMember:DatasetIamMember')
        .filter((g) => g.inputs['member'] === sa(fn))
        .map((g) => `${g.inputs['datasetId']} ${g.inputs['role']}`)
        .sort();
      expect(datasetRoles).toEqual(
        FUNCTION_ACCESS[fn].datasets.map(([layer, role]) => `matriz_${layer} ${role}`).sort(),
      );
    }
  });

  it('hands each secret to the one function that reads it', () => {
    const accessors = of('gcp:secretmanager/secretIamMember:SecretIamMember');
    expect(accessors.map((a) => `${a.inputs['secretId']} ${a.inputs['member']}`).sort()).toEqual([
      `projects/${PROJECT}/secrets/matriz-dev-fn-api-token ${sa('api')}`,
      `projects/${PROJECT}/secrets/matriz-dev-notify-webhook-url ${sa('notify')}`,
    ]);
    expect(new Set(accessors.map((a) => a.inputs['role']))).toEqual(
      new Set(['roles/secretmanager.secretAccessor']),
    );
    const notify = one('gcp:cloudfunctionsv2/function:Function', 'matriz-dev-fn-notify');
    expect(
      (notify.inputs['serviceConfig'] as Record<string, unknown>)['secretEnvironmentVariables'],
    ).toEqual([
      {
        key: 'MATRIZ_WEBHOOK_URL',
        projectId: PROJECT,
        secret: 'matriz-dev-notify-webhook-url',
        version: 'latest',
      },
    ]);
    const api = one('gcp:cloudfunctionsv2/function:Function', 'matriz-dev-fn-api');
    expect(
      (api.inputs['serviceConfig'] as Record<string, unknown>)['secretEnvironmentVariables'],
    ).toEqual([
      {
        key: 'MATRIZ_API_TOKEN',
        projectId: PROJECT,
        secret: 'matriz-dev-fn-api-token',
        version: 'latest',
      },
    ]);
  });

  it('keeps every bucket private: uniform access and enforced public access prevention', () => {
    const buckets = of('gcp:storage/bucket:Bucket');
    expect(buckets.length).toBeGreaterThanOrEqual(8);
    for (const bucket of buckets) {
      expect(bucket.inputs).toMatchObject({
        uniformBucketLevelAccess: true,
        publicAccessPrevention: 'enforced',
      });
    }
    const members = of('gcp:storage/bucketIAMMember:BucketIAMMember').map((g) =>
      String(g.inputs['member']),
    );
    expect(members.filter((m) => m === 'allUsers' || m === 'allAuthenticatedUsers')).toEqual([]);
  });

  it('lets no one invoke a function unauthenticated', () => {
    const invokers = of('gcp:cloudrunv2/serviceIamMember:ServiceIamMember').map((g) =>
      String(g.inputs['member']),
    );
    expect(invokers.length).toBeGreaterThan(0);
    expect(invokers.filter((m) => !m.startsWith('serviceAccount:'))).toEqual([]);
  });

  it('grants no project-wide owner or editor and no project-level bindings or policies', () => {
    const projectRoles = of('gcp:projects/iAMMember:IAMMember').map((g) =>
      String(g.inputs['role']),
    );
    expect(projectRoles).not.toContain('roles/owner');
    expect(projectRoles).not.toContain('roles/editor');
    expect(new Set(projectRoles)).toEqual(
      new Set(['roles/bigquery.jobUser', 'roles/eventarc.eventReceiver', 'roles/pubsub.publisher']),
    );
    expect(recorded.filter((r) => /projects\/iAM(Binding|Policy)/.test(r.type))).toEqual([]);
  });

  it('pushes change events in order to the consumer with retries and a dead-letter topic', () => {
    const sub = one('gcp:pubsub/subscription:Subscription', 'matriz-dev-changes-consumer');
    const consumer = one('gcp:cloudfunctionsv2/function:Function', 'matriz-dev-fn-consumer');
    expect(sub.inputs).toMatchObject({
      topic: topicId('matriz-dev-changes-topic'),
      enableMessageOrdering: true,
      retryPolicy: { minimumBackoff: '10s', maximumBackoff: '600s' },
      deadLetterPolicy: {
        deadLetterTopic: topicId('matriz-dev-changes-dead-letter'),
        maxDeliveryAttempts: 10,
      },
      pushConfig: { pushEndpoint: consumer.state['url'] },
    });
    const publishers = of('gcp:pubsub/topicIAMMember:TopicIAMMember')
      .filter((g) => g.inputs['topic'] === 'matriz-dev-changes')
      .map((g) => g.inputs['member']);
    expect(publishers.sort()).toEqual([sa('api'), sa('transform')].sort());
  });

  it('creates silver tables with the registry schema, partitioned and clustered', () => {
    const table = one('gcp:bigquery/table:Table', 'matriz-dev-wh-silver-siga');
    const expected = silverTableDefinition(getDataset('siga'));
    expect(JSON.parse(String(table.inputs['schema']))).toEqual(expected.fields);
    expect(table.inputs['timePartitioning']).toEqual({ type: 'DAY', field: 'data_date' });
    expect(table.inputs['clusterings']).toEqual(expected.layout.clusterBy);
    const silverTables = of('gcp:bigquery/table:Table').filter(
      (t) => t.inputs['datasetId'] === 'matriz_silver',
    );
    expect(silverTables).toHaveLength(listDatasets().length);
  });
});
