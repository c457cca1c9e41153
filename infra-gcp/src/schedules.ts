import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';

export interface SchedulesArgs {
  readonly region: string;
  readonly timeZone: string;
  /** One job per dataset: id and cron. */
  readonly jobs: readonly { readonly dataset: string; readonly schedule: string }[];
  /** The extract function: its HTTPS URL and Cloud Run service (for the invoker grant). */
  readonly extract: {
    readonly url: pulumi.Input<string>;
    readonly serviceName: pulumi.Input<string>;
  };
}

/**
 * Cloud Scheduler jobs that POST `{ "dataset": id }` to the extract function with an OIDC token
 * of a dedicated service account, which holds `run.invoker` on that function only.
 */
export class Schedules extends pulumi.ComponentResource {
  readonly serviceAccount: gcp.serviceaccount.Account;
  readonly jobs: readonly gcp.cloudscheduler.Job[];

  constructor(name: string, args: SchedulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:gcp:Schedules', name, {}, opts);

    this.serviceAccount = new gcp.serviceaccount.Account(
      `${name}-sa`,
      { accountId: `${name}-scheduler`.slice(0, 30), displayName: 'Matriz scheduler' },
      { parent: this },
    );
    new gcp.cloudrunv2.ServiceIamMember(
      `${name}-extract-invoker`,
      {
        name: args.extract.serviceName,
        location: args.region,
        role: 'roles/run.invoker',
        member: pulumi.interpolate`serviceAccount:${this.serviceAccount.email}`,
      },
      { parent: this },
    );
    this.jobs = args.jobs.map(
      (job) =>
        new gcp.cloudscheduler.Job(
          `${name}-${job.dataset.replaceAll('_', '-')}`,
          {
            region: args.region,
            schedule: job.schedule,
            timeZone: args.timeZone,
            description: `Collect ${job.dataset} from the ANEEL portal`,
            attemptDeadline: '540s',
            retryConfig: { retryCount: 3, minBackoffDuration: '60s', maxBackoffDuration: '600s' },
            httpTarget: {
              uri: args.extract.url,
              httpMethod: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: Buffer.from(JSON.stringify({ dataset: job.dataset })).toString('base64'),
              oidcToken: {
                serviceAccountEmail: this.serviceAccount.email,
                audience: args.extract.url,
              },
            },
          },
          { parent: this },
        ),
    );

    this.registerOutputs({ jobs: this.jobs.map((j) => j.name) });
  }
}
