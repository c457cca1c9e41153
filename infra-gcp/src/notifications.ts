import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';

export interface NotificationsArgs {
  /** Secret id for the webhook URL; its value is added out of band (`gcloud secrets versions add`). */
  readonly webhookSecretName: string;
}

/**
 * The notification topic the pipeline publishes to, and the Secret Manager secret holding the
 * webhook URL the notify function posts to. The secret's value never enters the stack state.
 */
export class Notifications extends pulumi.ComponentResource {
  readonly topic: gcp.pubsub.Topic;
  readonly webhookSecret: gcp.secretmanager.Secret;

  constructor(name: string, args: NotificationsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:gcp:Notifications', name, {}, opts);

    this.topic = new gcp.pubsub.Topic(
      `${name}-topic`,
      { messageRetentionDuration: '604800s', labels: { app: 'matriz' } },
      { parent: this },
    );
    this.webhookSecret = new gcp.secretmanager.Secret(
      `${name}-webhook-url`,
      { secretId: args.webhookSecretName, replication: { auto: {} }, labels: { app: 'matriz' } },
      { parent: this },
    );

    this.registerOutputs({ topic: this.topic.id, webhookSecret: this.webhookSecret.id });
  }
}
