import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { getDataset, type DatasetDefinition, type DatasetId } from '@matriz/core';

import type { DatasetSource } from './deps.ts';
import type { PipelineDeps } from './deps.ts';
import { PipelineError } from './errors.ts';
import { lakeKeys } from './keys.ts';
import { parseManifest, type BronzeManifest } from './manifest.ts';
import { sniffSnapshot } from './sniff.ts';

export interface BronzeSnapshot {
  readonly dataset: DatasetId;
  readonly dataDate: string;
  readonly key: string;
  readonly manifest: BronzeManifest;
}

export type ExtractResult =
  | { readonly status: 'fetched'; readonly snapshot: BronzeSnapshot }
  /** The source answered 304, or sent bytes identical to a snapshot bronze already holds. */
  | { readonly status: 'unchanged'; readonly snapshot: BronzeSnapshot | undefined };

type BronzeDeps = Pick<PipelineDeps, 'store' | 'clock' | 'logger' | 'workDir'> & {
  readonly source: DatasetSource;
};

/**
 * Discovers the dataset's resource, downloads it unless the validators of the newest bronze
 * snapshot say it did not change, and commits the exact bytes plus a manifest to
 * `bronze/<dataset>/<data date>/`. A payload that is not data (HTML, empty) is kept under
 * `_rejected/` and fails the dataset with `source_not_data`; the previous snapshot stays current.
 */
export async function extractToBronze(
  deps: BronzeDeps,
  def: DatasetDefinition,
): Promise<ExtractResult> {
  const latest = await readLatestManifest(deps, def.id);
  const resource = await deps.source.resolve(def.ckan.packageId, def.ckan.fileName);
  const fetchedAt = deps.clock.now().toISOString();
  let download;
  try {
    download = await deps.source.download(resource, {
      etag: latest?.etag ?? null,
      lastModified: latest?.last_modified ?? null,
    });
  } catch (error) {
    const payload = (error as { payload?: unknown }).payload;
    if ((error as { code?: unknown }).code === 'source_not_data' && payload instanceof Uint8Array) {
      const key = lakeKeys.bronzeRejected(def.id, fetchedAt, 'bin');
      await deps.store.put(key, payload);
      deps.logger.warn('bronze.rejected_payload', { dataset: def.id, key, bytes: payload.length });
    }
    throw error;
  }
  if (download.status === 'not_modified') {
    deps.logger.info('bronze.unchanged', { dataset: def.id, reason: 'not_modified' });
    return { status: 'unchanged', snapshot: latest ? toSnapshot(latest) : undefined };
  }
  return commitToBronze(deps, def, download.body, {
    url: download.url,
    resource_id: resource.id,
    etag: download.etag ?? null,
    last_modified: download.lastModified ?? resource.last_modified ?? null,
    fetched_at: fetchedAt,
    via: download.via ?? 'download',
  });
}

/** A file downloaded by hand becomes a bronze snapshot (`matriz ingest`). */
export async function ingestFileToBronze(
  deps: Omit<BronzeDeps, 'source'>,
  datasetId: DatasetId,
  file: string,
): Promise<ExtractResult> {
  const def = getDataset(datasetId);
  return commitToBronze(deps, def, createReadStream(file), {
    url: pathToUrl(file),
    resource_id: null,
    etag: null,
    last_modified: null,
    fetched_at: deps.clock.now().toISOString(),
    via: 'manual',
    fileName: path.basename(file),
  });
}

interface Provenance {
  readonly url: string;
  readonly resource_id: string | null;
  readonly etag: string | null;
  readonly last_modified: string | null;
  readonly fetched_at: string;
  readonly via: BronzeManifest['via'];
  readonly fileName?: string;
}

async function commitToBronze(
  deps: Omit<BronzeDeps, 'source'>,
  def: DatasetDefinition,
  body: Readable,
  provenance: Provenance,
): Promise<ExtractResult> {
  await fs.mkdir(deps.workDir, { recursive: true });
  const local = path.join(deps.workDir, `bronze-${randomUUID()}.part`);
  try {
    const { sha256, bytes, utf8 } = await writeHashed(body, local);
    const fileName = provenance.fileName ?? def.ckan.fileName;
    let sniff;
    try {
      if (!utf8) await refuseMixedEncoding(def, local, provenance.url);
      sniff = await sniffSnapshot(def, local, provenance.url, utf8 ? 'utf-8' : 'windows-1252');
    } catch (error) {
      // Nothing is lost: a payload we refuse is kept, with the reason, for inspection.
      await keepRejected(deps, def, local, { ...provenance, sha256, bytes, fileName }, error);
      throw error;
    }
    const key = lakeKeys.bronzeFile(def.id, sniff.dataDate, fileName);
    const manifestKey = lakeKeys.bronzeManifest(def.id, sniff.dataDate);

    const existing = await deps.store.get(manifestKey);
    if (existing) {
      const manifest = parseManifest(existing, manifestKey);
      if (manifest.sha256 === sha256) {
        deps.logger.info('bronze.unchanged', {
          dataset: def.id,
          reason: 'same_bytes',
          data_date: sniff.dataDate,
        });
        await writeLatest(deps, def.id, manifest);
        return { status: 'unchanged', snapshot: toSnapshot(manifest) };
      }
      const reachedSilver = await deps.store.head(lakeKeys.silverReport(def.id, sniff.dataDate));
      if (reachedSilver) {
        throw new PipelineError(
          'snapshot_conflict',
          def.id,
          `Bronze already holds \`${def.id}\` for data date ${sniff.dataDate} (sha256 ` +
            `${manifest.sha256.slice(0, 12)}…, already in silver), and the source now sends ` +
            `different bytes (${sha256.slice(0, 12)}…) under the same date. Bronze is immutable: ` +
            `compare both, then remove \`${manifestKey}\` if the new file should replace it.`,
        );
      }
      // The held snapshot never made it to silver (a truncated or unreadable file): the new
      // bytes take its place, and the old ones move aside, kept.
      await supersede(deps, manifest);
    }

    const manifest: BronzeManifest = {
      dataset: def.id,
      data_date: sniff.dataDate,
      key,
      file_name: fileName,
      url: provenance.url,
      resource_id: provenance.resource_id,
      etag: provenance.etag,
      last_modified: provenance.last_modified,
      sha256,
      bytes,
      encoding: sniff.encoding,
      fetched_at: provenance.fetched_at,
      via: provenance.via,
    };
    // The bytes first, the manifest second: a snapshot without a manifest does not exist.
    await deps.store.putFile(key, local, { contentType: 'text/csv' });
    await deps.store.put(manifestKey, JSON.stringify(manifest, null, 2) + '\n', {
      contentType: 'application/json',
    });
    await writeLatest(deps, def.id, manifest);
    deps.logger.info('bronze.committed', {
      dataset: def.id,
      data_date: sniff.dataDate,
      bytes,
      sha256,
    });
    return { status: 'fetched', snapshot: toSnapshot(manifest) };
  } finally {
    await fs.rm(local, { force: true });
  }
}

/** Every bronze snapshot of a dataset, oldest first. */
export async function listBronzeSnapshots(
  deps: Pick<PipelineDeps, 'store'>,
  dataset: DatasetId,
): Promise<BronzeSnapshot[]> {
  const objects = await deps.store.list(lakeKeys.bronzePrefix(dataset));
  const manifests = objects.filter((o) => /\/\d{4}-\d{2}-\d{2}\/manifest\.json$/.test(o.key));
  const out: BronzeSnapshot[] = [];
  for (const object of manifests) {
    const bytes = await deps.store.get(object.key);
    if (bytes) out.push(toSnapshot(parseManifest(bytes, object.key)));
  }
  return out.sort((a, b) => a.dataDate.localeCompare(b.dataDate));
}

export async function readBronzeManifest(
  deps: Pick<PipelineDeps, 'store'>,
  dataset: DatasetId,
  dataDate: string,
): Promise<BronzeManifest> {
  const key = lakeKeys.bronzeManifest(dataset, dataDate);
  const bytes = await deps.store.get(key);
  if (!bytes) {
    throw new PipelineError(
      'snapshot_not_found',
      dataset,
      `No bronze snapshot of \`${dataset}\` for data date \`${dataDate}\` (no \`${key}\`). ` +
        'Run the extraction first, or list snapshots with `matriz status`.',
    );
  }
  return parseManifest(bytes, key);
}

async function readLatestManifest(
  deps: Pick<PipelineDeps, 'store'>,
  dataset: DatasetId,
): Promise<BronzeManifest | undefined> {
  const key = lakeKeys.bronzeLatest(dataset);
  const bytes = await deps.store.get(key);
  return bytes ? parseManifest(bytes, key) : undefined;
}

async function writeLatest(
  deps: Pick<PipelineDeps, 'store'>,
  dataset: DatasetId,
  manifest: BronzeManifest,
): Promise<void> {
  const current = await readLatestManifest(deps, dataset);
  if (current && current.data_date > manifest.data_date) return;
  await deps.store.put(lakeKeys.bronzeLatest(dataset), JSON.stringify(manifest, null, 2) + '\n');
}

function toSnapshot(manifest: BronzeManifest): BronzeSnapshot {
  return {
    dataset: manifest.dataset as DatasetId,
    dataDate: manifest.data_date,
    key: manifest.key,
    manifest,
  };
}

/**
 * Streams the body to a local file, hashing it and checking in the same pass whether the whole
 * file is strict UTF-8 (else it is read as Windows-1252).
 */
async function writeHashed(
  body: Readable,
  file: string,
): Promise<{ sha256: string; bytes: number; utf8: boolean }> {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let utf8 = true;
  let bytes = 0;
  body.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
    if (utf8) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        utf8 = false;
      }
    }
  });
  await pipeline(body, createWriteStream(file));
  if (utf8) {
    try {
      decoder.decode();
    } catch {
      utf8 = false;
    }
  }
  return { sha256: hash.digest('hex'), bytes, utf8 };
}

function pathToUrl(file: string): string {
  return new URL(`file://${path.resolve(file)}`).href;
}

/** Moves a bronze snapshot that never reached silver aside (`_superseded/`), bytes and manifest. */
async function supersede(
  deps: Pick<PipelineDeps, 'store' | 'logger' | 'workDir'>,
  manifest: BronzeManifest,
) {
  const dataset = manifest.dataset as DatasetId;
  const base = `bronze/${dataset}/_superseded/${manifest.data_date}-${manifest.sha256.slice(0, 12)}`;
  // Through a local file: a superseded download may be as large as the dataset (1.4 GB).
  const local = path.join(deps.workDir, `superseded-${randomUUID()}`);
  try {
    await deps.store.getFile(manifest.key, local);
    await deps.store.putFile(`${base}/${manifest.file_name}`, local);
  } finally {
    await fs.rm(local, { force: true });
  }
  await deps.store.put(`${base}/manifest.json`, JSON.stringify(manifest, null, 2) + '\n');
  await deps.store.delete(lakeKeys.bronzeManifest(dataset, manifest.data_date));
  await deps.store.delete(manifest.key);
  deps.logger.warn('bronze.superseded', {
    dataset,
    data_date: manifest.data_date,
    kept_at: base,
  });
}

/** Keeps a refused payload under `bronze/<dataset>/_rejected/` with a JSON note of why. */
async function keepRejected(
  deps: Pick<PipelineDeps, 'store' | 'logger'>,
  def: DatasetDefinition,
  local: string,
  what: Provenance & { sha256: string; bytes: number; fileName: string },
  error: unknown,
): Promise<void> {
  const base = `bronze/${def.id}/_rejected/${what.fetched_at.replaceAll(':', '-')}-${what.sha256.slice(0, 12)}`;
  await deps.store.putFile(`${base}/${what.fileName}`, local);
  const note = {
    dataset: def.id,
    url: what.url,
    sha256: what.sha256,
    bytes: what.bytes,
    fetched_at: what.fetched_at,
    code: (error as { code?: unknown }).code ?? 'rejected',
    reason: (error as Error).message,
  };
  await deps.store.put(`${base}/rejected.json`, JSON.stringify(note, null, 2) + '\n');
  deps.logger.warn('bronze.rejected', { dataset: def.id, key: base, code: note.code });
}

/**
 * A file that is not valid UTF-8 is read as Windows-1252, unless the bytes before the first
 * invalid one already hold valid multi-byte UTF-8: then the file mixes encodings (a UTF-8 file
 * with a stray Windows-1252 byte), and reading it either way would garble text. It is refused,
 * naming the line and byte. So is a UTF-8 file whose last character is cut off (a short download),
 * which would otherwise be read, garbled, as Windows-1252.
 */
async function refuseMixedEncoding(def: DatasetDefinition, file: string, origin: string) {
  const found = await firstInvalidUtf8(file);
  if (!found || !found.multibyteBefore) return;
  if (found.truncated) {
    throw new PipelineError(
      'truncated_file',
      def.id,
      `\`${origin}\` is UTF-8 but ends inside a character (line ${found.line}, byte ${found.offset}): ` +
        'the file was cut short. Nothing was written to silver; download it again.',
    );
  }
  throw new PipelineError(
    'mixed_encoding',
    def.id,
    `\`${origin}\` is UTF-8 up to line ${found.line} (byte ${found.offset}), where byte ` +
      `0x${found.byte.toString(16).toUpperCase()} is not valid UTF-8: the file mixes encodings. ` +
      'Nothing was written to silver; fix that line (or re-export the file in one encoding) and ingest it again.',
  );
}

async function firstInvalidUtf8(
  file: string,
): Promise<
  | { offset: number; line: number; byte: number; multibyteBefore: boolean; truncated?: boolean }
  | undefined
> {
  let offset = 0;
  let line = 1;
  let multibyte = false;
  let need = 0;
  let lead = { offset: 0, byte: 0 };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    for (let i = 0; i < bytes.length; i++, offset++) {
      const b = bytes[i]!;
      if (need > 0) {
        if ((b & 0xc0) !== 0x80) return { ...lead, line, multibyteBefore: multibyte };
        need -= 1;
        if (need === 0) multibyte = true;
        continue;
      }
      if (b === 0x0a) line += 1;
      if (b < 0x80) continue;
      lead = { offset, byte: b };
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) need = 2;
      else if (b >= 0xf0 && b <= 0xf4) need = 3;
      else return { offset, line, byte: b, multibyteBefore: multibyte };
    }
  }
  // The last character is incomplete: a UTF-8 file cut short, not a Windows-1252 one.
  return need > 0 ? { ...lead, line, multibyteBefore: multibyte, truncated: true } : undefined;
}
