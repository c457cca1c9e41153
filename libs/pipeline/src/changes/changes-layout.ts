/** Object key of the silver Parquet of one snapshot (written by the silver step). */
export function silverSnapshotKey(dataset: string, date: string): string {
  return `silver/${dataset}/data_date=${date}/part-0.parquet`;
}

/** Prefix under which a dataset's silver snapshots live. */
export function silverDatasetPrefix(dataset: string): string {
  return `silver/${dataset}/`;
}

/** Object key of the change events derived for the snapshot pair ending at `to` (JSON lines). */
export function changesEventsKey(dataset: string, to: string): string {
  return `changes/${dataset}/to=${to}/events.jsonl`;
}

/** Object key of the summary (counts, snapshot pair) next to the events. */
export function changesSummaryKey(dataset: string, to: string): string {
  return `changes/${dataset}/to=${to}/summary.json`;
}

/** Data dates found in object keys under a dataset's silver prefix, oldest first. */
export function snapshotDatesOf(keys: readonly string[]): string[] {
  const dates = new Set<string>();
  for (const key of keys) {
    const match = /\/data_date=(\d{4}-\d{2}-\d{2})\//.exec(key);
    if (match?.[1]) dates.add(match[1]);
  }
  return [...dates].sort();
}
