import type { ObjectStore } from '@matriz/pipeline';

/** A stream record that can never be processed (invalid JSON, fails the event schema). */
export interface PoisonRecord {
  /** Where it came from: the stream name or event source ARN. */
  readonly source: string;
  /** Kinesis sequence number (unique per shard, so it names the letter). */
  readonly sequence: string;
  readonly partitionKey: string;
  /** The record's payload as received (UTF-8 text of the decoded base64 data). */
  readonly data: string;
  /** Stable code of the failure (`invalid_json`, `invalid_event`). */
  readonly code: string;
  /** Why it was rejected, for a person. */
  readonly reason: string;
}

/** Where poison records go so the consumer can skip them instead of retrying them forever. */
export interface DeadLetter {
  send(letter: PoisonRecord): Promise<void>;
}

/** Options of {@link ObjectStoreDeadLetter}. */
export interface ObjectStoreDeadLetterOptions {
  readonly store: ObjectStore;
  /** Key prefix of the letters (default `dead-letter/stream`). */
  readonly prefix?: string;
  readonly now?: () => Date;
}

/**
 * Dead letters as JSON objects in the lake (S3 on AWS): `dead-letter/stream/<yyyy-mm-dd>/<seq>.json`.
 * Writing is idempotent (the sequence names the object), so a retried batch writes the same
 * letter again instead of a second one. Letters can be inspected and replayed with plain S3 tools.
 */
export class ObjectStoreDeadLetter implements DeadLetter {
  readonly #store: ObjectStore;
  readonly #prefix: string;
  readonly #now: () => Date;

  constructor(options: ObjectStoreDeadLetterOptions) {
    this.#store = options.store;
    this.#prefix = (options.prefix ?? 'dead-letter/stream').replace(/\/+$/, '');
    this.#now = options.now ?? (() => new Date());
  }

  /** The key a letter is written to. */
  keyOf(letter: Pick<PoisonRecord, 'sequence'>, at: Date): string {
    const day = at.toISOString().slice(0, 10);
    const safe = letter.sequence.replace(/[^A-Za-z0-9_-]/g, '_');
    return `${this.#prefix}/${day}/${safe}.json`;
  }

  async send(letter: PoisonRecord): Promise<void> {
    const at = this.#now();
    const body = JSON.stringify({ ...letter, rejected_at: at.toISOString() }, null, 2);
    await this.#store.put(this.keyOf(letter, at), body, { contentType: 'application/json' });
  }
}
