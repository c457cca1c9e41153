import type { Cadence, DatasetDefinition } from '@matriz/core';

/** Per-environment settings, read from `Pulumi.<stack>.yaml`. */
export interface StackConfig {
  /** GCP project id (`gcp:project`). */
  readonly project: string;
  /** Region of functions, scheduler jobs and buckets (`gcp:region`, e.g. `southamerica-east1`). */
  readonly region: string;
  /** BigQuery dataset location; defaults to the region. */
  readonly bigqueryLocation: string;
  /** Prefix of every resource name (`matriz-dev`); lower case, digits and dashes. */
  readonly prefix: string;
  /** BigQuery dataset prefix (`matriz` gives `matriz_silver`), as the core's table resolver. */
  readonly datasetPrefix: string;
  /** Cron per dataset id; datasets without one get {@link cronForCadence} of their cadence. */
  readonly schedules: Readonly<Record<string, string>>;
  /** Time zone of the schedules (`America/Sao_Paulo`). */
  readonly timeZone: string;
  /** Days a bronze object stays in STANDARD before moving to ARCHIVE. */
  readonly bronzeArchiveAfterDays: number;
  /** Days quarantined rows are kept. */
  readonly quarantineRetentionDays: number;
  /** Days a replaced (noncurrent) object version is kept in any lake bucket. */
  readonly noncurrentRetentionDays: number;
  /** Secret Manager secret id holding the notification webhook URL. */
  readonly webhookSecretName: string;
  /** CKAN portal the extract function reads (`matriz:ckanBaseUrl`, required: no default host). */
  readonly ckanBaseUrl: string;
  /** Folder of the bundled functions (`apps/gcp-functions/dist`). */
  readonly functionsDist: string;
  /** Allow `pulumi destroy` to delete buckets and datasets that still hold data (dev only). */
  readonly forceDestroy: boolean;
}

/** A config source (`pulumi.Config` in the program, a map in tests). */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/** A stack configuration value is wrong; the message names it and says how to fix it. */
export class StackConfigError extends Error {
  override readonly name = 'StackConfigError';
  readonly code = 'bad_stack_config';
}

const NAME = /^[a-z][a-z0-9-]{1,20}$/;
const CRON = /^(\S+\s+){4}\S+$/;

function positive(source: ConfigSource, key: string, fallback: number): number {
  const raw = source.get(key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new StackConfigError(
      `\`matriz:${key}\` is \`${raw}\`; set a whole number of days above 0.`,
    );
  }
  return value;
}

/**
 * Reads and checks the stack configuration. `gcp` holds the provider's keys (`project`,
 * `region`), `matriz` the program's.
 */
export function readStackConfig(gcp: ConfigSource, matriz: ConfigSource): StackConfig {
  const project = gcp.get('project');
  if (!project)
    throw new StackConfigError(
      '`gcp:project` is not set; run `pulumi config set gcp:project <id>`.',
    );
  const region = gcp.get('region') ?? 'southamerica-east1';
  const prefix = matriz.get('prefix') ?? 'matriz';
  if (!NAME.test(prefix)) {
    throw new StackConfigError(
      `\`matriz:prefix\` is \`${prefix}\`; use 2-21 lower-case letters, digits or dashes, starting with a letter.`,
    );
  }
  const schedules = JSON.parse(matriz.get('schedules') ?? '{}') as Record<string, string>;
  for (const [id, cron] of Object.entries(schedules)) {
    if (!CRON.test(cron)) {
      throw new StackConfigError(
        `\`matriz:schedules.${id}\` is \`${cron}\`; use a five-field cron expression.`,
      );
    }
  }
  const ckanBaseUrl = matriz.get('ckanBaseUrl');
  if (!ckanBaseUrl || !/^https?:\/\//.test(ckanBaseUrl)) {
    throw new StackConfigError(
      `\`matriz:ckanBaseUrl\` is \`${ckanBaseUrl ?? ''}\`; set the CKAN portal root, e.g. \`pulumi config set matriz:ckanBaseUrl https://…\`.`,
    );
  }
  return {
    project,
    ckanBaseUrl,
    region,
    bigqueryLocation: matriz.get('bigqueryLocation') ?? region,
    prefix,
    datasetPrefix: (matriz.get('datasetPrefix') ?? 'matriz').replaceAll('-', '_'),
    schedules,
    timeZone: matriz.get('timeZone') ?? 'America/Sao_Paulo',
    bronzeArchiveAfterDays: positive(matriz, 'bronzeArchiveAfterDays', 90),
    quarantineRetentionDays: positive(matriz, 'quarantineRetentionDays', 30),
    noncurrentRetentionDays: positive(matriz, 'noncurrentRetentionDays', 30),
    webhookSecretName: matriz.get('webhookSecretName') ?? `${prefix}-notify-webhook-url`,
    functionsDist: matriz.get('functionsDist') ?? '../apps/gcp-functions/dist',
    forceDestroy: matriz.get('forceDestroy') === 'true',
  };
}

const CADENCE_CRON: Readonly<Record<Cadence, string>> = {
  daily: '0 7 * * *',
  weekly: '0 7 * * 1',
  monthly: '0 7 2 * *',
  quarterly: '0 7 2 1,4,7,10 *',
};

/** A default schedule for a cadence: early morning, a day after ANEEL usually publishes. */
export function cronForCadence(cadence: Cadence): string {
  return CADENCE_CRON[cadence];
}

/** The schedule of one dataset: the stack's override or its cadence's default. */
export function scheduleFor(config: StackConfig, def: DatasetDefinition): string {
  return config.schedules[def.id] ?? cronForCadence(def.cadence.every);
}
