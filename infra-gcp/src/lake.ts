import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';

/** Lake layers that get a bucket each; object keys keep the layer as first segment. */
export const LAKE_LAYERS = [
  'bronze',
  'silver',
  'quarantine',
  'gold',
  'quality',
  'changes',
  'state',
] as const;
export type LakeLayer = (typeof LAKE_LAYERS)[number];

export interface LakeArgs {
  readonly location: string;
  /** Days a bronze object stays in STANDARD before moving to ARCHIVE (it is never read again). */
  readonly bronzeArchiveAfterDays: number;
  readonly quarantineRetentionDays: number;
  /** Days a replaced object version is kept (versioning protects against a bad overwrite). */
  readonly noncurrentRetentionDays: number;
  readonly forceDestroy: boolean;
}

/** Lifecycle rules of one layer's bucket (pure, so the tests can pin them). */
export function lifecycleRules(
  layer: LakeLayer,
  args: LakeArgs,
): gcp.types.input.storage.BucketLifecycleRule[] {
  const rules: gcp.types.input.storage.BucketLifecycleRule[] = [
    {
      action: { type: 'Delete' },
      condition: { daysSinceNoncurrentTime: args.noncurrentRetentionDays, withState: 'ARCHIVED' },
    },
  ];
  if (layer === 'bronze') {
    rules.push({
      action: { type: 'SetStorageClass', storageClass: 'ARCHIVE' },
      condition: { age: args.bronzeArchiveAfterDays, withState: 'LIVE' },
    });
  }
  if (layer === 'quarantine') {
    rules.push({
      action: { type: 'Delete' },
      condition: { age: args.quarantineRetentionDays, withState: 'ANY' },
    });
  }
  return rules;
}

/**
 * One Cloud Storage bucket per lake layer: uniform bucket-level access (no object ACLs), public
 * access prevention enforced, versioning, and lifecycle rules per layer.
 */
export class Lake extends pulumi.ComponentResource {
  readonly buckets: Readonly<Record<LakeLayer, gcp.storage.Bucket>>;
  /** Bucket names by layer, the shape `GcsObjectStore({ buckets })` takes. */
  readonly bucketNames: pulumi.Output<Record<LakeLayer, string>>;

  constructor(name: string, args: LakeArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:gcp:Lake', name, {}, opts);

    const buckets = {} as Record<LakeLayer, gcp.storage.Bucket>;
    for (const layer of LAKE_LAYERS) {
      buckets[layer] = new gcp.storage.Bucket(
        `${name}-${layer}`,
        {
          location: args.location,
          uniformBucketLevelAccess: true,
          publicAccessPrevention: 'enforced',
          versioning: { enabled: true },
          lifecycleRules: lifecycleRules(layer, args),
          forceDestroy: args.forceDestroy,
          labels: { layer, app: 'matriz' },
        },
        { parent: this },
      );
    }
    this.buckets = buckets;
    this.bucketNames = pulumi
      .all(LAKE_LAYERS.map((l) => buckets[l].name))
      .apply(
        (names) =>
          Object.fromEntries(LAKE_LAYERS.map((l, i) => [l, names[i] ?? ''])) as Record<
            LakeLayer,
            string
          >,
      );

    this.registerOutputs({ bucketNames: this.bucketNames });
  }
}
