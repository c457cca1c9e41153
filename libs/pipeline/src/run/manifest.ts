import { z } from 'zod';

/**
 * What bronze records about each snapshot, next to the exact bytes
 * (`bronze/<dataset>/<data date>/manifest.json`).
 */
export const bronzeManifestSchema = z.object({
  dataset: z.string(),
  /** The snapshot's own date, read from the file (`DatGeracaoConjuntoDados`). */
  data_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Object key of the raw file. */
  key: z.string(),
  file_name: z.string(),
  url: z.string(),
  resource_id: z.string().nullable(),
  etag: z.string().nullable(),
  last_modified: z.string().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  encoding: z.enum(['utf-8', 'windows-1252']),
  fetched_at: z.string(),
  /** `download` (the resource file), `datastore` (rebuilt from datastore_search) or `manual`. */
  via: z.enum(['download', 'datastore', 'manual']),
});
export type BronzeManifest = z.infer<typeof bronzeManifestSchema>;

export function parseManifest(bytes: Uint8Array, key: string): BronzeManifest {
  try {
    return bronzeManifestSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
  } catch (error) {
    throw new Error(
      `Manifest \`${key}\` is not valid: ${(error as Error).message}. Re-run the extraction.`,
      {
        cause: error,
      },
    );
  }
}
