import type { LakeLayer } from './lake.ts';
import type { WarehouseLayer } from './warehouse.ts';

/** Names of the deployed functions; each is also its entry point in the bundle. */
export const FUNCTION_NAMES = [
  'extract',
  'transform',
  'quality',
  'notify',
  'consumer',
  'api',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** Secrets the stack keeps in Secret Manager. */
export type FunctionSecret = 'webhook' | 'apiToken';

/** The environment variable each secret is exposed as. */
export const SECRET_ENV: Readonly<Record<FunctionSecret, string>> = {
  webhook: 'MATRIZ_WEBHOOK_URL',
  apiToken: 'MATRIZ_API_TOKEN',
};

/** What one function's service account may touch. */
export interface FunctionAccess {
  /** Bucket-level roles per lake layer. */
  readonly buckets: readonly (readonly [LakeLayer, string])[];
  /** Dataset-level roles per warehouse layer. */
  readonly datasets: readonly (readonly [WarehouseLayer, string])[];
  readonly publishesNotifications: boolean;
  readonly publishesChanges: boolean;
  /** Secret Manager secrets it reads, as environment variables (`webhook`, `apiToken`). */
  readonly secrets: readonly FunctionSecret[];
  /**
   * Project-level roles. Only roles that exist solely at project level: `bigquery.jobUser`
   * (running a query or load job) and `eventarc.eventReceiver` (receiving events as a trigger).
   */
  readonly projectRoles: readonly string[];
}

const viewer = 'roles/storage.objectViewer';
/** Read, write and overwrite objects (no bucket administration). */
const user = 'roles/storage.objectUser';

/** Least privilege per function, kept as data so the tests can check it. */
export const FUNCTION_ACCESS: Readonly<Record<FunctionName, FunctionAccess>> = {
  // Bronze snapshots are immutable by code; the `_latest.json` pointer is overwritten, and an
  // overwrite needs `storage.objects.delete`, which objectCreator lacks.
  extract: {
    buckets: [['bronze', user]],
    datasets: [],
    publishesNotifications: false,
    publishesChanges: false,
    secrets: [],
    projectRoles: [],
  },
  // Bronze to silver, the load job, change events; gold waits for quality.
  transform: {
    buckets: [
      ['bronze', viewer],
      ['silver', user],
      ['quarantine', user],
      ['changes', user],
    ],
    datasets: [['silver', 'roles/bigquery.dataEditor']],
    publishesNotifications: true,
    publishesChanges: true,
    secrets: [],
    projectRoles: ['roles/bigquery.jobUser', 'roles/eventarc.eventReceiver'],
  },
  // Reads the bronze manifest (timeliness) and silver reports; records metrics and findings;
  // promotes: rebuilds gold and updates the catalog.
  quality: {
    buckets: [
      ['bronze', viewer],
      ['silver', viewer],
      ['quality', user],
    ],
    datasets: [
      ['silver', 'roles/bigquery.dataViewer'],
      ['gold', 'roles/bigquery.dataEditor'],
      ['quality', 'roles/bigquery.dataEditor'],
    ],
    publishesNotifications: true,
    publishesChanges: false,
    secrets: [],
    projectRoles: ['roles/bigquery.jobUser', 'roles/eventarc.eventReceiver'],
  },
  notify: {
    buckets: [],
    datasets: [],
    publishesNotifications: false,
    publishesChanges: false,
    secrets: ['webhook'],
    projectRoles: ['roles/eventarc.eventReceiver'],
  },
  consumer: {
    buckets: [['state', user]],
    datasets: [],
    publishesNotifications: false,
    publishesChanges: false,
    secrets: [],
    projectRoles: [],
  },
  // Reads state, quality findings and the catalog; `POST /ingest` collects into bronze.
  api: {
    buckets: [
      ['bronze', user],
      ['state', viewer],
      ['quality', viewer],
    ],
    datasets: [['quality', 'roles/bigquery.dataViewer']],
    publishesNotifications: false,
    publishesChanges: true,
    secrets: ['apiToken'],
    projectRoles: ['roles/bigquery.jobUser'],
  },
};

/** Roles no service account of the stack may hold on the project. */
export const FORBIDDEN_PROJECT_ROLES = ['roles/owner', 'roles/editor'] as const;
