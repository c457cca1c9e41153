import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/** Arguments of {@link Analytics}. */
export interface AnalyticsArgs {
  readonly namePrefix: string;
  /** The Athena results bucket (from the lake). */
  readonly resultsBucket: aws.s3.Bucket;
  /** Bytes one query may scan before Athena cancels it. */
  readonly bytesScannedCutoff: number;
}

/**
 * The Athena workgroup analysts, Tableau (Athena connector) and the gold step use: engine v3,
 * enforced settings (clients cannot redirect results or lift the limit), SSE-S3 results in the
 * results bucket, a bytes-scanned cutoff per query, CloudWatch metrics on.
 */
export class Analytics extends pulumi.ComponentResource {
  readonly workgroup: aws.athena.Workgroup;

  constructor(name: string, args: AnalyticsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:aws:Analytics', name, {}, opts);
    this.workgroup = new aws.athena.Workgroup(
      `${name}-workgroup`,
      {
        name: `${args.namePrefix}-analytics`,
        state: 'ENABLED',
        forceDestroy: false,
        configuration: {
          enforceWorkgroupConfiguration: true,
          publishCloudwatchMetricsEnabled: true,
          bytesScannedCutoffPerQuery: args.bytesScannedCutoff,
          engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
          resultConfiguration: {
            outputLocation: pulumi.interpolate`s3://${args.resultsBucket.bucket}/results/`,
            encryptionConfiguration: { encryptionOption: 'SSE_S3' },
          },
        },
      },
      { parent: this },
    );
    this.registerOutputs({ workgroup: this.workgroup.name });
  }
}
