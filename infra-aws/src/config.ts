import type { Cadence } from '@matriz/core';

/** Stable codes of the infrastructure argument checks. */
export class InfraConfigError extends Error {
  /** Always `infra_config`. */
  readonly code = 'infra_config' as const;

  constructor(message: string) {
    super(message);
    this.name = 'InfraConfigError';
  }
}

/** Memory (MB) of each function. */
export interface MemorySizes {
  readonly extract: number;
  readonly transform: number;
  readonly consumer: number;
  readonly api: number;
}

/** Everything a stack may set in `Pulumi.<stack>.yaml` (namespace `matriz`), normalised once. */
export interface StackSettings {
  /** Prefix of every physical name (`matriz-dev`): buckets, functions, stream, table. */
  readonly namePrefix: string;
  /** Prefix of the Glue databases (`matriz` gives `matriz_silver`). */
  readonly databasePrefix: string;
  /** EventBridge schedule expression per dataset cadence. */
  readonly schedules: Readonly<Record<Cadence, string>>;
  /** Days noncurrent object versions are kept in the lake buckets. */
  readonly noncurrentRetentionDays: number;
  /** Days Athena query results are kept. */
  readonly athenaResultsRetentionDays: number;
  /** Hours the Kinesis stream keeps records (24 to 8760). */
  readonly streamRetentionHours: number;
  /** Days function logs are kept. */
  readonly logRetentionDays: number;
  /** Records per consumer invocation (1 to 10,000). */
  readonly consumerBatchSize: number;
  /** Seconds Lambda waits to fill a batch (0 to 300). */
  readonly consumerBatchWindowSeconds: number;
  /** Retries of a failing batch before it goes to the on-failure destination. */
  readonly consumerMaxRetries: number;
  readonly memory: MemorySizes;
  /** Bytes one Athena query may scan before it is cancelled (at least 10 MB). */
  readonly athenaBytesScannedCutoff: number;
  /** Email addresses subscribed to data-quality alerts. */
  readonly alertEmails: readonly string[];
  /** IAM principals (role or user ARNs) granted SELECT on silver and gold. */
  readonly analystPrincipals: readonly string[];
  /** JWT authorizer (issuer and audiences); omitted, the API uses IAM (SigV4) authorization. */
  readonly jwt?: { readonly issuer: string; readonly audiences: readonly string[] };
  /** Base URL of the ANEEL CKAN portal. */
  readonly portalUrl: string;
  /** Folder holding the esbuild bundles, one sub-folder per handler. */
  readonly artifactsDir: string;
}

/** A raw config reader: the subset of `pulumi.Config` the settings need (pure in tests). */
export interface ConfigSource {
  get(key: string): string | undefined;
  getObject<T>(key: string): T | undefined;
}

const DEFAULT_SCHEDULES: Record<Cadence, string> = {
  daily: 'cron(0 9 * * ? *)',
  weekly: 'cron(0 9 ? * MON *)',
  monthly: 'cron(0 9 5 * ? *)',
  quarterly: 'cron(0 9 5 1,4,7,10 ? *)',
};

function intIn(
  source: ConfigSource,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = source.get(key);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InfraConfigError(
      `Config \`matriz:${key}\` is \`${raw}\`; set an integer from ${min} to ${max}.`,
    );
  }
  return value;
}

/** Reads and checks the stack settings; every bad value is named with its allowed range. */
export function readSettings(source: ConfigSource, stack: string): StackSettings {
  const namePrefix = source.get('namePrefix') ?? `matriz-${stack}`;
  if (!/^[a-z0-9][a-z0-9-]{1,40}[a-z0-9]$/.test(namePrefix)) {
    throw new InfraConfigError(
      `Config \`matriz:namePrefix\` is \`${namePrefix}\`; use 3 to 42 lower-case letters, digits ` +
        'and dashes (it prefixes bucket names).',
    );
  }
  const databasePrefix = source.get('databasePrefix') ?? 'matriz';
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(databasePrefix)) {
    throw new InfraConfigError(
      `Config \`matriz:databasePrefix\` is \`${databasePrefix}\`; use lower-case letters, digits and _.`,
    );
  }
  const schedules = {
    ...DEFAULT_SCHEDULES,
    ...(source.getObject<Record<string, string>>('schedules') ?? {}),
  };
  for (const [cadence, expression] of Object.entries(schedules)) {
    if (!/^(cron|rate)\(.+\)$/.test(expression)) {
      throw new InfraConfigError(
        `Config \`matriz:schedules.${cadence}\` is \`${expression}\`; use an EventBridge ` +
          '`cron(...)` or `rate(...)` expression.',
      );
    }
  }
  const memory = source.getObject<Partial<MemorySizes>>('memory') ?? {};
  const memoryOf = (name: keyof MemorySizes, fallback: number) => {
    const value = memory[name] ?? fallback;
    if (!Number.isInteger(value) || value < 128 || value > 10240) {
      throw new InfraConfigError(
        `Config \`matriz:memory.${name}\` is \`${value}\`; set 128 to 10240 MB.`,
      );
    }
    return value;
  };
  const jwt = source.getObject<{ issuer?: string; audiences?: string[] }>('jwt');
  if (jwt !== undefined && (!jwt.issuer?.startsWith('https://') || !jwt.audiences?.length)) {
    throw new InfraConfigError(
      'Config `matriz:jwt` needs an `https://` issuer and at least one audience; remove it to use IAM.',
    );
  }
  const analystPrincipals = source.getObject<string[]>('analystPrincipals') ?? [];
  for (const principal of analystPrincipals) {
    if (!/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/.test(principal)) {
      throw new InfraConfigError(
        `Config \`matriz:analystPrincipals\` has \`${principal}\`; list IAM role or user ARNs.`,
      );
    }
  }
  return {
    namePrefix,
    databasePrefix,
    schedules,
    noncurrentRetentionDays: intIn(source, 'noncurrentRetentionDays', 90, 1, 3650),
    athenaResultsRetentionDays: intIn(source, 'athenaResultsRetentionDays', 30, 1, 3650),
    streamRetentionHours: intIn(source, 'streamRetentionHours', 24, 24, 8760),
    logRetentionDays: intIn(source, 'logRetentionDays', 30, 1, 3653),
    consumerBatchSize: intIn(source, 'consumerBatchSize', 100, 1, 10000),
    consumerBatchWindowSeconds: intIn(source, 'consumerBatchWindowSeconds', 5, 0, 300),
    consumerMaxRetries: intIn(source, 'consumerMaxRetries', 3, 0, 10000),
    memory: {
      extract: memoryOf('extract', 1024),
      transform: memoryOf('transform', 3008),
      consumer: memoryOf('consumer', 256),
      api: memoryOf('api', 256),
    },
    athenaBytesScannedCutoff: intIn(
      source,
      'athenaBytesScannedCutoff',
      10 * 1024 ** 3,
      10 * 1024 ** 2,
      2 ** 50,
    ),
    alertEmails: source.getObject<string[]>('alertEmails') ?? [],
    analystPrincipals,
    ...(jwt?.issuer && jwt.audiences
      ? { jwt: { issuer: jwt.issuer, audiences: jwt.audiences } }
      : {}),
    portalUrl: source.get('portalUrl') ?? 'https://dadosabertos.aneel.gov.br',
    artifactsDir: source.get('artifactsDir') ?? '../apps/aws-handlers/dist',
  };
}
