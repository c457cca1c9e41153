import { createHash } from 'node:crypto';

import type { Storage } from '@google-cloud/storage';
import type { ChangeEvent } from '@matriz/core';
import {
  applyEventToEntry,
  type ApplyOutcome,
  type EntityState,
  type StateStore,
} from '@matriz/pipeline';

import { GcpRuntimeError, statusOf } from '../errors.ts';

/** One key's document: its latest state and every applied event, ordered by snapshot date. */
interface KeyDocument {
  latest: EntityState | null;
  history: ChangeEvent[];
}

export interface GcsStateStoreOptions {
  readonly storage: Storage;
  /** The `state` bucket of the lake. */
  readonly bucket: string;
  /** Attempts when another writer changed the same key in between (default 5). */
  readonly maxAttempts?: number;
}

/**
 * Latest state and change history per entity on Cloud Storage: one JSON object per key at
 * `state/<dataset>/<h2>/<sha256(key)>.json`. Each write is conditional on the generation read
 * (`ifGenerationMatch`, 0 for a new key), so two consumers applying events of the same key at
 * once never lose one: the loser re-reads and re-applies. Idempotent by event id; an event older
 * than the latest state is kept in history as `stale`.
 */
export class GcsStateStore implements StateStore {
  readonly #storage: Storage;
  readonly #bucket: string;
  readonly #maxAttempts: number;

  constructor(options: GcsStateStoreOptions) {
    this.#storage = options.storage;
    this.#bucket = options.bucket;
    this.#maxAttempts = options.maxAttempts ?? 5;
  }

  /** Object name holding a key. */
  objectName(dataset: string, key: string): string {
    if (!/^[a-z0-9_]+$/.test(dataset)) {
      throw new GcpRuntimeError(
        'gcs_request_failed',
        `Dataset \`${dataset}\` is not a registry dataset id; pass an id such as \`siga\`.`,
      );
    }
    const hash = createHash('sha256').update(key).digest('hex');
    return `state/${dataset}/${hash.slice(0, 2)}/${hash}.json`;
  }

  async apply(event: ChangeEvent): Promise<ApplyOutcome> {
    const name = this.objectName(event.dataset, event.key);
    const file = this.#storage.bucket(this.#bucket).file(name);
    for (let attempt = 1; ; attempt++) {
      const { doc, generation } = await this.#read(name);
      const outcome = applyTo(doc, event);
      if (outcome === 'duplicate') return outcome;
      try {
        await file.save(JSON.stringify(doc), {
          resumable: false,
          contentType: 'application/json',
          preconditionOpts: { ifGenerationMatch: generation },
        });
        return outcome;
      } catch (error) {
        if (statusOf(error) === 412 && attempt < this.#maxAttempts) continue;
        throw new GcpRuntimeError(
          'gcs_request_failed',
          `Writing the state of \`${event.dataset}\` key \`${event.key}\` to \`gs://${this.#bucket}/${name}\` failed after ${attempt} attempt(s): ${
            error instanceof Error ? error.message : String(error)
          }. Let the subscription redeliver the event; the write is idempotent.`,
          { cause: error },
        );
      }
    }
  }

  async latest(dataset: string, key: string): Promise<EntityState | undefined> {
    return (await this.#read(this.objectName(dataset, key))).doc.latest ?? undefined;
  }

  async history(dataset: string, key: string): Promise<ChangeEvent[]> {
    return (await this.#read(this.objectName(dataset, key))).doc.history;
  }

  async #read(name: string): Promise<{ doc: KeyDocument; generation: number }> {
    const bucket = this.#storage.bucket(this.#bucket);
    for (let attempt = 1; ; attempt++) {
      try {
        const [metadata] = await bucket.file(name).getMetadata();
        const generation = Number(metadata.generation);
        // Read exactly the generation the write will be conditional on.
        const [data] = await bucket.file(name, { generation }).download();
        return { doc: JSON.parse(data.toString('utf8')) as KeyDocument, generation };
      } catch (error) {
        if (statusOf(error) !== 404) {
          throw new GcpRuntimeError(
            'gcs_request_failed',
            `Reading \`gs://${this.#bucket}/${name}\` failed: ${error instanceof Error ? error.message : String(error)}. Check the consumer's service account has objectUser on the state bucket.`,
            { cause: error },
          );
        }
        // Missing, or replaced between the two requests: look again.
        const [exists] = await bucket.file(name).exists();
        if (!exists) return { doc: { latest: null, history: [] }, generation: 0 };
        if (attempt >= this.#maxAttempts) throw error;
      }
    }
  }
}

function applyTo(doc: KeyDocument, event: ChangeEvent): ApplyOutcome {
  return applyEventToEntry(doc, event);
}
