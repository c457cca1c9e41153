import fs from 'node:fs/promises';
import path from 'node:path';

/** Thrown when a lock stays taken by a live process longer than the wait allows. */
export class LockTimeoutError extends Error {
  readonly code = 'lock_timeout';
  constructor(file: string, holder: string) {
    super(
      `Lock \`${file}\` is held by process ${holder}; stop that writer or remove the file if it is gone.`,
    );
    this.name = 'LockTimeoutError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `work` while holding an exclusive lock file (created with `wx`, holding the pid), so that
 * several processes appending to one log take turns. A lock left by a dead process is taken over.
 */
export async function withFileLock<T>(
  file: string,
  work: () => Promise<T>,
  waitMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  await fs.mkdir(path.dirname(file), { recursive: true });
  for (;;) {
    try {
      const handle = await fs.open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = (await fs.readFile(file, 'utf8').catch(() => '')).trim();
      const pid = Number(holder);
      if (holder !== '' && Number.isInteger(pid) && !alive(pid)) {
        await fs.rm(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new LockTimeoutError(file, holder || 'unknown');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(file, { force: true });
  }
}
