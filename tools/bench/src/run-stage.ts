import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { StageResult } from './stage-result.ts';
import type { StageArgs, StageName } from './stages/index.ts';

const STAGE_MAIN = fileURLToPath(new URL('./stage-main.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Runs one stage in a fresh Node process (sources through the `@matriz/source` condition, tsx
 * for TypeScript) and returns what it measured. Stderr is passed through; a failing stage throws
 * with its exit code.
 */
export async function runStage(
  name: StageName,
  args: StageArgs,
  scratch: string,
): Promise<StageResult> {
  const resultFile = path.join(scratch, `stage-${name}-${process.pid}-${Date.now()}.json`);
  const child = spawn(
    process.execPath,
    [
      '--conditions=@matriz/source',
      '--import',
      'tsx',
      STAGE_MAIN,
      name,
      resultFile,
      JSON.stringify(args),
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (exit) => resolve(exit));
  });
  if (code !== 0) throw new Error(`Bench stage \`${name}\` exited with code ${code}.`);
  try {
    return JSON.parse(await fs.readFile(resultFile, 'utf8')) as StageResult;
  } finally {
    await fs.rm(resultFile, { force: true });
  }
}
