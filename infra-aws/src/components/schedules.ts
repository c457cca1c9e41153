import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { Cadence, DatasetDefinition } from '@matriz/core';

import type { DeployedFunction } from './compute.ts';

/** Arguments of {@link Schedules}. */
export interface SchedulesArgs {
  readonly namePrefix: string;
  /** Datasets to schedule (the registry's). */
  readonly datasets: readonly DatasetDefinition[];
  /** Schedule expression per cadence. */
  readonly expressions: Readonly<Record<Cadence, string>>;
  readonly extract: DeployedFunction;
  readonly transform: DeployedFunction;
  /** Bucket whose `bronze/…/manifest.json` objects trigger the transform. */
  readonly bronzeBucket: aws.s3.Bucket;
}

/** The event the schedule sends to the extract function for one dataset. */
export function scheduledEvent(dataset: string): string {
  return JSON.stringify({ source: 'schedule', dataset });
}

/**
 * What runs when: one EventBridge rule per dataset, on its cadence, invoking `extract`; and an S3
 * notification on each committed bronze manifest invoking `transform` (bronze → silver → gold),
 * so a new snapshot flows through without a second schedule and an unchanged one costs nothing.
 */
export class Schedules extends pulumi.ComponentResource {
  readonly rules: Readonly<Record<string, aws.cloudwatch.EventRule>>;

  constructor(name: string, args: SchedulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:aws:Schedules', name, {}, opts);
    const rules: Record<string, aws.cloudwatch.EventRule> = {};
    for (const def of args.datasets) {
      const child = `${name}-${def.id.replaceAll('_', '-')}`;
      const rule = new aws.cloudwatch.EventRule(
        child,
        {
          name: `${args.namePrefix}-extract-${def.id.replaceAll('_', '-')}`,
          description: `Extract ${def.title} (${def.cadence.every}).`,
          scheduleExpression: args.expressions[def.cadence.every],
        },
        { parent: this },
      );
      new aws.cloudwatch.EventTarget(
        `${child}-target`,
        { rule: rule.name, arn: args.extract.fn.arn, input: scheduledEvent(def.id) },
        { parent: this },
      );
      new aws.lambda.Permission(
        `${child}-invoke`,
        {
          action: 'lambda:InvokeFunction',
          function: args.extract.fn.name,
          principal: 'events.amazonaws.com',
          sourceArn: rule.arn,
        },
        { parent: this },
      );
      rules[def.id] = rule;
    }
    const allowS3 = new aws.lambda.Permission(
      `${name}-manifest-invoke`,
      {
        action: 'lambda:InvokeFunction',
        function: args.transform.fn.name,
        principal: 's3.amazonaws.com',
        sourceArn: args.bronzeBucket.arn,
      },
      { parent: this },
    );
    new aws.s3.BucketNotification(
      `${name}-manifest-notification`,
      {
        bucket: args.bronzeBucket.id,
        lambdaFunctions: [
          {
            lambdaFunctionArn: args.transform.fn.arn,
            events: ['s3:ObjectCreated:*'],
            filterPrefix: 'bronze/',
            filterSuffix: 'manifest.json',
          },
        ],
      },
      { parent: this, dependsOn: [allowS3] },
    );
    this.rules = rules;
    this.registerOutputs({ rules: Object.keys(rules) });
  }
}
