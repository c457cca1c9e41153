import type { PubSub, Topic } from '@google-cloud/pubsub';
import type { Notification, Notifier } from '@matriz/pipeline';

import { GcpRuntimeError } from '../errors.ts';

/**
 * Quality and run notifications on a Pub/Sub topic. The message body is the notification as
 * JSON; `dataset` and `severity` are also attributes, so subscriptions can filter
 * (`attributes.severity = "error"`) without parsing the body.
 */
export class PubSubNotifier implements Notifier {
  readonly #topic: Topic;

  constructor(pubsub: PubSub, topicName: string) {
    this.#topic = pubsub.topic(topicName);
  }

  async notify(notification: Notification): Promise<void> {
    try {
      await this.#topic.publishMessage({
        json: notification,
        attributes: { dataset: notification.dataset, severity: notification.severity },
      });
    } catch (error) {
      throw new GcpRuntimeError(
        'pubsub_publish_failed',
        `Publishing the notification for \`${notification.dataset}\` to \`${this.#topic.name}\` failed: ${
          error instanceof Error ? error.message : String(error)
        }. Check the topic exists and the service account has roles/pubsub.publisher on it.`,
        { cause: error },
      );
    }
  }
}
