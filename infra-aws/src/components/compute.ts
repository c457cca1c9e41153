import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

import type { MemorySizes } from '../config.ts';
import { assumeRolePolicy, policyDocument, type Statement } from '../policies.ts';

/** The Lambda handlers, one bundle each (`apps/aws-handlers/dist/<handler>/index.mjs`). */
export const HANDLERS = ['extract', 'transform', 'consumer', 'api'] as const;
export type HandlerName = (typeof HANDLERS)[number];

/** ARNs and names the functions are scoped to. */
export interface ComputeTargets {
  readonly bronzeBucketArn: pulumi.Input<string>;
  readonly silverBucketArn: pulumi.Input<string>;
  readonly goldBucketArn: pulumi.Input<string>;
  readonly athenaResultsBucketArn: pulumi.Input<string>;
  readonly tableArn: pulumi.Input<string>;
  readonly topicArn: pulumi.Input<string>;
  readonly workgroupArn: pulumi.Input<string>;
  /** `arn:aws:glue:<region>:<account>` (catalog, databases and tables are built from it). */
  readonly glueArnPrefix: pulumi.Input<string>;
  readonly databasePrefix: string;
}

/** Arguments of {@link Compute}. */
export interface ComputeArgs {
  readonly namePrefix: string;
  readonly artifactsDir: string;
  readonly memory: MemorySizes;
  readonly logRetentionDays: number;
  readonly targets: ComputeTargets;
  /** Environment shared by every function (bucket, table, stream names). */
  readonly environment: Readonly<Record<string, pulumi.Input<string>>>;
  /** Extra environment per function (the API token for `api`). */
  readonly environmentOf?: Partial<Record<HandlerName, Record<string, pulumi.Input<string>>>>;
}

/** Timeout (seconds) per function: transform reads whole files; the API answers API Gateway. */
export const TIMEOUTS: Readonly<Record<HandlerName, number>> = {
  extract: 900,
  transform: 900,
  consumer: 120,
  api: 29,
};

const objects = (bucketArn: pulumi.Input<string>, prefix: string) =>
  pulumi.interpolate`${bucketArn}/${prefix}`;

/**
 * The inline policy statements of one function, scoped to the ARNs it touches. Stream access
 * (PutRecords, reading for the consumer, the DLQ) is granted by the `Stream` component, which
 * owns those ARNs; `lakeformation:GetDataAccess` has no resource-level scoping in IAM (Lake
 * Formation grants decide what it returns).
 */
export function functionStatements(
  handler: HandlerName,
  t: ComputeTargets,
  logGroupArn: pulumi.Input<string>,
  extractArn?: pulumi.Input<string>,
): Statement[] {
  const db = (layer: string) =>
    pulumi.interpolate`${t.glueArnPrefix}:database/${t.databasePrefix}_${layer}`;
  const tables = (layer: string) =>
    pulumi.interpolate`${t.glueArnPrefix}:table/${t.databasePrefix}_${layer}/*`;
  const catalog = pulumi.interpolate`${t.glueArnPrefix}:catalog`;
  const logs: Statement = {
    Sid: 'Logs',
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: [pulumi.interpolate`${logGroupArn}:*`],
  };
  switch (handler) {
    case 'extract':
      return [
        logs,
        {
          Sid: 'ListBronze',
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: [t.bronzeBucketArn],
        },
        {
          Sid: 'WriteBronze',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
          Resource: [objects(t.bronzeBucketArn, 'bronze/*')],
        },
      ];
    case 'transform':
      return [
        logs,
        {
          Sid: 'ListLake',
          Effect: 'Allow',
          Action: ['s3:ListBucket', 's3:GetBucketLocation'],
          Resource: [
            t.bronzeBucketArn,
            t.silverBucketArn,
            t.goldBucketArn,
            t.athenaResultsBucketArn,
          ],
        },
        {
          Sid: 'ReadBronze',
          Effect: 'Allow',
          Action: ['s3:GetObject'],
          Resource: [objects(t.bronzeBucketArn, 'bronze/*')],
        },
        {
          Sid: 'WriteLake',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
          Resource: [
            objects(t.bronzeBucketArn, 'quarantine/*'),
            objects(t.bronzeBucketArn, 'changes/*'),
            objects(t.silverBucketArn, 'silver/*'),
            objects(t.silverBucketArn, 'quality/*'),
            objects(t.goldBucketArn, 'gold/*'),
            objects(t.athenaResultsBucketArn, '*'),
          ],
        },
        {
          Sid: 'Athena',
          Effect: 'Allow',
          Action: [
            'athena:StartQueryExecution',
            'athena:GetQueryExecution',
            'athena:GetQueryResults',
            'athena:StopQueryExecution',
          ],
          Resource: [t.workgroupArn],
        },
        {
          Sid: 'Catalog',
          Effect: 'Allow',
          Action: [
            'glue:GetDatabase',
            'glue:GetTable',
            'glue:GetTables',
            'glue:CreateTable',
            'glue:UpdateTable',
            'glue:DeleteTable',
            'glue:GetPartitions',
            'glue:BatchCreatePartition',
          ],
          Resource: [
            catalog,
            db('silver'),
            db('gold'),
            db('bronze'),
            tables('silver'),
            tables('gold'),
            tables('bronze'),
            db('quarantine'),
            tables('quarantine'),
          ],
        },
        {
          Sid: 'LakeFormationData',
          Effect: 'Allow',
          Action: ['lakeformation:GetDataAccess'],
          Resource: ['*'],
        },
        { Sid: 'Alerts', Effect: 'Allow', Action: ['sns:Publish'], Resource: [t.topicArn] },
      ];
    case 'consumer':
      return [
        logs,
        {
          Sid: 'State',
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
          Resource: [t.tableArn],
        },
        {
          Sid: 'DeadLetters',
          Effect: 'Allow',
          Action: ['s3:PutObject'],
          Resource: [objects(t.bronzeBucketArn, 'dead-letter/*')],
        },
      ];
    case 'api':
      return [
        logs,
        {
          Sid: 'State',
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:Query'],
          Resource: [t.tableArn],
        },
        {
          Sid: 'ListSilver',
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: [t.silverBucketArn, t.bronzeBucketArn],
        },
        {
          Sid: 'ReadQualityAndManifests',
          Effect: 'Allow',
          Action: ['s3:GetObject'],
          Resource: [
            objects(t.silverBucketArn, 'quality/*'),
            objects(t.bronzeBucketArn, 'bronze/*/manifest.json'),
          ],
        },
        {
          Sid: 'Catalog',
          Effect: 'Allow',
          Action: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables'],
          Resource: [
            catalog,
            db('silver'),
            db('gold'),
            db('bronze'),
            tables('silver'),
            tables('gold'),
            tables('bronze'),
          ],
        },
        ...(extractArn === undefined
          ? []
          : [
              {
                Sid: 'TriggerExtraction',
                Effect: 'Allow' as const,
                Action: ['lambda:InvokeFunction'],
                Resource: [extractArn],
              },
            ]),
      ];
  }
}

/** One deployed function with its own role. */
export interface DeployedFunction {
  readonly fn: aws.lambda.Function;
  readonly role: aws.iam.Role;
  readonly policy: aws.iam.RolePolicy;
}

/**
 * The four Lambda functions (Node.js 20), each with its own role, an inline least-privilege
 * policy scoped to specific ARNs, and its own log group with a retention.
 */
export class Compute extends pulumi.ComponentResource {
  readonly functions: Readonly<Record<HandlerName, DeployedFunction>>;

  constructor(name: string, args: ComputeArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:aws:Compute', name, {}, opts);
    const functions = {} as Record<HandlerName, DeployedFunction>;
    // extract first: the API's policy names the extract function it may invoke.
    for (const handler of HANDLERS) {
      functions[handler] = this.#function(name, handler, args, functions.extract?.fn.arn);
    }
    this.functions = functions;
    this.registerOutputs(
      Object.fromEntries(HANDLERS.map((h) => [`${h}FunctionName`, functions[h].fn.name])),
    );
  }

  #function(
    name: string,
    handler: HandlerName,
    args: ComputeArgs,
    extractArn?: pulumi.Output<string>,
  ): DeployedFunction {
    const fnName = `${args.namePrefix}-${handler}`;
    const child = `${name}-${handler}`;
    const logGroup = new aws.cloudwatch.LogGroup(
      `${child}-logs`,
      { name: `/aws/lambda/${fnName}`, retentionInDays: args.logRetentionDays },
      { parent: this },
    );
    const role = new aws.iam.Role(
      `${child}-role`,
      { name: `${fnName}-role`, assumeRolePolicy: assumeRolePolicy('lambda.amazonaws.com') },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      `${child}-policy`,
      {
        role: role.id,
        policy: policyDocument(
          fnName,
          functionStatements(
            handler,
            args.targets,
            logGroup.arn,
            handler === 'api' ? extractArn : undefined,
          ),
        ),
      },
      { parent: this },
    );
    const fn = new aws.lambda.Function(
      `${child}-fn`,
      {
        name: fnName,
        runtime: aws.lambda.Runtime.NodeJS20dX,
        architectures: ['x86_64'],
        handler: 'index.handler',
        code: new pulumi.asset.FileArchive(`${args.artifactsDir}/${handler}`),
        role: role.arn,
        memorySize: args.memory[handler],
        timeout: TIMEOUTS[handler],
        ...(handler === 'transform' ? { ephemeralStorage: { size: 10240 } } : {}),
        environment: {
          variables: {
            NODE_OPTIONS: '--enable-source-maps',
            ...args.environment,
            ...(args.environmentOf?.[handler] ?? {}),
            ...(handler === 'api' && extractArn !== undefined
              ? { EXTRACT_FUNCTION_ARN: extractArn }
              : {}),
          },
        },
        loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
      },
      { parent: this, dependsOn: [logGroup, policy] },
    );
    return { fn, role, policy };
  }
}
