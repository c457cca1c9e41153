/** What one measured stage reports back to the orchestrator. */
export interface StageResult {
  readonly stage: string;
  /** Wall time of the measured work only (process start and module loading excluded). */
  readonly ms: number;
  /** Rows the stage read (input rows). */
  readonly rows: number;
  /** Bytes the stage read (input CSV or Parquet bytes). */
  readonly bytes: number;
  /** Peak RSS of the stage's process (`VmHWM`, DuckDB included: it runs in-process). */
  readonly peakRssBytes: number | null;
  /** Largest RSS sampled every 100 ms during the work. */
  readonly sampledRssBytes: number;
  /** RSS of the process before the work started (Node, tsx and modules loaded). */
  readonly baselineRssBytes: number;
  /** Sub-timings and stage-specific figures (counts, statuses). */
  readonly details: Readonly<Record<string, unknown>>;
}
