import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

import { tlsOnlyBucketPolicy } from '../policies.ts';

/** Arguments of {@link Lake}. */
export interface LakeArgs {
  /** Physical name prefix (`matriz-dev`); buckets are `<prefix>-bronze` and so on. */
  readonly namePrefix: string;
  /** Days noncurrent versions are kept. */
  readonly noncurrentRetentionDays: number;
  /** Days Athena query results are kept. */
  readonly athenaResultsRetentionDays: number;
}

/** The lake's buckets by role. */
export type LakeBucketRole = 'bronze' | 'silver' | 'gold' | 'athenaResults';

const ROLES: readonly LakeBucketRole[] = ['bronze', 'silver', 'gold', 'athenaResults'];

/** Physical bucket name of a role: `matriz-dev-athena-results`. */
export function bucketName(prefix: string, role: LakeBucketRole): string {
  return `${prefix}-${role === 'athenaResults' ? 'athena-results' : role}`;
}

/**
 * The lake: bronze, silver, gold and Athena-results buckets, each SSE-encrypted (SSE-S3 with
 * bucket keys), versioned, with every public access blocked, owner-enforced objects, a TLS-only
 * bucket policy and lifecycle rules (noncurrent versions and incomplete uploads expire).
 */
export class Lake extends pulumi.ComponentResource {
  /** Buckets by role. */
  readonly buckets: Readonly<Record<LakeBucketRole, aws.s3.Bucket>>;

  constructor(name: string, args: LakeArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:aws:Lake', name, {}, opts);
    const buckets = {} as Record<LakeBucketRole, aws.s3.Bucket>;
    for (const role of ROLES) buckets[role] = this.#bucket(name, role, args);
    this.buckets = buckets;
    this.registerOutputs({
      bronze: buckets.bronze.bucket,
      silver: buckets.silver.bucket,
      gold: buckets.gold.bucket,
      athenaResults: buckets.athenaResults.bucket,
    });
  }

  #bucket(name: string, role: LakeBucketRole, args: LakeArgs): aws.s3.Bucket {
    const child = `${name}-${role === 'athenaResults' ? 'athena-results' : role}`;
    const parent = { parent: this };
    const bucket = new aws.s3.Bucket(
      child,
      { bucket: bucketName(args.namePrefix, role), tags: { layer: role, app: 'matriz' } },
      parent,
    );
    const depends = { parent: this, dependsOn: [bucket] };
    new aws.s3.BucketOwnershipControls(
      `${child}-ownership`,
      { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } },
      depends,
    );
    const block = new aws.s3.BucketPublicAccessBlock(
      `${child}-public-access`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      depends,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${child}-sse`,
      {
        bucket: bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' },
            bucketKeyEnabled: true,
          },
        ],
      },
      depends,
    );
    new aws.s3.BucketVersioning(
      `${child}-versioning`,
      { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } },
      depends,
    );
    new aws.s3.BucketPolicy(
      `${child}-tls-only`,
      { bucket: bucket.id, policy: tlsOnlyBucketPolicy(bucket.arn) },
      { parent: this, dependsOn: [bucket, block] },
    );
    const rules: aws.types.input.s3.BucketLifecycleConfigurationRule[] = [
      {
        id: 'expire-noncurrent-versions',
        status: 'Enabled',
        filter: {},
        noncurrentVersionExpiration: { noncurrentDays: args.noncurrentRetentionDays },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 2 },
      },
    ];
    if (role === 'athenaResults') {
      rules.push({
        id: 'expire-query-results',
        status: 'Enabled',
        filter: {},
        expiration: { days: args.athenaResultsRetentionDays },
      });
    }
    new aws.s3.BucketLifecycleConfiguration(
      `${child}-lifecycle`,
      { bucket: bucket.id, rules },
      depends,
    );
    return bucket;
  }
}
