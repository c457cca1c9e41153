import type { DatasetId } from '../core-deps.ts';
import type { Severity } from '../finding.ts';

/** Which way a watched metric may move before it is suspicious. */
export type Direction = 'up' | 'down' | 'both';

/** A column that must be filled, with the NULL share tolerated (0 = never empty). */
export interface FilledRule {
  readonly column: string;
  /** Largest tolerated share of NULLs, 0..1 (after placeholders became NULL). */
  readonly maxNullShare: number;
  readonly severity: Severity;
}

/** A value range beyond the registry's own (which quarantines); rows outside are counted. */
export interface RangeRule {
  readonly column: string;
  readonly min?: number;
  readonly max?: number;
  readonly severity: Severity;
  /** Why the range holds (shown in the finding). */
  readonly note: string;
}

/** Allowed values of an open code column (the registry's closed sets already quarantine). */
export interface CodeSetRule {
  readonly column: string;
  readonly allowed: readonly string[];
  readonly severity: Severity;
}

/** A sum per snapshot (optionally per group), stored in the metric history and watched. */
export interface SumMetric {
  /** Metric name (`operating_capacity_kw`). */
  readonly metric: string;
  readonly column: string;
  /** Group columns: one metric value per group (`generation_type`). */
  readonly groupBy?: readonly string[];
  /** Only rows where `column = value` (e.g. `phase = operating`). */
  readonly where?: { readonly column: string; readonly equals: string };
  /** Only rows with `is_primary_row` (datasets with duplicate keys: each plant once). */
  readonly primaryOnly?: boolean;
}

/** A metric judged against its own history of snapshots (median and MAD). */
export interface WatchedMetric {
  /** `row_count`, `null_share`, or the name of a `SumMetric`. */
  readonly metric: string;
  readonly direction: Direction;
  readonly severity: Severity;
}

/** Series datasets: a group must appear in every period the dataset covers. */
export interface SeriesRule {
  readonly yearColumn: string;
  readonly monthColumn: string;
  /** Series identity inside the snapshot (`generation_type`, `state_code`). */
  readonly groupBy: readonly string[];
  /**
   * Groups that must be present in every period (the 27 states); a group not listed is expected
   * only between its own first and last period.
   */
  readonly expectedGroups?: readonly string[];
  readonly severity: Severity;
}

/** A value series inside one snapshot judged point by point (e.g. capacity per type per quarter). */
export interface SeriesOutlierRule {
  readonly metric: string;
  readonly column: string;
  readonly direction: Direction;
  readonly severity: Severity;
}

/** A text label that must agree with a code next to it (`NomUF` with `SigUF`). */
export interface LabelRule {
  readonly column: string;
  readonly codeColumn: string;
  /** Canonical label per code; a label matches when, folded, it is a prefix of the canonical. */
  readonly labels: Readonly<Record<string, string>>;
  readonly severity: Severity;
}

/** Shares per group that must add up to a total (ownership per plant = 100 %). */
export interface ShareTotalRule {
  readonly column: string;
  readonly groupBy: readonly string[];
  readonly total: number;
  /** Absolute tolerance in the column's unit. */
  readonly tolerance: number;
  readonly severity: Severity;
}

/**
 * Two datasets that describe the same quantity: a plant-level sum in this dataset against an
 * ANEEL aggregate for the month of the snapshot's data date (SIGA of 2022-06-01 against
 * `capacidade_uf` for June 2022).
 */
export interface ReconciliationRule {
  readonly name: string;
  /** The aggregate dataset and its columns. */
  readonly against: {
    readonly dataset: DatasetId;
    readonly groupColumn: string;
    readonly valueColumn: string;
    readonly yearColumn: string;
    readonly monthColumn: string;
  };
  /** This dataset's side: a sum of `valueColumn` by `groupColumn`. */
  readonly groupColumn: string;
  readonly valueColumn: string;
  readonly where?: { readonly column: string; readonly equals: string };
  readonly primaryOnly?: boolean;
  /** Relative difference above which a group is a finding (0.01 = 1 %). */
  readonly tolerance: number;
  readonly severity: Severity;
}

/**
 * The quality rules of one dataset, declared as data next to its registry definition. The
 * business key, cadence and data-date column come from the registry itself.
 */
export interface DatasetQualityRules {
  readonly dataset: DatasetId;
  /** Severity of duplicate business keys (warning when silver has a documented dedupe). */
  readonly uniqueness: { readonly severity: Severity };
  /**
   * Severity of a snapshot older than cadence + grace; for series, how many months the last
   * period covered may lag the data date (ANEEL's aggregates of 2024 cover up to two months
   * before their data date and are refreshed quarterly).
   */
  readonly timeliness: { readonly severity: Severity; readonly maxCoverageLagMonths?: number };
  /** Expected rows per snapshot, and the largest tolerated drop against the previous one. */
  readonly rowCount?: {
    readonly min: number;
    readonly max: number;
    /** Largest tolerated relative drop vs the previous snapshot (0.1 = 10 %). */
    readonly maxDrop: number;
    readonly severity: Severity;
  };
  readonly filled?: readonly FilledRule[];
  readonly ranges?: readonly RangeRule[];
  readonly codes?: readonly CodeSetRule[];
  readonly sums?: readonly SumMetric[];
  readonly watched?: readonly WatchedMetric[];
  readonly series?: SeriesRule;
  readonly seriesOutliers?: readonly SeriesOutlierRule[];
  readonly labels?: readonly LabelRule[];
  readonly shareTotals?: readonly ShareTotalRule[];
  readonly reconciliations?: readonly ReconciliationRule[];
  /** Quarantine share above which the snapshot is suspect (rows were rejected in bulk). */
  readonly maxQuarantineShare: number;
}
