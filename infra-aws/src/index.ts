// The Pulumi program: read the stack's settings, build the architecture, export what operators
// need. Wiring only; every piece is a component in `components/`.
import * as pulumi from '@pulumi/pulumi';

import { readSettings } from './config.ts';
import { createStack } from './stack.ts';

const config = new pulumi.Config('matriz');
const settings = readSettings(config, pulumi.getStack());
const stack = createStack(settings, config.requireSecret('apiToken'));

export const apiUrl = stack.api.url;
export const bronzeBucket = stack.lake.buckets.bronze.bucket;
export const silverBucket = stack.lake.buckets.silver.bucket;
export const goldBucket = stack.lake.buckets.gold.bucket;
export const athenaWorkgroup = stack.analytics.workgroup.name;
export const streamName = stack.stream.stream.name;
export const deadLetterQueueUrl = stack.stream.deadLetterQueue.url;
export const stateTable = stack.state.table.name;
export const alertsTopicArn = stack.alerts.topic.arn;
