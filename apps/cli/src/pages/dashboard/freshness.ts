import { listDatasets, type Cadence } from '@matriz/core';
import type { TableEntry } from '@matriz/pipeline';

import type { DatasetFreshness } from './dashboard-data.ts';

const DAY_MS = 86_400_000;

/** Longest expected gap between two snapshots, in days, per publication cadence. */
const CADENCE_DAYS: Record<Cadence, number> = {
  daily: 1,
  weekly: 7,
  monthly: 31,
  quarterly: 92,
};

/**
 * Latest data date and age of every registered dataset, from the silver catalog entries (their
 * `partitionValues` are data dates). A dataset is overdue when its age passes its cadence plus
 * the grace days ANEEL may be late.
 */
export function datasetFreshness(silver: readonly TableEntry[], now: Date): DatasetFreshness[] {
  return listDatasets().map((def) => {
    const entry = silver.find((e) => e.name === def.id);
    const dates = [...(entry?.partitionValues ?? [])].sort();
    const latest = dates.at(-1) ?? null;
    const ageDays = latest ? Math.floor((now.getTime() - Date.parse(latest)) / DAY_MS) : null;
    return {
      dataset: def.id,
      title: def.title,
      latestDataDate: latest,
      snapshots: dates.length,
      ageDays,
      cadence: def.cadence.every,
      isOverdue:
        ageDays !== null && ageDays > CADENCE_DAYS[def.cadence.every] + def.cadence.graceDays,
    };
  });
}
