import { ReadOnlySqlError } from '@matriz/duckdb';
import { openLocalLake } from '@matriz/runtime-local';
import { z } from 'zod';

import { renderRows } from '../render/table.ts';
import { requireLake } from '../compose.ts';
import { formatSchema, parseCommandArgs, UsageError } from './args.ts';
import type { Command } from './command.ts';

const schema = z.object({
  format: formatSchema,
  positionals: z.array(z.string()).length(1, 'give exactly one SQL statement, quoted'),
});

export const sqlCommand: Command = {
  name: 'sql',
  summary:
    'Run one read-only SQL statement over the lake (silver.<dataset>, gold.<table>, quarantine.<dataset>).',
  usage: 'matriz sql [--lake DIR] [--format table|json|csv] "SQL"',
  async run(args, ctx) {
    const opts = parseCommandArgs(args, { format: { type: 'string' } }, schema);
    const sql = opts.positionals[0]!;
    if (sql.trim() === '') throw new UsageError('the SQL statement is empty');
    await requireLake(ctx.lake);
    const lake = await openLocalLake(ctx.lake);
    try {
      let rows;
      try {
        rows = await lake.engine.queryReadOnly(sql);
      } catch (error) {
        if (error instanceof ReadOnlySqlError) throw new UsageError(error.message);
        throw error;
      }
      ctx.stdout.write(renderRows(rows, opts.format));
      return 0;
    } finally {
      await lake.close();
    }
  },
};
