import { DATASET_IDS, type DatasetId } from '@matriz/core';
import { createCkanDatasetSource, runPipeline } from '@matriz/pipeline';
import { z } from 'zod';

import { foldChanges, openLocalPipeline } from '../compose.ts';
import { renderSummary } from '../render/summary.ts';
import { parseCommandArgs } from './args.ts';
import type { Command } from './command.ts';

/** ANEEL's open-data portal (CKAN). */
export const LIVE_PORTAL = 'https://dadosabertos.aneel.gov.br';

export const datasetListSchema = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === 'all') return [...DATASET_IDS] as DatasetId[];
    const ids = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = ids.filter((id) => !(DATASET_IDS as readonly string[]).includes(id));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown dataset(s) \`${bad.join(', ')}\`; known: ${DATASET_IDS.join(', ')}`,
      });
      return z.NEVER;
    }
    return ids as DatasetId[];
  });

const schema = z.object({
  portal: z.url().default(LIVE_PORTAL),
  datasets: datasetListSchema,
  force: z.boolean().default(false),
  webhook: z.url().optional(),
  format: z.enum(['table', 'json']).default('table'),
  positionals: z.array(z.string()).max(0, 'run takes no positional arguments'),
});

export const runCommand: Command = {
  name: 'run',
  summary: 'Extract from the portal (live ANEEL by default), then silver, gold and the catalog.',
  usage:
    'matriz run [--portal URL] [--lake DIR] [--datasets id,id] [--force] [--webhook URL] [--format table|json]',
  async run(args, ctx) {
    const opts = parseCommandArgs(
      args,
      {
        portal: { type: 'string' },
        datasets: { type: 'string' },
        force: { type: 'boolean' },
        webhook: { type: 'string' },
        format: { type: 'string' },
      },
      schema,
    );
    const source = createCkanDatasetSource({ baseUrl: opts.portal });
    const pipeline = await openLocalPipeline(ctx, source, { webhook: opts.webhook });
    try {
      const summary = await runPipeline(pipeline.deps, {
        datasets: opts.datasets,
        force: opts.force,
      });
      await foldChanges(pipeline, ctx);
      ctx.stdout.write(
        opts.format === 'json' ? JSON.stringify(summary, null, 2) + '\n' : renderSummary(summary),
      );
      return summary.ok ? 0 : 1;
    } finally {
      await pipeline.close();
    }
  },
};
