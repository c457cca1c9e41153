import { isDatasetId, type DatasetId } from '@matriz/core';
import { z } from 'zod';

/** The parts of a BigQuery audit `LogEntry` (BigQueryAuditMetadata) the quality function reads. */
const auditEntrySchema = z.object({
  protoPayload: z.object({
    metadata: z.object({
      jobChange: z
        .object({
          job: z.object({
            jobConfig: z.object({
              loadConfig: z.object({ destinationTable: z.string() }).optional(),
            }),
          }),
        })
        .optional(),
      tableCreation: z.object({ table: z.object({ tableName: z.string() }) }).optional(),
    }),
  }),
});

/** Which silver snapshot a BigQuery event is about. */
export interface SilverTarget {
  readonly dataset: DatasetId;
  /** From the `$yyyymmdd` decorator of a load; absent for a table creation (latest snapshot). */
  readonly dataDate?: string;
  /** `projects/…/datasets/…/tables/…` as logged. */
  readonly table: string;
}

/** A log entry that is not a silver load or creation of a registry dataset. */
export class UnrelatedLogEntryError extends Error {
  override readonly name = 'UnrelatedLogEntryError';
  readonly code = 'unrelated_log_entry';
}

/**
 * Reads a BigQuery audit entry routed by the quality sink: the destination of a finished load
 * job, or the table created. Throws `unrelated_log_entry` for anything else (the handler acks it).
 */
export function silverTargetOf(entry: unknown, silverDataset: string): SilverTarget {
  const parsed = auditEntrySchema.safeParse(entry);
  const metadata = parsed.success ? parsed.data.protoPayload.metadata : undefined;
  const table =
    metadata?.jobChange?.job.jobConfig.loadConfig?.destinationTable ??
    metadata?.tableCreation?.table.tableName;
  const match = table
    ? /^projects\/[^/]+\/datasets\/([^/]+)\/tables\/([A-Za-z0-9_]+)(?:\$(\d{8}))?$/.exec(table)
    : null;
  if (!table || !match) {
    throw new UnrelatedLogEntryError(
      'The log entry is not a BigQuery load or table creation; it is acknowledged and skipped.',
    );
  }
  const [, datasetId, tableId, decorator] = match;
  if (datasetId !== silverDataset || !isDatasetId(tableId)) {
    throw new UnrelatedLogEntryError(
      `\`${table}\` is not a silver table of the registry; it is acknowledged and skipped.`,
    );
  }
  return {
    dataset: tableId,
    table,
    ...(decorator
      ? { dataDate: `${decorator.slice(0, 4)}-${decorator.slice(4, 6)}-${decorator.slice(6, 8)}` }
      : {}),
  };
}
