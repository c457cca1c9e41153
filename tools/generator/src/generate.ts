import type { FileEncoding } from './csv-writer.ts';
import {
  writeGdSecondSnapshot,
  writeGdSnapshot,
  type GdSecondSnapshotFile,
  type GdSnapshotFile,
} from './gd/generate-gd.ts';
import { writeSyntheticNotice } from './synthetic-readme.ts';

export interface GenerateOptions {
  readonly dataset: 'gd';
  readonly rows: number;
  readonly out: string;
  /** Default 1. */
  readonly seed?: number;
  /** Default `windows-1252`. */
  readonly encoding?: FileEncoding;
  /** First snapshot's data date (default `2026-09-01`). */
  readonly dataDate?: string;
  /** Also write the next month's snapshot (default false). */
  readonly secondSnapshot?: boolean;
  /** Data date of the second snapshot (default: a month after the first). */
  readonly secondDataDate?: string;
  /** Shown in the README (default: a reconstruction of the CLI call). */
  readonly command?: string;
}

export interface GenerateResult {
  readonly first: GdSnapshotFile;
  readonly second?: GdSecondSnapshotFile;
}

/** First day of the month after `date` (`2026-09-01` to `2026-10-01`). */
export function nextMonth(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

/** Writes the synthetic snapshot(s) and the notice beside them. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  if (options.dataset !== 'gd') {
    throw new Error(`Dataset \`${String(options.dataset)}\` is not generated yet; use \`gd\`.`);
  }
  if (!Number.isInteger(options.rows) || options.rows < 1) {
    throw new Error(`Row count \`${options.rows}\` is not a positive integer.`);
  }
  const first = {
    rows: options.rows,
    seed: options.seed ?? 1,
    dataDate: options.dataDate ?? '2026-09-01',
    encoding: options.encoding ?? ('windows-1252' as const),
  };
  const firstFile = await writeGdSnapshot(options.out, first);
  const second = options.secondSnapshot
    ? await writeGdSecondSnapshot(
        options.out,
        first,
        options.secondDataDate ?? nextMonth(first.dataDate),
      )
    : undefined;
  const command =
    options.command ??
    `generator --dataset gd --rows ${first.rows} --seed ${first.seed} --encoding ${first.encoding}` +
      (options.secondSnapshot ? ' --second-snapshot' : '');
  await writeSyntheticNotice(options.out, second ? [firstFile, second] : [firstFile], command);
  return second ? { first: firstFile, second } : { first: firstFile };
}
