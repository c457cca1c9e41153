import { z } from 'zod';

/** Every CKAN action answer: `{ help, success, result }` or `{ help, success: false, error }`. */
export const ckanEnvelopeSchema = z.looseObject({
  help: z.string().optional(),
  success: z.boolean(),
  result: z.unknown().optional(),
  error: z
    .looseObject({ message: z.string().optional(), __type: z.string().optional() })
    .optional(),
});

/** One resource of a package (the fields the pipeline uses; the rest is kept). */
export const ckanResourceSchema = z.looseObject({
  /** Resource id (UUID), stable when ANEEL replaces the file. */
  id: z.string(),
  /** Display name (ANEEL uses the file name without `.csv`). */
  name: z.string().nullish(),
  /** Absolute download URL. */
  url: z.string(),
  /** `CSV`, `PDF`, ... */
  format: z.string().nullish(),
  /** Size in bytes as CKAN recorded it. */
  size: z.number().nullish(),
  /** Digest CKAN recorded (md5-like), or empty. */
  hash: z.string().nullish(),
  /** When the file was last replaced (`2026-09-09T11:06:11.923440`, UTC, no zone). */
  last_modified: z.string().nullish(),
  /** True when the rows are also queryable with `datastore_search`. */
  datastore_active: z.boolean().nullish(),
  mimetype: z.string().nullish(),
});

/** The `package_show` result. */
export const ckanPackageSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  title: z.string().nullish(),
  metadata_modified: z.string().nullish(),
  resources: z.array(ckanResourceSchema),
});

/** A field of a datastore table. */
export const datastoreFieldSchema = z.looseObject({ id: z.string(), type: z.string().optional() });

/** The `datastore_search` result. */
export const datastoreResultSchema = z.looseObject({
  records: z.array(z.record(z.string(), z.unknown())),
  fields: z.array(datastoreFieldSchema),
  total: z.number().int().nonnegative(),
  limit: z.number().int().optional(),
  offset: z.number().int().optional(),
  _links: z.looseObject({ start: z.string().optional(), next: z.string().optional() }).optional(),
});

export type CkanPackage = z.infer<typeof ckanPackageSchema>;
export type CkanResource = z.infer<typeof ckanResourceSchema>;
export type DatastoreField = z.infer<typeof datastoreFieldSchema>;
export type DatastoreResult = z.infer<typeof datastoreResultSchema>;
