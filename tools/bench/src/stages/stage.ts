/** Arguments the orchestrator passes to a stage child (as JSON). */
export interface StageArgs {
  /** Lake folder the stage works in. */
  readonly lake: string;
  /** Input CSV (ingest and references). */
  readonly file?: string;
  /** Data date of the snapshot the stage works on. */
  readonly dataDate?: string;
  /** Older snapshot's data date (diff). */
  readonly previousDate?: string;
  /** Offline portal URL (extract, re-run). */
  readonly portalUrl?: string;
  /** Scratch folder for the references' output. */
  readonly scratch?: string;
}

/** What a stage measured itself: the wall time covers its own work only. */
export interface StageOutcome {
  readonly ms: number;
  readonly rows: number;
  readonly bytes: number;
  readonly details: Record<string, unknown>;
}

export type Stage = (args: StageArgs) => Promise<StageOutcome>;

/** Runs `work` and returns its wall time in ms with its value. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`Bench stage argument \`${name}\` is missing.`);
  return value;
}
