import { DATASET_IDS, listDatasets, type DatasetId } from '@matriz/core';
import { readLatestQuality } from '@matriz/pipeline';
import { FsObjectStore } from '@matriz/runtime-local';
import { z } from 'zod';

import { renderQualityPage } from '../pages/quality-page.ts';
import { renderRows } from '../render/table.ts';
import { parseCommandArgs } from './args.ts';
import { requireLake } from '../compose.ts';
import type { Command } from './command.ts';

const schema = z.object({
  dataset: z.enum(DATASET_IDS).optional(),
  format: z.enum(['table', 'json', 'html']).default('table'),
  positionals: z.array(z.string()).max(0, 'quality takes no positional arguments'),
});

/**
 * `matriz quality`: the latest findings and metrics of each dataset (or one), as a table, JSON,
 * or a self-contained HTML page. Exits 1 when a shown dataset has an `error` finding.
 */
export const qualityCommand: Command = {
  name: 'quality',
  summary: 'Latest data-quality findings and metrics per dataset.',
  usage: 'matriz quality [--lake DIR] [--dataset ID] [--format table|json|html]',
  async run(args, ctx) {
    const opts = parseCommandArgs(
      args,
      { dataset: { type: 'string' }, format: { type: 'string' } },
      schema,
    );
    await requireLake(ctx.lake);
    const store = new FsObjectStore(ctx.lake);
    const ids: DatasetId[] = opts.dataset ? [opts.dataset] : listDatasets().map((d) => d.id);
    const latest = await readLatestQuality(store, ids);
    const blocking = latest.some((q) => q.findings.some((f) => f.severity === 'error'));

    if (opts.format === 'html') {
      ctx.stdout.write(renderQualityPage(latest, new Date()));
    } else if (opts.format === 'json') {
      ctx.stdout.write(JSON.stringify(latest, null, 2) + '\n');
    } else {
      const rows = latest.flatMap((q) =>
        q.findings.map((f) => ({
          dataset: q.dataset,
          snapshot: q.snapshot,
          severity: f.severity,
          code: f.code,
          column: f.column,
          message: f.message,
        })),
      );
      ctx.stdout.write(renderRows(rows, 'table'));
      const summary = latest.map((q) => ({
        dataset: q.dataset,
        snapshot: q.snapshot,
        errors: q.findings.filter((f) => f.severity === 'error').length,
        warnings: q.findings.filter((f) => f.severity === 'warning').length,
        info: q.findings.filter((f) => f.severity === 'info').length,
        metrics: q.metrics.length,
      }));
      ctx.stdout.write('\n' + renderRows(summary, 'table'));
    }
    return blocking ? 1 : 0;
  },
};
