import {
  countFindings,
  dialectFor,
  evaluateSnapshot,
  getDataset,
  qualityPlan,
  qualityRulesFor,
  type DatasetId,
  type Finding,
  type FindingCounts,
  type SnapshotQuality,
} from '@matriz/core';

import type { Row, TableEntry } from '../ports/index.ts';
import { readBronzeManifest } from '../run/bronze.ts';
import { datasetEntries, partitionDates } from '../run/catalog-entries.ts';
import type { PipelineDeps } from '../run/deps.ts';
import { lakeKeys } from '../run/keys.ts';
import type { SilverResult } from '../run/silver.ts';
import { qualityNotification } from './notification.ts';
import {
  listQualitySnapshots,
  readMetricHistory,
  readMetricsFile,
  writeSnapshotQuality,
} from './quality-store.ts';

/** What the quality step needs from a run. */
export type QualityDeps = Pick<
  PipelineDeps,
  'store' | 'warehouse' | 'notifier' | 'clock' | 'logger'
>;

export interface QualityOptions {
  /** Snapshots to check (data dates); default: the newest silver snapshot. */
  readonly dataDates?: readonly string[];
  /** The source's current `last_modified` (from `package_show` in this run), for `source_ahead`. */
  readonly sourceLastModified?: string | null;
  /** Table resolver options of the warehouse (Athena database / BigQuery dataset prefix). */
  readonly resolverPrefix?: string;
  readonly project?: string;
  /** Send the dataset's notification (default true). */
  readonly notify?: boolean;
}

/** The quality of one dataset in one run. */
export interface DatasetQualityResult {
  readonly dataset: DatasetId;
  /** Snapshots checked, oldest first, with their metrics and findings. */
  readonly snapshots: readonly SnapshotQuality[];
  /** Findings of every snapshot checked, counted. */
  readonly counts: FindingCounts;
  /** True when an `error` finding exists: do not promote the dataset to gold; exit non-zero. */
  readonly blocking: boolean;
}

/** Silver snapshots of a dataset held in the store, oldest first. */
export function listSilverDates(
  deps: Pick<PipelineDeps, 'store'>,
  dataset: DatasetId,
): Promise<string[]> {
  return partitionDates(deps.store, lakeKeys.silverPrefix(dataset));
}

async function readSilverReport(
  deps: Pick<PipelineDeps, 'store'>,
  dataset: DatasetId,
  dataDate: string,
): Promise<SilverResult | undefined> {
  const bytes = await deps.store.get(lakeKeys.silverReport(dataset, dataDate));
  return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as SilverResult) : undefined;
}

/**
 * Checks a dataset's snapshots (oldest first, so the metric history grows in order): runs the
 * core's quality SQL through the warehouse, judges the results against the rules and the stored
 * metric history, replaces `quality/<dataset>/data_date=<d>/metrics.json` and `findings.json`,
 * and sends one notification for the dataset. It never throws for bad data: bad data is findings;
 * `blocking` says whether gold may be built from this dataset.
 */
export async function checkDatasetQuality(
  deps: QualityDeps,
  dataset: DatasetId,
  options: QualityOptions = {},
): Promise<DatasetQualityResult> {
  const started = Date.now();
  const def = getDataset(dataset);
  const rules = qualityRulesFor(dataset);
  const now = deps.clock.now();
  const silverDates = await listSilverDates(deps, dataset);
  const newest = silverDates.at(-1);
  const dates = [...(options.dataDates ?? (newest ? [newest] : []))].sort();

  const related = new Set<DatasetId>([
    dataset,
    ...(rules.reconciliations ?? []).map((r) => r.against.dataset),
  ]);
  const entries: TableEntry[] = [];
  for (const id of related) entries.push(...(await datasetEntries(deps.store, id, now)));
  await deps.warehouse.prepare?.(entries);

  const d = dialectFor(deps.warehouse.dialect);
  const resolve = d.tableResolver({
    ...(options.resolverPrefix !== undefined ? { prefix: options.resolverPrefix } : {}),
    ...(options.project !== undefined ? { project: options.project } : {}),
  });

  const snapshots: SnapshotQuality[] = [];
  for (const dataDate of dates) {
    const plan = qualityPlan(def, rules, { d, resolve, dataDate });
    const results: Record<string, Row[]> = {};
    for (const query of plan.queries) {
      try {
        results[query.id] = await deps.warehouse.query(query.sql);
      } catch (error) {
        if (!query.optional) throw error;
        deps.logger.debug('quality.query_skipped', {
          dataset,
          query: query.id,
          reason: (error as Error).message,
        });
      }
    }
    const silver = await readSilverReport(deps, dataset, dataDate);
    const manifest = await readBronzeManifest(deps, dataset, dataDate).catch(() => undefined);
    const earlier = (await listQualitySnapshots(deps.store, dataset))
      .filter((s) => s < dataDate)
      .at(-1);
    const previous = earlier ? await readMetricsFile(deps.store, dataset, earlier) : undefined;
    const quality = evaluateSnapshot(plan, {
      results,
      ...(silver ? { silver } : {}),
      ...(previous && previous.headers.length > 0
        ? { previous: { snapshot: previous.snapshot, headers: previous.headers } }
        : {}),
      history: await readMetricHistory(deps.store, dataset),
      timeliness: {
        now,
        isLatest: dataDate === newest,
        sourceLastModified: manifest?.last_modified ?? null,
        fetchedAt: manifest?.fetched_at ?? null,
        sourceNow: options.sourceLastModified ?? null,
      },
    });
    const checkedAt = now.toISOString();
    await writeSnapshotQuality(
      deps.store,
      {
        dataset,
        snapshot: dataDate,
        checked_at: checkedAt,
        headers: [...quality.headers],
        metrics: [...quality.metrics],
      },
      { dataset, snapshot: dataDate, checked_at: checkedAt, findings: [...quality.findings] },
    );
    snapshots.push(quality);
  }

  const findings: Finding[] = snapshots.flatMap((s) => s.findings);
  const counts = countFindings(findings);
  if (options.notify !== false && dates.length > 0) {
    // A notification that cannot be delivered (webhook down) is logged; it never fails the run,
    // whose findings are stored either way.
    try {
      await deps.notifier.notify(qualityNotification(dataset, dates, findings));
    } catch (error) {
      deps.logger.warn('quality.notify_failed', {
        dataset,
        message: (error as Error).message,
      });
    }
  }
  deps.logger.info('quality.checked', {
    stage: 'quality',
    dataset,
    snapshots: dates,
    errors: counts.error,
    warnings: counts.warning,
    findings_by_code: counts.byCode,
    ms: Date.now() - started,
  });
  return { dataset, snapshots, counts, blocking: counts.error > 0 };
}

/**
 * Checks several datasets (each with its own notification); `blocked` lists those with an
 * `error` finding, which the run must leave out of gold.
 */
export async function checkQuality(
  deps: QualityDeps,
  datasets: readonly DatasetId[],
  options: Omit<QualityOptions, 'dataDates'> & {
    /** Snapshots to check per dataset (e.g. those brought to silver in this run). */
    readonly dataDates?: Readonly<Partial<Record<DatasetId, readonly string[]>>>;
  } = {},
): Promise<{
  readonly results: readonly DatasetQualityResult[];
  readonly blocked: readonly DatasetId[];
}> {
  const results: DatasetQualityResult[] = [];
  const { dataDates, ...common } = options;
  for (const dataset of datasets) {
    const dates = dataDates?.[dataset];
    results.push(
      await checkDatasetQuality(deps, dataset, {
        ...common,
        ...(dates ? { dataDates: dates } : {}),
      }),
    );
  }
  return { results, blocked: results.filter((r) => r.blocking).map((r) => r.dataset) };
}
