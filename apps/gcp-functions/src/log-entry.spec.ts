import { describe, expect, it } from 'vitest';

import { silverTargetOf } from './log-entry.ts';

const load = (table: string) => ({
  protoPayload: {
    metadata: { jobChange: { job: { jobConfig: { loadConfig: { destinationTable: table } } } } },
  },
});

describe('silverTargetOf', () => {
  it('reads the dataset and the data date from a partition load', () => {
    expect(
      silverTargetOf(
        load('projects/p-1/datasets/matriz_silver/tables/siga$20261001'),
        'matriz_silver',
      ),
    ).toEqual({
      dataset: 'siga',
      dataDate: '2026-10-01',
      table: 'projects/p-1/datasets/matriz_silver/tables/siga$20261001',
    });
  });

  it('reads a table creation without a date (the latest snapshot)', () => {
    const entry = {
      protoPayload: {
        metadata: {
          tableCreation: { table: { tableName: 'projects/p-1/datasets/matriz_silver/tables/gd' } },
        },
      },
    };
    expect(silverTargetOf(entry, 'matriz_silver')).toEqual({
      dataset: 'gd',
      table: 'projects/p-1/datasets/matriz_silver/tables/gd',
    });
  });

  it.each([
    ['a gold table', load('projects/p-1/datasets/matriz_gold/tables/installed_capacity')],
    ['an unknown silver table', load('projects/p-1/datasets/matriz_silver/tables/other$20261001')],
    ['an entry without a table', { protoPayload: { metadata: {} } }],
    ['not an audit entry', { textPayload: 'hello' }],
  ])('refuses %s as unrelated', (_name, entry) => {
    expect(() => silverTargetOf(entry, 'matriz_silver')).toThrow(
      expect.objectContaining({ code: 'unrelated_log_entry' }),
    );
  });
});
