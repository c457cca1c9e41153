import type { Command } from './command.ts';
import { sqlCommand } from './sql.ts';

/** Every `pnpm matriz` command, in the order `help` lists them. */
export const commands: readonly Command[] = [sqlCommand];
