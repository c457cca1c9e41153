import { AwsAdapterError } from '../config/aws-adapter-error.ts';

/**
 * Which bucket holds which part of the lake. Keys keep the same layout as everywhere else
 * (`bronze/<dataset>/…`); only the bucket is chosen by the key's first segment, so Lake
 * Formation can grant per layer by bucket.
 */
export interface LakeBuckets {
  /** Bucket for keys whose first segment has no route. */
  readonly default: string;
  /** First key segment (`bronze`, `silver`, `gold`, …) to bucket name. */
  readonly routes?: Readonly<Record<string, string>>;
}

/**
 * The standard routing of the lake layout onto the bronze, silver and gold buckets: raw and
 * restricted data (bronze, quarantine, change history, dead letters) in bronze; silver and quality
 * metrics in silver; gold tables in gold.
 */
export function lakeBucketRoutes(buckets: {
  readonly bronze: string;
  readonly silver: string;
  readonly gold: string;
}): LakeBuckets {
  return {
    default: buckets.bronze,
    routes: {
      bronze: buckets.bronze,
      quarantine: buckets.bronze,
      changes: buckets.bronze,
      'dead-letter': buckets.bronze,
      silver: buckets.silver,
      quality: buckets.silver,
      gold: buckets.gold,
    },
  };
}

/** The bucket a key lives in. */
export function bucketForKey(buckets: LakeBuckets, key: string): string {
  if (key.startsWith('/')) {
    throw new AwsAdapterError(
      'aws_bucket_route',
      `Object key \`${key}\` starts with \`/\`; lake keys are relative (\`bronze/siga/…\`).`,
    );
  }
  const first = key.split('/', 1)[0] ?? '';
  return buckets.routes?.[first] ?? buckets.default;
}

/**
 * The buckets a listing of `prefix` must visit: one when the prefix names a whole first segment
 * (`silver/` or `silver/siga`), every distinct bucket when it is shorter (`` or `sil`).
 */
export function bucketsForPrefix(buckets: LakeBuckets, prefix: string): string[] {
  const routes = buckets.routes ?? {};
  if (prefix.includes('/')) return [bucketForKey(buckets, prefix)];
  const all = [buckets.default, ...Object.values(routes)];
  const candidates = Object.keys(routes).some((segment) => segment.startsWith(prefix))
    ? all
    : [buckets.default];
  return [...new Set(candidates)].sort();
}
