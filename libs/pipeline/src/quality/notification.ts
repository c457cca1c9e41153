import { countFindings, type DatasetId, type Finding } from '@matriz/core';

import type { Notification } from '../ports/index.ts';

/**
 * The one message a dataset gets per run: findings counted by severity and by code over every
 * snapshot checked, never one message per finding or row.
 */
export function qualityNotification(
  dataset: DatasetId,
  snapshots: readonly string[],
  findings: readonly Finding[],
): Notification {
  const counts = countFindings(findings);
  const severity = counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'info';
  const snapshot = snapshots.at(-1) ?? null;
  const lines = Object.entries(counts.byCode)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(
      ([code, bySeverity]) =>
        `${code}: ${Object.entries(bySeverity)
          .map(([s, n]) => `${n} ${s}`)
          .join(', ')}`,
    );
  return {
    dataset,
    snapshot,
    severity,
    subject:
      `quality ${dataset}${snapshot ? ` ${snapshot}` : ''}: ${counts.error} errors, ` +
      `${counts.warning} warnings, ${counts.info} info`,
    body: lines.length > 0 ? lines.join('\n') : 'no findings',
    details: {
      snapshots: [...snapshots],
      counts: { error: counts.error, warning: counts.warning, info: counts.info },
      by_code: counts.byCode,
      blocking: counts.error > 0,
    },
  };
}
