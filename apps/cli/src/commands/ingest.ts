import fs from 'node:fs/promises';
import path from 'node:path';

import { DATASET_IDS } from '@matriz/core';
import { ingestFileToBronze, runPipeline } from '@matriz/pipeline';
import { z } from 'zod';

import { foldChanges, noSource, openLocalPipeline } from '../compose.ts';
import { renderSummary } from '../render/summary.ts';
import { parseCommandArgs, UsageError } from './args.ts';
import type { Command } from './command.ts';

const schema = z.object({
  dataset: z.enum(DATASET_IDS, { error: `expected one of ${DATASET_IDS.join(', ')}` }),
  positionals: z.array(z.string()).length(1, 'give exactly one FILE'),
});

export const ingestCommand: Command = {
  name: 'ingest',
  summary:
    'Make a file downloaded by hand a bronze snapshot, then run silver, gold and the catalog.',
  usage: 'matriz ingest --dataset ID [--lake DIR] FILE',
  async run(args, ctx) {
    const opts = parseCommandArgs(args, { dataset: { type: 'string' } }, schema);
    const file = path.resolve(ctx.env['INIT_CWD'] ?? process.cwd(), opts.positionals[0]!);
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile()) throw new UsageError(`\`${file}\` is not a readable file`);
    const pipeline = await openLocalPipeline(ctx, noSource);
    try {
      const extract = await ingestFileToBronze(pipeline.deps, opts.dataset, file);
      ctx.logger.info('ingest.bronze', {
        dataset: opts.dataset,
        status: extract.status,
        data_date: extract.snapshot?.dataDate,
      });
      const summary = await runPipeline(pipeline.deps, {
        datasets: [opts.dataset],
        skipExtract: true,
      });
      await foldChanges(pipeline, ctx);
      ctx.stdout.write(renderSummary(summary));
      return summary.ok ? 0 : 1;
    } finally {
      await pipeline.close();
    }
  },
};
