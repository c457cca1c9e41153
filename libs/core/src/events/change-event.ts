import { z } from 'zod';

import { DATASET_IDS } from '../registry/types.ts';

/** A scalar value as it travels in an event (silver values rendered as JSON scalars). */
export const eventValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type EventValue = z.infer<typeof eventValueSchema>;

export const fieldChangeSchema = z.object({
  field: z.string().min(1),
  old: eventValueSchema,
  new: eventValueSchema,
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-mm-dd');

/**
 * One change to one entity, shared by every producer (snapshot diff, ingestion API) and every
 * consumer (local key-value store, DynamoDB, Pub/Sub subscribers).
 *
 * `event_id` is stable: the same change derived twice has the same id, which is what makes the
 * consumers idempotent.
 */
export const changeEventSchema = z.object({
  event_id: z.string().min(16).max(128),
  dataset: z.enum(DATASET_IDS),
  /** Business key values joined with `|` in registry key order. */
  key: z.string().min(1).max(512),
  kind: z.enum(['inserted', 'updated', 'deleted', 'upserted']),
  /** Snapshot the entity is compared from (null for inserts and pushed records). */
  from_snapshot: isoDate.nullable(),
  /** Snapshot (data date) the new state belongs to. */
  to_snapshot: isoDate,
  /** Changed fields with old and new values (all fields for inserts, none for deletes). */
  changes: z.array(fieldChangeSchema),
  /** The entity's full state after the change; null for deletes. */
  record: z.record(z.string(), eventValueSchema).nullable(),
  /** Who produced it. */
  source: z.enum(['diff', 'api']),
});
export type ChangeEvent = z.infer<typeof changeEventSchema>;
