import { DATASET_IDS, listDatasets, type DatasetId } from '@matriz/core';
import { createCkanDatasetSource, runPipeline, type RunSummary } from '@matriz/pipeline';
import { startPortal } from '@matriz/portal';
import { z } from 'zod';

import { foldChanges, openLocalPipeline } from '../compose.ts';
import { mergeSummaries, renderSummary } from '../render/summary.ts';
import { parseCommandArgs } from './args.ts';
import type { Command } from './command.ts';

const schema = z.object({
  positionals: z.array(z.string()).max(0, 'demo takes no positional arguments'),
});

export const demoCommand: Command = {
  name: 'demo',
  summary:
    'Start the offline ANEEL portal on 127.0.0.1 and run the whole pipeline on every bundled file.',
  usage: 'matriz demo [--lake DIR]',
  async run(args, ctx) {
    parseCommandArgs(args, {}, schema);
    const portal = await startPortal({ host: '127.0.0.1', port: 0 });
    ctx.logger.info('demo.portal', { url: portal.url });
    const pipeline = await openLocalPipeline(ctx, createCkanDatasetSource({ baseUrl: portal.url }));
    try {
      // Replay history: the portal serves, at each date, the snapshots published by then, so
      // every bundled snapshot lands in bronze in order and later ones diff against earlier ones.
      const bundled = (await portal.snapshots()).map((s) => ({
        dataset: listDatasets().find((d) => d.ckan.fileName === s.fileName)?.id,
        dataDate: s.dataDate,
      }));
      const dates = [...new Set(bundled.map((s) => s.dataDate))].sort();
      const datasets = DATASET_IDS.filter((id) => bundled.some((s) => s.dataset === id));
      const runs: RunSummary[] = [];
      for (const date of dates) {
        portal.setAsOf(date);
        const published: DatasetId[] = datasets.filter((id) =>
          bundled.some((s) => s.dataset === id && s.dataDate <= date),
        );
        ctx.logger.info('demo.as_of', { date, datasets: published.join(',') });
        runs.push(await runPipeline(pipeline.deps, { datasets: published }));
      }
      await foldChanges(pipeline, ctx);
      const summary = mergeSummaries(runs);
      ctx.stdout.write(renderSummary(summary));
      const lakeArg = ` --lake ${ctx.lake}`;
      ctx.stdout.write(
        `\nThe lake is in ${ctx.lake}. Try:\n` +
          `  pnpm matriz status${lakeArg}\n` +
          `  pnpm matriz sql${lakeArg} "select generation_type, sum(capacity_kw) as kw from gold.installed_capacity where phase = 'operating' and data_date = '2022-06-01' group by 1 order by 2 desc"\n` +
          `  pnpm matriz quality${lakeArg}\n` +
          `  pnpm matriz serve${lakeArg}   (dashboard at http://127.0.0.1:8787/)\n`,
      );
      return summary.ok ? 0 : 1;
    } finally {
      await pipeline.close();
      await portal.close();
    }
  },
};
