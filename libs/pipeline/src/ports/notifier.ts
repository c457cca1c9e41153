/** One message per dataset per run (never one per row). */
export interface Notification {
  readonly dataset: string;
  readonly snapshot: string | null;
  readonly severity: 'info' | 'warning' | 'error';
  readonly subject: string;
  readonly body: string;
  /** Structured payload for machine consumers (findings by code, counts). */
  readonly details: Readonly<Record<string, unknown>>;
}

/** Console and webhook locally, SNS on AWS, Pub/Sub on GCP. */
export interface Notifier {
  notify(notification: Notification): Promise<void>;
}
