import fs from 'node:fs/promises';
import path from 'node:path';

import { changeEventSchema, type ChangeEvent } from '@matriz/core';
import { changesEventsKey } from '@matriz/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openTestLake, type TestLake } from './lake-fixture.ts';

const fixtures = path.join(import.meta.dirname, 'snapshot-changes');

/** Data lines of a real file without the snapshot-date column: what a month's row says. */
async function rowsOf(file: string): Promise<Set<string>> {
  const text = new TextDecoder('windows-1252').decode(await fs.readFile(path.join(fixtures, file)));
  const lines = text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.length > 0);
  return new Set(lines.map((l) => l.split(';').slice(1).join(';')));
}

describe('snapshot changes of termeletricas (2024-04-01 to 2024-07-01)', () => {
  let lake: TestLake;
  let events: ChangeEvent[];
  let summary: Awaited<ReturnType<TestLake['changes']>>;

  beforeAll(async () => {
    lake = await openTestLake();
    const from = await lake.ingest(
      'termeletricas',
      path.join(fixtures, 'termeletricas-2024-04-01.csv'),
      '2024-04-01',
    );
    const to = await lake.ingest(
      'termeletricas',
      path.join(fixtures, 'termeletricas-2024-07-01.csv'),
      '2024-07-01',
    );
    summary = await lake.changes('termeletricas', from, to);
    const text = new TextDecoder().decode(
      await lake.store.get(changesEventsKey('termeletricas', to)),
    );
    events = text
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => changeEventSchema.parse(JSON.parse(l)));
  });
  afterAll(() => lake.close());

  it('reports only the rows added in the newer file, and no update or delete', async () => {
    const older = await rowsOf('termeletricas-2024-04-01.csv');
    const newer = await rowsOf('termeletricas-2024-07-01.csv');
    const added = [...newer].filter((row) => !older.has(row));
    const gone = [...older].filter((row) => !newer.has(row));

    expect(gone).toEqual([]);
    expect(summary).toMatchObject({ from: '2024-04-01', to: '2024-07-01', updated: 0, deleted: 0 });
    expect(summary.inserted).toBe(added.length);
    expect(events.every((e) => e.kind === 'inserted' && e.from_snapshot === null)).toBe(true);

    // Same months, same plant counts as the raw lines that were added.
    const fromRaw = added
      .map((row) => {
        const f = row.split(';');
        return `${f[6]}-${f[5]!.trim()}:${f[3]}`;
      })
      .sort();
    const fromEvents = events
      .map(
        (e) =>
          `${e.record!['reference_year']}-${e.record!['reference_month']}:${e.record!['plant_count']}`,
      )
      .sort();
    expect(fromEvents).toEqual(fromRaw);
  });

  it('gives the same ids when the same pair is derived again', async () => {
    await lake.changes('termeletricas', '2024-04-01', '2024-07-01');
    const again = new TextDecoder().decode(
      await lake.store.get(changesEventsKey('termeletricas', '2024-07-01')),
    );
    expect(
      again
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).event_id),
    ).toEqual(events.map((e) => e.event_id));
  });
});
