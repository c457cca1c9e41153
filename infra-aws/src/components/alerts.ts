import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/** Arguments of {@link Alerts}. */
export interface AlertsArgs {
  readonly namePrefix: string;
  /** Email addresses to subscribe (each confirms by mail). */
  readonly emails: readonly string[];
}

/** Checks alert addresses before anything is created. */
export function checkAlertEmails(emails: readonly string[]): void {
  for (const email of emails) {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      throw new Error(
        `Alert address \`${email}\` is not an email address; fix \`matriz:alertEmails\`.`,
      );
    }
  }
}

/** The SNS topic data-quality notifications go to (encrypted), with email subscriptions. */
export class Alerts extends pulumi.ComponentResource {
  readonly topic: aws.sns.Topic;

  constructor(name: string, args: AlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:aws:Alerts', name, {}, opts);
    checkAlertEmails(args.emails);
    this.topic = new aws.sns.Topic(
      `${name}-topic`,
      { name: `${args.namePrefix}-quality-alerts`, kmsMasterKeyId: 'alias/aws/sns' },
      { parent: this },
    );
    args.emails.forEach((email, i) => {
      new aws.sns.TopicSubscription(
        `${name}-email-${i}`,
        { topic: this.topic.arn, protocol: 'email', endpoint: email },
        { parent: this },
      );
    });
    this.registerOutputs({ topicArn: this.topic.arn });
  }
}
