import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

import { policyDocument } from '../policies.ts';
import type { DeployedFunction } from './compute.ts';

/** Arguments of {@link Stream}. */
export interface StreamArgs {
  /** Physical stream name (`matriz-dev-changes`); the functions get it as `STREAM_NAME`. */
  readonly streamName: string;
  readonly retentionHours: number;
  /** Records per consumer invocation. */
  readonly batchSize: number;
  /** Seconds Lambda waits to fill a batch. */
  readonly batchWindowSeconds: number;
  /** Retries of a failing batch before its metadata goes to the DLQ. */
  readonly maxRetries: number;
  /** The function the stream triggers. */
  readonly consumer: DeployedFunction;
  /** Roles allowed to put records (the API and the transform step). */
  readonly producers: readonly { readonly name: string; readonly role: aws.iam.Role }[];
}

/** Checks the batching settings against Kinesis event source limits. */
export function checkBatching(batchSize: number, windowSeconds: number): void {
  if (batchSize < 1 || batchSize > 10000) {
    throw new Error(`Consumer batch size \`${batchSize}\` is out of range; use 1 to 10000.`);
  }
  if (windowSeconds < 0 || windowSeconds > 300) {
    throw new Error(
      `Consumer batching window \`${windowSeconds}\` s is out of range; use 0 to 300.`,
    );
  }
}

/**
 * The change stream: an encrypted on-demand Kinesis stream, the consumer's event source mapping
 * (every N records or T seconds, partial batch responses, bisect on error) and an SQS queue as its
 * on-failure destination. The component grants the stream's own access: read to the consumer,
 * SendMessage on the DLQ to the consumer (Lambda sends with the function's role), PutRecords to
 * the producers.
 */
export class Stream extends pulumi.ComponentResource {
  readonly stream: aws.kinesis.Stream;
  readonly deadLetterQueue: aws.sqs.Queue;
  readonly mapping: aws.lambda.EventSourceMapping;

  constructor(name: string, args: StreamArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:aws:Stream', name, {}, opts);
    checkBatching(args.batchSize, args.batchWindowSeconds);
    this.stream = new aws.kinesis.Stream(
      `${name}-kinesis`,
      {
        name: args.streamName,
        retentionPeriod: args.retentionHours,
        streamModeDetails: { streamMode: 'ON_DEMAND' },
        encryptionType: 'KMS',
        kmsKeyId: 'alias/aws/kinesis',
      },
      { parent: this },
    );
    this.deadLetterQueue = new aws.sqs.Queue(
      `${name}-dlq`,
      {
        name: `${args.streamName}-consumer-dlq`,
        messageRetentionSeconds: 1209600,
        sqsManagedSseEnabled: true,
      },
      { parent: this },
    );
    const consumerAccess = new aws.iam.RolePolicy(
      `${name}-consumer-access`,
      {
        role: args.consumer.role.id,
        policy: policyDocument(`${name}-consumer-access`, [
          {
            Sid: 'ReadStream',
            Effect: 'Allow',
            Action: [
              'kinesis:DescribeStream',
              'kinesis:DescribeStreamSummary',
              'kinesis:GetRecords',
              'kinesis:GetShardIterator',
              'kinesis:ListShards',
              'kinesis:SubscribeToShard',
            ],
            Resource: [this.stream.arn],
          },
          {
            Sid: 'OnFailure',
            Effect: 'Allow',
            Action: ['sqs:SendMessage'],
            Resource: [this.deadLetterQueue.arn],
          },
        ]),
      },
      { parent: this },
    );
    for (const producer of args.producers) {
      new aws.iam.RolePolicy(
        `${name}-producer-${producer.name}`,
        {
          role: producer.role.id,
          policy: policyDocument(`${name}-producer-${producer.name}`, [
            {
              Sid: 'PutRecords',
              Effect: 'Allow',
              Action: ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:DescribeStreamSummary'],
              Resource: [this.stream.arn],
            },
          ]),
        },
        { parent: this },
      );
    }
    this.mapping = new aws.lambda.EventSourceMapping(
      `${name}-consumer-trigger`,
      {
        eventSourceArn: this.stream.arn,
        functionName: args.consumer.fn.arn,
        startingPosition: 'TRIM_HORIZON',
        batchSize: args.batchSize,
        maximumBatchingWindowInSeconds: args.batchWindowSeconds,
        functionResponseTypes: ['ReportBatchItemFailures'],
        bisectBatchOnFunctionError: true,
        maximumRetryAttempts: args.maxRetries,
        destinationConfig: { onFailure: { destinationArn: this.deadLetterQueue.arn } },
      },
      { parent: this, dependsOn: [consumerAccess] },
    );
    this.registerOutputs({
      streamName: this.stream.name,
      streamArn: this.stream.arn,
      deadLetterQueueUrl: this.deadLetterQueue.url,
    });
  }
}
