import { listDatasets, listGoldTables, silverColumns } from '@matriz/core';
import { beforeAll, describe, expect, it } from 'vitest';

import { installMocks, settle, type Registered } from './pulumi-mocks.ts';

const registered = installMocks();

// The settings of `Pulumi.prod.yaml`, as the program reads them.
const prodConfig: Record<string, unknown> = {
  namePrefix: 'matriz-prod',
  databasePrefix: 'matriz',
  consumerBatchSize: '500',
  consumerBatchWindowSeconds: '30',
  consumerMaxRetries: '5',
  memory: { extract: 2048, transform: 8192, consumer: 512, api: 512 },
  alertEmails: ['data-alerts@example.org'],
  jwt: { issuer: 'https://auth.example.org/', audiences: ['matriz-api'] },
  analystPrincipals: ['arn:aws:iam::111122223333:role/matriz-analysts'],
};
const ANALYST = 'arn:aws:iam::111122223333:role/matriz-analysts';

const of = (type: string) => registered.filter((r) => r.type === type);
const one = (type: string, name: string) => {
  const found = registered.find((r) => r.type === type && r.name === name);
  if (!found)
    throw new Error(
      `no ${type} named ${name}; have ${of(type)
        .map((r) => r.name)
        .join(', ')}`,
    );
  return found;
};
const arnOf = (r: Registered) => String(r.state['arn']);

beforeAll(async () => {
  const { readSettings } = await import('../src/config.ts');
  const { createStack } = await import('../src/stack.ts');
  const source = {
    get: (k: string) => (typeof prodConfig[k] === 'string' ? (prodConfig[k] as string) : undefined),
    getObject: <T>(k: string) => prodConfig[k] as T | undefined,
  };
  createStack(readSettings(source, 'prod'), 'test-token');
  await settle(registered);
});

describe('the lake buckets', () => {
  it('creates bronze, silver, gold and athena-results buckets with the v7 Bucket resource', () => {
    expect(
      of('aws:s3/bucket:Bucket')
        .map((b) => b.inputs['bucket'])
        .sort(),
    ).toEqual([
      'matriz-prod-athena-results',
      'matriz-prod-bronze',
      'matriz-prod-gold',
      'matriz-prod-silver',
    ]);
    expect(of('aws:s3/bucketV2:BucketV2')).toHaveLength(0);
  });

  it('leaves no bucket public, unencrypted, unversioned or reachable without TLS', () => {
    for (const bucket of of('aws:s3/bucket:Bucket')) {
      const forBucket = (type: string) => of(type).filter((r) => r.inputs['bucket'] === bucket.id);
      const [block] = forBucket('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock');
      expect(block?.inputs).toMatchObject({
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      const [sse] = forBucket(
        'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
      );
      expect(sse?.inputs['rules']).toEqual([
        { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' }, bucketKeyEnabled: true },
      ]);
      const [versioning] = forBucket('aws:s3/bucketVersioning:BucketVersioning');
      expect(versioning?.inputs['versioningConfiguration']).toEqual({ status: 'Enabled' });
      const [policy] = forBucket('aws:s3/bucketPolicy:BucketPolicy');
      const statements = JSON.parse(String(policy?.inputs['policy'])).Statement;
      expect(statements).toEqual([
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          Resource: [arnOf(bucket), `${arnOf(bucket)}/*`],
        }),
      ]);
      expect(
        forBucket('aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration'),
      ).toHaveLength(1);
      expect(bucket.inputs['acl']).toBeUndefined();
    }
    expect(of('aws:s3/bucketAcl:BucketAcl')).toHaveLength(0);
  });
});

describe('the stream', () => {
  it('triggers the consumer function from the Kinesis stream with the configured batching', () => {
    const mapping = one(
      'aws:lambda/eventSourceMapping:EventSourceMapping',
      'stream-consumer-trigger',
    );
    const consumer = one('aws:lambda/function:Function', 'compute-consumer-fn');
    const stream = one('aws:kinesis/stream:Stream', 'stream-kinesis');
    const dlq = one('aws:sqs/queue:Queue', 'stream-dlq');
    expect(mapping.inputs).toMatchObject({
      functionName: arnOf(consumer),
      eventSourceArn: arnOf(stream),
      batchSize: 500,
      maximumBatchingWindowInSeconds: 30,
      functionResponseTypes: ['ReportBatchItemFailures'],
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 5,
      destinationConfig: { onFailure: { destinationArn: arnOf(dlq) } },
    });
    expect(stream.inputs).toMatchObject({ name: 'matriz-prod-changes', encryptionType: 'KMS' });
  });

  it('grants the consumer role read on exactly that stream and send on exactly that queue', () => {
    const access = one('aws:iam/rolePolicy:RolePolicy', 'stream-consumer-access');
    expect(access.inputs['role']).toBe(one('aws:iam/role:Role', 'compute-consumer-role').id);
    const statements = JSON.parse(String(access.inputs['policy'])).Statement;
    expect(statements.map((s: { Resource: string[] }) => s.Resource)).toEqual([
      [arnOf(one('aws:kinesis/stream:Stream', 'stream-kinesis'))],
      [arnOf(one('aws:sqs/queue:Queue', 'stream-dlq'))],
    ]);
  });
});

describe('the API', () => {
  it('routes every path to the api function behind the JWT authorizer', () => {
    const integration = one('aws:apigatewayv2/integration:Integration', 'api-lambda');
    const fn = one('aws:lambda/function:Function', 'compute-api-fn');
    const authorizer = one('aws:apigatewayv2/authorizer:Authorizer', 'api-jwt');
    expect(integration.inputs).toMatchObject({
      integrationType: 'AWS_PROXY',
      integrationUri: arnOf(fn),
      payloadFormatVersion: '2.0',
    });
    const routes = of('aws:apigatewayv2/route:Route');
    expect(routes.map((r) => r.inputs['routeKey']).sort()).toEqual([
      'GET /datasets',
      'GET /health',
      'GET /plants/{dataset}/{key+}',
      'GET /quality',
      'POST /ingest/{dataset}',
      'POST /records/{dataset}',
    ]);
    for (const route of routes) {
      expect(route.inputs).toMatchObject({
        target: `integrations/${integration.id}`,
        authorizationType: 'JWT',
        authorizerId: authorizer.id,
      });
    }
    expect(authorizer.inputs['jwtConfiguration']).toEqual({
      issuer: 'https://auth.example.org/',
      audiences: ['matriz-api'],
    });
    const permission = one('aws:lambda/permission:Permission', 'api-invoke');
    expect(permission.inputs).toMatchObject({
      function: 'matriz-prod-api',
      principal: 'apigateway.amazonaws.com',
      sourceArn: 'arn:aws:execute-api:sa-east-1:111122223333:api123/*/*',
    });
  });
});

describe('the functions', () => {
  it('deploys four Node.js 20 functions, each with its own role and inline policy', () => {
    const fns = of('aws:lambda/function:Function');
    expect(fns.map((f) => f.inputs['name']).sort()).toEqual([
      'matriz-prod-api',
      'matriz-prod-consumer',
      'matriz-prod-extract',
      'matriz-prod-transform',
    ]);
    const roles = new Set(fns.map((f) => f.inputs['role']));
    expect(roles.size).toBe(4);
    for (const fn of fns) {
      expect(fn.inputs['runtime']).toBe('nodejs20.x');
      expect(fn.inputs['handler']).toBe('index.handler');
    }
    expect(one('aws:lambda/function:Function', 'compute-transform-fn').inputs).toMatchObject({
      memorySize: 8192,
      timeout: 900,
      ephemeralStorage: { size: 10240 },
    });
    expect(of('aws:iam/rolePolicyAttachment:RolePolicyAttachment')).toHaveLength(0);
  });

  it('has no IAM statement allowing `*` (or a whole service) on `*`', () => {
    const policies = of('aws:iam/rolePolicy:RolePolicy');
    expect(policies.length).toBeGreaterThanOrEqual(7);
    for (const policy of policies) {
      for (const s of JSON.parse(String(policy.inputs['policy'])).Statement) {
        const actions: string[] = [s.Action].flat();
        const resources: string[] = [s.Resource].flat();
        expect(actions).not.toContain('*');
        if (resources.includes('*')) {
          expect(
            actions.filter((a) => a.endsWith(':*')),
            `${policy.name} ${s.Sid}`,
          ).toEqual([]);
        }
      }
    }
  });

  it('lets only the consumer write state and only the transform run Athena', () => {
    const allowed = (name: string) =>
      JSON.parse(
        String(one('aws:iam/rolePolicy:RolePolicy', `compute-${name}-policy`).inputs['policy']),
      ).Statement.flatMap((s: { Action: string[] }) => s.Action);
    expect(allowed('consumer')).toContain('dynamodb:UpdateItem');
    expect(allowed('api')).not.toContain('dynamodb:UpdateItem');
    expect(allowed('transform')).toContain('athena:StartQueryExecution');
    expect(allowed('extract')).not.toContain('athena:StartQueryExecution');
    expect(allowed('extract')).not.toContain('dynamodb:PutItem');
  });
});

describe('governance', () => {
  const grants = () => of('aws:lakeformation/permissions:Permissions');

  it('registers the three lake locations and creates one database per layer', () => {
    expect(
      of('aws:lakeformation/resource:Resource')
        .map((r) => r.inputs['arn'])
        .sort(),
    ).toEqual([
      'arn:aws:s3:::matriz-prod-bronze',
      'arn:aws:s3:::matriz-prod-gold',
      'arn:aws:s3:::matriz-prod-silver',
    ]);
    expect(
      of('aws:glue/catalogDatabase:CatalogDatabase')
        .map((d) => d.inputs['name'])
        .sort(),
    ).toEqual(['matriz_bronze', 'matriz_gold', 'matriz_quarantine', 'matriz_silver']);
  });

  it('generates silver and gold Glue tables from the core registry', () => {
    const tables = of('aws:glue/catalogTable:CatalogTable');
    const silver = tables.filter((t) => t.inputs['databaseName'] === 'matriz_silver');
    expect(silver.map((t) => t.inputs['name']).sort()).toEqual(
      listDatasets()
        .map((d) => d.id)
        .sort(),
    );
    for (const def of listDatasets()) {
      const table = silver.find((t) => t.inputs['name'] === def.id);
      const sd = table?.inputs['storageDescriptor'] as {
        columns: { name: string }[];
        serDeInfo: unknown;
        location: string;
      };
      expect(sd.columns.map((c) => c.name)).toEqual(
        silverColumns(def)
          .map((c) => c.name)
          .filter((n) => n !== 'data_date'),
      );
      expect(sd.location).toBe(`s3://matriz-prod-silver/silver/${def.id}/`);
      expect(table?.inputs['partitionKeys']).toEqual([
        expect.objectContaining({ name: 'data_date' }),
      ]);
      expect(table?.inputs['parameters']).toMatchObject({ 'projection.enabled': 'true' });
    }
    const gold = tables.filter((t) => t.inputs['databaseName'] === 'matriz_gold');
    expect(gold.map((t) => t.inputs['name']).sort()).toEqual(
      listGoldTables()
        .map((t) => t.name)
        .sort(),
    );
  });

  it('grants analysts silver and gold only, never bronze', () => {
    const mine = grants().filter((g) => g.inputs['principal'] === ANALYST);
    const databases = mine.map(
      (g) =>
        (g.inputs['database'] as { name?: string } | undefined)?.name ??
        (g.inputs['table'] as { databaseName?: string } | undefined)?.databaseName ??
        (g.inputs['tableWithColumns'] as { databaseName?: string } | undefined)?.databaseName,
    );
    expect(new Set(databases)).toEqual(new Set(['matriz_silver', 'matriz_gold']));
    expect(mine.some((g) => g.inputs['dataLocation'] !== undefined)).toBe(false);
    const goldSelect = mine.find(
      (g) => (g.inputs['table'] as { databaseName?: string })?.databaseName === 'matriz_gold',
    );
    expect(goldSelect?.inputs['permissions']).toEqual(['SELECT', 'DESCRIBE']);
  });

  it('excludes every personal-data column from the analysts silver grants', () => {
    const silverGrants = grants().filter(
      (g) => g.inputs['principal'] === ANALYST && g.inputs['tableWithColumns'],
    );
    expect(silverGrants).toHaveLength(listDatasets().length);
    const byTable = new Map(
      silverGrants.map((g) => {
        const t = g.inputs['tableWithColumns'] as {
          name: string;
          wildcard: boolean;
          excludedColumnNames?: string[];
          columnNames?: string[];
        };
        return [t.name, t];
      }),
    );
    for (const def of listDatasets()) {
      const pii = silverColumns(def)
        .filter((c) => c.spec?.pii && c.spec.pii !== 'drop')
        .map((c) => c.name)
        .sort();
      const grant = byTable.get(def.id);
      expect(grant?.columnNames).toBeUndefined();
      expect(grant?.excludedColumnNames ?? []).toEqual(pii);
    }
    expect(byTable.get('agentes')?.excludedColumnNames).toEqual([
      'agent_id_cpf_cnpj',
      'agent_name',
    ]);
    expect(byTable.get('gd')?.excludedColumnNames).toEqual(
      expect.arrayContaining(['holder_document', 'holder_name']),
    );
  });

  it('gives bronze and quarantine to the pipeline roles only', () => {
    const restricted = ['matriz_bronze', 'matriz_quarantine'];
    const bronze = grants().filter(
      (g) =>
        restricted.includes((g.inputs['database'] as { name?: string })?.name ?? '') ||
        restricted.includes((g.inputs['table'] as { databaseName?: string })?.databaseName ?? '') ||
        (g.inputs['dataLocation'] as { arn?: string })?.arn === 'arn:aws:s3:::matriz-prod-bronze',
    );
    expect(new Set(bronze.map((g) => g.inputs['principal']))).toEqual(
      new Set([
        'arn:aws:iam::111122223333:role/matriz-prod-extract-role',
        'arn:aws:iam::111122223333:role/matriz-prod-transform-role',
      ]),
    );
  });
});

describe('schedules, alerts, analytics and state', () => {
  it('schedules one extraction per dataset on its cadence and runs transform on new manifests', () => {
    const rules = of('aws:cloudwatch/eventRule:EventRule');
    expect(rules).toHaveLength(listDatasets().length);
    const targets = of('aws:cloudwatch/eventTarget:EventTarget');
    const extract = one('aws:lambda/function:Function', 'compute-extract-fn');
    for (const def of listDatasets()) {
      const rule = rules.find(
        (r) => r.inputs['name'] === `matriz-prod-extract-${def.id.replaceAll('_', '-')}`,
      );
      expect(rule?.inputs['scheduleExpression']).toMatch(/^cron\(/);
      const target = targets.find((t) => t.inputs['rule'] === rule?.inputs['name']);
      expect(target?.inputs['arn']).toBe(arnOf(extract));
      expect(JSON.parse(String(target?.inputs['input']))).toEqual({
        source: 'schedule',
        dataset: def.id,
      });
    }
    const notification = one(
      'aws:s3/bucketNotification:BucketNotification',
      'schedules-manifest-notification',
    );
    expect(notification.inputs['lambdaFunctions']).toEqual([
      expect.objectContaining({
        lambdaFunctionArn: arnOf(one('aws:lambda/function:Function', 'compute-transform-fn')),
        filterSuffix: 'manifest.json',
      }),
    ]);
  });

  it('creates the alert topic with the configured subscription', () => {
    expect(
      one('aws:sns/topicSubscription:TopicSubscription', 'alerts-email-0').inputs,
    ).toMatchObject({
      protocol: 'email',
      endpoint: 'data-alerts@example.org',
      topic: 'arn:aws:sns:sa-east-1:111122223333:matriz-prod-quality-alerts',
    });
  });

  it('enforces the Athena workgroup settings with a bytes-scanned cutoff', () => {
    expect(
      one('aws:athena/workgroup:Workgroup', 'analytics-workgroup').inputs['configuration'],
    ).toMatchObject({
      enforceWorkgroupConfiguration: true,
      bytesScannedCutoffPerQuery: 10 * 1024 ** 3,
      resultConfiguration: { outputLocation: 's3://matriz-prod-athena-results/results/' },
    });
  });

  it('keys the state table by pk and sk', () => {
    expect(one('aws:dynamodb/table:Table', 'state-table').inputs).toMatchObject({
      hashKey: 'pk',
      rangeKey: 'sk',
      billingMode: 'PAY_PER_REQUEST',
      serverSideEncryption: { enabled: true },
    });
  });

  it('builds every piece as its own component', () => {
    const componentTypes = new Set(
      registered.filter((r) => r.type.startsWith('matriz:aws:')).map((r) => r.type),
    );
    expect([...componentTypes].sort()).toEqual([
      'matriz:aws:Alerts',
      'matriz:aws:Analytics',
      'matriz:aws:Api',
      'matriz:aws:Compute',
      'matriz:aws:Governance',
      'matriz:aws:Lake',
      'matriz:aws:Schedules',
      'matriz:aws:StateTable',
      'matriz:aws:Stream',
    ]);
  });
});
