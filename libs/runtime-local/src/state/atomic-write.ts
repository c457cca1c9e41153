import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that readers (and a restarted process) see the old or the new content, never
 * half of it: temp file in the same folder, fsync, rename over the target.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  fsync = true,
): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(tmp, 'w');
  } catch (error) {
    // The folder is created on first use only (saves a mkdir per write on the hot path).
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await fs.mkdir(path.dirname(file), { recursive: true });
    handle = await fs.open(tmp, 'w');
  }
  try {
    await handle.writeFile(data);
    if (fsync) await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/** File content as text, or undefined when it does not exist. */
export async function readFileIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
