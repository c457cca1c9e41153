import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';

export interface ChangeStreamArgs {
  readonly project: string;
  /** Explicit topic name, known to the functions before this component exists. */
  readonly topicName: string;
  /** Service accounts that publish change events. */
  readonly producers: readonly gcp.serviceaccount.Account[];
  /** The consumer function: push endpoint and its Cloud Run service for the invoker role. */
  readonly consumer: {
    readonly url: pulumi.Input<string>;
    readonly serviceName: pulumi.Input<string>;
    readonly region: string;
  };
  /** Delivery attempts before a message goes to the dead-letter topic (5..100). */
  readonly maxDeliveryAttempts?: number;
}

/**
 * Change events on Pub/Sub: the topic, an ordered push subscription to the consumer function
 * (OIDC-authenticated, exponential retry backoff, dead-letter topic after N attempts), and a
 * pull subscription on the dead-letter topic so failed events are kept for inspection.
 */
export class ChangeStream extends pulumi.ComponentResource {
  readonly topic: gcp.pubsub.Topic;
  readonly deadLetterTopic: gcp.pubsub.Topic;
  readonly subscription: gcp.pubsub.Subscription;
  readonly deadLetterSubscription: gcp.pubsub.Subscription;
  readonly pushServiceAccount: gcp.serviceaccount.Account;

  constructor(name: string, args: ChangeStreamArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:gcp:ChangeStream', name, {}, opts);

    this.topic = new gcp.pubsub.Topic(
      `${name}-topic`,
      { name: args.topicName, messageRetentionDuration: '604800s', labels: { app: 'matriz' } },
      { parent: this },
    );
    this.deadLetterTopic = new gcp.pubsub.Topic(
      `${name}-dead-letter`,
      {
        name: `${args.topicName}-dead-letter`,
        messageRetentionDuration: '1209600s',
        labels: { app: 'matriz' },
      },
      { parent: this },
    );
    for (const [i, producer] of args.producers.entries()) {
      new gcp.pubsub.TopicIAMMember(
        `${name}-producer-${i}`,
        {
          topic: this.topic.name,
          role: 'roles/pubsub.publisher',
          member: pulumi.interpolate`serviceAccount:${producer.email}`,
        },
        { parent: this },
      );
    }

    this.pushServiceAccount = new gcp.serviceaccount.Account(
      `${name}-push-sa`,
      { accountId: `${name}-push`.slice(0, 30), displayName: 'Matriz change-stream push' },
      { parent: this },
    );
    new gcp.cloudrunv2.ServiceIamMember(
      `${name}-push-invoker`,
      {
        name: args.consumer.serviceName,
        location: args.consumer.region,
        role: 'roles/run.invoker',
        member: pulumi.interpolate`serviceAccount:${this.pushServiceAccount.email}`,
      },
      { parent: this },
    );

    this.subscription = new gcp.pubsub.Subscription(
      `${name}-consumer`,
      {
        topic: this.topic.id,
        enableMessageOrdering: true,
        ackDeadlineSeconds: 120,
        messageRetentionDuration: '604800s',
        pushConfig: {
          pushEndpoint: args.consumer.url,
          oidcToken: {
            serviceAccountEmail: this.pushServiceAccount.email,
            audience: args.consumer.url,
          },
        },
        retryPolicy: { minimumBackoff: '10s', maximumBackoff: '600s' },
        deadLetterPolicy: {
          deadLetterTopic: this.deadLetterTopic.id,
          maxDeliveryAttempts: args.maxDeliveryAttempts ?? 10,
        },
        labels: { app: 'matriz' },
      },
      { parent: this },
    );
    this.deadLetterSubscription = new gcp.pubsub.Subscription(
      `${name}-dead-letter-hold`,
      {
        topic: this.deadLetterTopic.id,
        messageRetentionDuration: '1209600s',
        retainAckedMessages: true,
      },
      { parent: this },
    );

    // Dead-lettering is done by the Pub/Sub service agent: it must publish to the dead-letter
    // topic and acknowledge on the source subscription.
    const project = gcp.organizations.getProjectOutput(
      { projectId: args.project },
      { parent: this },
    );
    const agent = pulumi.interpolate`serviceAccount:service-${project.number}@gcp-sa-pubsub.iam.gserviceaccount.com`;
    new gcp.pubsub.TopicIAMMember(
      `${name}-agent-dead-letter-publisher`,
      { topic: this.deadLetterTopic.name, role: 'roles/pubsub.publisher', member: agent },
      { parent: this },
    );
    new gcp.pubsub.SubscriptionIAMMember(
      `${name}-agent-subscriber`,
      { subscription: this.subscription.name, role: 'roles/pubsub.subscriber', member: agent },
      { parent: this },
    );

    this.registerOutputs({ topic: this.topic.id, deadLetterTopic: this.deadLetterTopic.id });
  }
}
