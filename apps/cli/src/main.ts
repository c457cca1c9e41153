#!/usr/bin/env node
// `pnpm matriz <command>`: the local composition root. Parses global options, builds the context
// and dispatches to one command; every error becomes a clear message and a non-zero exit code.
import path from 'node:path';

import { createStreamLogger } from '@matriz/runtime-local';

import { UsageError } from './commands/args.ts';
import type { Command, CommandContext } from './commands/command.ts';
import { commands } from './commands/index.ts';

async function main(argv: readonly string[]): Promise<number> {
  const { lake, rest } = takeLakeOption(argv);
  const [name, ...args] = rest;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(help(commands));
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`Unknown command \`${name}\`. Run \`pnpm matriz help\` for the list.\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.summary}\nusage: ${command.usage}\n`);
    return 0;
  }
  const interactive = Boolean(process.stderr.isTTY) && process.env['CI'] !== 'true';
  const context: CommandContext = {
    lake,
    stdout: process.stdout,
    stderr: process.stderr,
    interactive,
    logger: createStreamLogger(process.stderr, {
      format: interactive ? 'pretty' : 'json',
      level: process.env['MATRIZ_LOG_LEVEL'] === 'debug' ? 'debug' : 'info',
    }),
    env: process.env,
  };
  try {
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    const code = (error as { code?: unknown }).code;
    process.stderr.write(
      `matriz ${name} failed${typeof code === 'string' ? ` [${code}]` : ''}: ${(error as Error).message}\n`,
    );
    if (process.env['MATRIZ_LOG_LEVEL'] === 'debug')
      process.stderr.write(`${(error as Error).stack}\n`);
    return 1;
  }
}

/** `--lake DIR` may stand anywhere; default `$MATRIZ_LAKE` or `./lake`. */
function takeLakeOption(argv: readonly string[]): { lake: string; rest: string[] } {
  const rest: string[] = [];
  let lake = process.env['MATRIZ_LAKE'] ?? 'lake';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--lake') {
      const value = argv[++i];
      if (!value) throw new UsageError('--lake needs a directory');
      lake = value;
    } else if (arg.startsWith('--lake=')) {
      lake = arg.slice('--lake='.length);
    } else {
      rest.push(arg);
    }
  }
  return { lake: path.resolve(process.env['INIT_CWD'] ?? process.cwd(), lake), rest };
}

function help(list: readonly Command[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    'Matriz: ANEEL generation open data as a bronze/silver/gold lake.',
    '',
    'usage: pnpm matriz <command> [--lake DIR] [options]',
    '',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `pnpm matriz <command> --help` for a command's options.",
    '',
  ].join('\n');
}

// `pnpm matriz changes ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
