import { changesCommand } from './changes.ts';
import type { Command } from './command.ts';
import { dashboardCommand } from './dashboard.ts';
import { demoCommand } from './demo.ts';
import { ingestCommand } from './ingest.ts';
import { qualityCommand } from './quality.ts';
import { runCommand } from './run.ts';
import { serveCommand } from './serve-wiring.ts';
import { sqlCommand } from './sql.ts';
import { statusCommand } from './status.ts';

/** Every `pnpm matriz` command, in the order `help` lists them. */
export const commands: readonly Command[] = [
  demoCommand,
  runCommand,
  ingestCommand,
  sqlCommand,
  statusCommand,
  qualityCommand,
  changesCommand,
  serveCommand,
  dashboardCommand,
];
