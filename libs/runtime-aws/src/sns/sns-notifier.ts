import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Notification, Notifier } from '@matriz/pipeline';

import { clientConfig, type AwsClientOptions } from '../config/client-config.ts';

/** Builds an SNS client (injectable endpoint and credentials). */
export function createSnsClient(options: AwsClientOptions): SNSClient {
  return new SNSClient(clientConfig(options));
}

/** SNS subjects are at most 100 characters. */
const SUBJECT_MAX = 100;

/**
 * An SNS subject from free text: SNS accepts only printable ASCII without line breaks, so accents
 * are stripped (`Usinas fósseis` becomes `Usinas fosseis`) and the text is cut to 100 characters.
 */
export function snsSubject(text: string): string {
  const ascii = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (ascii === '' ? 'matriz notification' : ascii).slice(0, SUBJECT_MAX);
}

/** Options of {@link SnsNotifier}. */
export interface SnsNotifierOptions {
  readonly client: SNSClient;
  readonly topicArn: string;
}

/**
 * {@link Notifier} on an SNS topic: one message per dataset per run. The body carries the text and
 * the structured details as JSON; `dataset` and `severity` are message attributes, so email and
 * chat subscriptions can filter (for example only `error`).
 */
export class SnsNotifier implements Notifier {
  readonly #client: SNSClient;
  readonly #topic: string;

  constructor(options: SnsNotifierOptions) {
    this.#client = options.client;
    this.#topic = options.topicArn;
  }

  async notify(notification: Notification): Promise<void> {
    const message = [
      notification.body,
      '',
      JSON.stringify(
        {
          dataset: notification.dataset,
          snapshot: notification.snapshot,
          severity: notification.severity,
          details: notification.details,
        },
        null,
        2,
      ),
    ].join('\n');
    await this.#client.send(
      new PublishCommand({
        TopicArn: this.#topic,
        Subject: snsSubject(`[${notification.severity}] ${notification.subject}`),
        Message: message,
        MessageAttributes: {
          dataset: { DataType: 'String', StringValue: notification.dataset },
          severity: { DataType: 'String', StringValue: notification.severity },
        },
      }),
    );
  }
}
