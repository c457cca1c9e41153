import { getDataset, listDatasets } from '@matriz/core';
import { listBronzeSnapshots } from '@matriz/pipeline';
import { openLocalLake } from '@matriz/runtime-local';
import { z } from 'zod';

import { renderRows } from '../render/table.ts';
import { requireLake } from '../compose.ts';
import { parseCommandArgs } from './args.ts';
import type { Command } from './command.ts';

const schema = z.object({
  format: z.enum(['table', 'json']).default('table'),
  positionals: z.array(z.string()).max(0, 'status takes no positional arguments'),
});

const DAY_MS = 86_400_000;

export const statusCommand: Command = {
  name: 'status',
  summary: 'Datasets, snapshots, row counts and the age of the data in the lake.',
  usage: 'matriz status [--lake DIR] [--format table|json]',
  async run(args, ctx) {
    const opts = parseCommandArgs(args, { format: { type: 'string' } }, schema);
    await requireLake(ctx.lake);
    const lake = await openLocalLake(ctx.lake);
    try {
      const tables = await lake.catalog.list();
      const now = Date.now();
      const rows = [];
      for (const def of listDatasets()) {
        const bronze = await listBronzeSnapshots(lake, def.id);
        const silver = tables.find((t) => t.layer === 'silver' && t.name === def.id);
        const latest = silver?.partitionValues.at(-1);
        let rowsLatest: number | null = null;
        let quarantined: number | null = null;
        if (latest) {
          const [r] = await lake.engine.query(
            `SELECT (SELECT count(*) FROM silver.${def.id} WHERE data_date = DATE '${latest}') AS rows, ` +
              `(SELECT count(*) FROM quarantine.${def.id} WHERE data_date = DATE '${latest}') AS quarantined`,
          );
          rowsLatest = Number(r?.['rows'] ?? 0);
          quarantined = Number(r?.['quarantined'] ?? 0);
        }
        rows.push({
          dataset: def.id,
          title: getDataset(def.id).title,
          bronze_snapshots: bronze.length,
          silver_snapshots: silver?.partitionValues.length ?? 0,
          latest_data_date: latest ?? null,
          age_days: latest ? Math.floor((now - Date.parse(latest)) / DAY_MS) : null,
          cadence: def.cadence.every,
          rows_latest: rowsLatest,
          quarantined_latest: quarantined,
          last_fetched: bronze.at(-1)?.manifest.fetched_at ?? null,
        });
      }
      ctx.stdout.write(renderRows(rows, opts.format));
      return 0;
    } finally {
      await lake.close();
    }
  },
};
