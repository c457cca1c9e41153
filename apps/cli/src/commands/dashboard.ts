import fs from 'node:fs/promises';
import path from 'node:path';

import { openLocalLake } from '@matriz/runtime-local';
import { z } from 'zod';

import { DashboardError, loadDashboardData, renderDashboard } from '../pages/dashboard/index.ts';
import { parseCommandArgs } from './args.ts';
import type { Command } from './command.ts';

const schema = z.object({
  out: z.string().min(1, 'give a file path').optional(),
  snapshot: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a SIGA data date, yyyy-mm-dd')
    .optional(),
  positionals: z.array(z.string()).max(0, 'dashboard takes no positional arguments'),
});

export const dashboardCommand: Command = {
  name: 'dashboard',
  summary: "Write a self-contained HTML page of Brazil's generation capacity from the lake.",
  usage: 'matriz dashboard [--lake DIR] [--out FILE] [--snapshot yyyy-mm-dd]',
  async run(args, ctx) {
    const opts = parseCommandArgs(
      args,
      { out: { type: 'string' }, snapshot: { type: 'string' } },
      schema,
    );
    const out = opts.out
      ? path.resolve(ctx.env['INIT_CWD'] ?? process.cwd(), opts.out)
      : path.join(ctx.lake, 'dashboard.html');
    const lake = await openLocalLake(ctx.lake);
    try {
      const data = await loadDashboardData(lake, { snapshot: opts.snapshot });
      if (data.freshness.every((f) => f.latestDataDate === null)) {
        throw new DashboardError(
          'empty_lake',
          `The lake \`${ctx.lake}\` holds no data yet. Run \`pnpm matriz demo --lake ${ctx.lake}\` ` +
            'or `pnpm matriz run` first.',
        );
      }
      await fs.mkdir(path.dirname(out), { recursive: true });
      await fs.writeFile(out, renderDashboard(data), 'utf8');
      ctx.logger.info('dashboard.written', {
        stage: 'dashboard',
        path: out,
        snapshot: data.snapshot?.dataDate,
      });
      ctx.stdout.write(`${out}\n`);
      return 0;
    } finally {
      await lake.close();
    }
  },
};
