import fs from 'node:fs/promises';
import path from 'node:path';

import type { ReceivedRecord, StreamProducer, StreamRecord } from '@matriz/pipeline';

import { readFileIfExists, writeFileAtomic } from '../state/atomic-write.ts';
import { withFileLock } from './file-lock.ts';

/** Where a consumer stands: the byte after its last processed record. */
export interface LogPosition {
  /** Segment file name (`<first sequence>.jsonl`); empty before the first segment. */
  readonly segment: string;
  readonly offset: number;
  /** Sequence of the last record before this position; empty at the beginning. */
  readonly sequence: string;
}

/** A batch read for one consumer. */
export interface LogBatch {
  readonly records: readonly ReceivedRecord[];
  /** `after[i]` is the position right after `records[i]` (commit it to acknowledge up to i). */
  readonly after: readonly LogPosition[];
  /** Position after the whole batch. */
  readonly next: LogPosition;
}

export interface FileLogOptions {
  /** A new segment starts once the current one reaches this size (default 64 MiB). */
  readonly segmentBytes?: number;
  /** fsync every append and checkpoint (default true). */
  readonly fsync?: boolean;
}

const START: LogPosition = { segment: '', offset: 0, sequence: '' };
const SEQUENCE_DIGITS = 16;
const READ_CHUNK = 1 << 20;

/** Thrown when a consumer name could not be a file name. */
export class ConsumerNameError extends Error {
  readonly code = 'consumer_name_invalid';
  constructor(name: string) {
    super(`Consumer name \`${name}\` is not valid; use letters, digits, '-', '_' or '.'.`);
    this.name = 'ConsumerNameError';
  }
}

interface Line {
  s: string;
  k: string;
  d: string;
}

/**
 * The local change stream: an append-only, replayable log of JSON lines under one folder,
 * `segments/<first sequence>.jsonl`, with per-consumer checkpoints in `checkpoints/<name>.json`.
 *
 * Appends take a lock file, are written in one call and fsync'd before they resolve; sequence
 * numbers are 16-digit, zero-padded and strictly increasing. A line cut short by a crash is never
 * delivered and is cut off by the next append. Consumers read batches of at most N records from
 * their checkpoint and commit after processing (at-least-once, like a Kinesis trigger); a reset
 * replays from the beginning.
 */
export class FileLog implements StreamProducer {
  readonly root: string;
  private readonly segmentBytes: number;
  private readonly fsync: boolean;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(root: string, options: FileLogOptions = {}) {
    this.root = path.resolve(root);
    this.segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    this.fsync = options.fsync ?? true;
  }

  private get segmentsDir(): string {
    return path.join(this.root, 'segments');
  }

  /** Appends records in order; resolves with their sequences once they are on disk. */
  publish(records: readonly StreamRecord[]): Promise<{ sequences: string[] }> {
    const run = this.queue.then(() =>
      withFileLock(path.join(this.root, '.append.lock'), () => this.appendLocked(records)),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Same as {@link publish}. */
  append(records: readonly StreamRecord[]): Promise<{ sequences: string[] }> {
    return this.publish(records);
  }

  private async appendLocked(records: readonly StreamRecord[]): Promise<{ sequences: string[] }> {
    if (records.length === 0) return { sequences: [] };
    await fs.mkdir(this.segmentsDir, { recursive: true });
    const segments = await this.segments();
    let segment = segments.at(-1);
    let last = 0n;
    let size = 0;
    if (segment) {
      const tail = await this.repairTail(segment);
      last = tail.lastSequence ?? BigInt(segment.slice(0, SEQUENCE_DIGITS)) - 1n;
      size = tail.size;
    }

    const sequences: string[] = [];
    const text = records
      .map((r) => {
        last += 1n;
        const s = last.toString().padStart(SEQUENCE_DIGITS, '0');
        sequences.push(s);
        const line: Line = { s, k: r.partitionKey, d: r.data };
        return JSON.stringify(line) + '\n';
      })
      .join('');
    if (!segment || size >= this.segmentBytes) segment = `${sequences[0]}.jsonl`;

    const handle = await fs.open(path.join(this.segmentsDir, segment), 'a');
    try {
      await handle.writeFile(text);
      if (this.fsync) await handle.sync();
    } finally {
      await handle.close();
    }
    return { sequences };
  }

  /** Cuts a torn last line off a segment; returns the last whole sequence and the size. */
  private async repairTail(segment: string): Promise<{ lastSequence?: bigint; size: number }> {
    const file = path.join(this.segmentsDir, segment);
    const handle = await fs.open(file, 'r+');
    try {
      const { size } = await handle.stat();
      let end = size;
      let tail = '';
      let position = size;
      // Walk back until the last complete line is in view.
      while (position > 0) {
        const length = Math.min(64 * 1024, position);
        position -= length;
        const buffer = Buffer.alloc(length);
        await handle.read(buffer, 0, length, position);
        tail = buffer.toString('utf8') + tail;
        const lines = tail.split('\n');
        if (lines.length >= 3 || (position === 0 && lines.length >= 2)) break;
      }
      const cut = tail.lastIndexOf('\n');
      if (cut !== tail.length - 1) {
        end = size - (tail.length - cut - 1);
        if (cut === -1) end = 0;
        await handle.truncate(end);
        if (this.fsync) await handle.sync();
      }
      const complete = tail.slice(0, cut === -1 ? 0 : cut).split('\n');
      const lastLine = complete.at(-1);
      if (!lastLine) return { size: end };
      return { lastSequence: BigInt((JSON.parse(lastLine) as Line).s), size: end };
    } finally {
      await handle.close();
    }
  }

  private async segments(): Promise<string[]> {
    try {
      return (await fs.readdir(this.segmentsDir)).filter((f) => f.endsWith('.jsonl')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private checkpointFile(consumer: string): string {
    if (!/^[A-Za-z0-9._-]+$/.test(consumer) || consumer.startsWith('.'))
      throw new ConsumerNameError(consumer);
    return path.join(this.root, 'checkpoints', `${consumer}.json`);
  }

  /** The consumer's committed position (the beginning when it never committed). */
  async checkpoint(consumer: string): Promise<LogPosition> {
    const text = await readFileIfExists(this.checkpointFile(consumer));
    return text ? (JSON.parse(text) as LogPosition) : START;
  }

  /** Acknowledges everything before `position` for the consumer. */
  async commit(consumer: string, position: LogPosition): Promise<void> {
    await writeFileAtomic(
      this.checkpointFile(consumer),
      JSON.stringify(position) + '\n',
      this.fsync,
    );
  }

  /** Forgets the consumer's checkpoint: its next read replays the log from the beginning. */
  async reset(consumer: string): Promise<void> {
    await fs.rm(this.checkpointFile(consumer), { force: true });
  }

  /**
   * Reads up to `max` records after the consumer's checkpoint (or after `from`). Nothing is
   * acknowledged until {@link commit}.
   */
  async read(consumer: string, options: { max: number; from?: LogPosition }): Promise<LogBatch> {
    const start = options.from ?? (await this.checkpoint(consumer));
    const records: ReceivedRecord[] = [];
    const after: LogPosition[] = [];
    const segments = await this.segments();
    let index = start.segment === '' ? 0 : segments.indexOf(start.segment);
    if (index === -1) index = segments.findIndex((s) => s > start.segment);
    let offset = start.segment === '' || segments[index] !== start.segment ? 0 : start.offset;

    while (index !== -1 && index < segments.length && records.length < options.max) {
      const segment = segments[index]!;
      offset = await this.readSegment(
        segment,
        offset,
        options.max - records.length,
        records,
        after,
      );
      if (records.length < options.max) {
        index += 1;
        offset = 0;
      }
    }
    return { records, after, next: after.at(-1) ?? start };
  }

  private async readSegment(
    segment: string,
    offset: number,
    max: number,
    records: ReceivedRecord[],
    after: LogPosition[],
  ): Promise<number> {
    const handle = await fs.open(path.join(this.segmentsDir, segment), 'r');
    try {
      let position = offset;
      let carry = Buffer.alloc(0);
      let taken = 0;
      for (;;) {
        const buffer = Buffer.alloc(READ_CHUNK);
        const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, position + carry.length);
        if (bytesRead === 0) return position;
        let data = Buffer.concat([carry, buffer.subarray(0, bytesRead)]);
        let newline = data.indexOf(0x0a);
        while (newline !== -1 && taken < max) {
          const line = JSON.parse(data.subarray(0, newline).toString('utf8')) as Line;
          position += newline + 1;
          records.push({ sequence: line.s, partitionKey: line.k, data: line.d });
          after.push({ segment, offset: position, sequence: line.s });
          taken += 1;
          data = data.subarray(newline + 1);
          newline = data.indexOf(0x0a);
        }
        if (taken >= max) return position;
        carry = data;
      }
    } finally {
      await handle.close();
    }
  }
}
