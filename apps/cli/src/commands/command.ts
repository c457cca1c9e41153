import type { Writable } from 'node:stream';

import type { Logger } from '@matriz/pipeline';

/** What every CLI command receives: parsed global options and the process's streams. */
export interface CommandContext {
  /** Lake root directory (absolute). */
  readonly lake: string;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** True when stderr is a terminal: show progress; otherwise stay quiet and structured. */
  readonly interactive: boolean;
  readonly logger: Logger;
  /** Environment variables (tokens, portal URL overrides). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * One `pnpm matriz <name>` command. `run` parses its own arguments (with zod), calls library
 * code, renders the result and returns the process exit code.
 */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(args: readonly string[], context: CommandContext): Promise<number>;
}
