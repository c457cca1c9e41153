import { parseArgs, type ParseArgsConfig } from 'node:util';

import { z } from 'zod';

/** A usage error: the CLI prints it with the command's usage and exits 2. */
export class UsageError extends Error {
  readonly code = 'usage';
}

/**
 * Parses argv with node's parseArgs, then validates and normalises the values with a zod schema,
 * so command bodies never re-check for undefined.
 */
export function parseCommandArgs<S extends z.ZodType>(
  args: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
  schema: S,
): z.infer<S> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const result = schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `--${issue.path.join('.')}` : 'arguments';
    throw new UsageError(`${where}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

export const formatSchema = z.enum(['table', 'json', 'csv']).default('table');
