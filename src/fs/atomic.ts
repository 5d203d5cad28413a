// Crash-safe file replacement: write a hidden temp file in the target's folder, fsync it, then rename it
// over the target. Readers see the old file or the new one, never half of either. The temp name starts
// with a dot and never matches the image or sidecar patterns, so folder scans skip it.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface WriteAtomicOptions {
  /** Permission bits for a newly created file; defaults to 0o644. */
  mode?: number;
}

/** Writes `data` to `path` atomically; on any failure the temp file is removed and the error rethrown. */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteAtomicOptions = {},
): Promise<void> {
  const folder = dirname(path);
  const temp = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/** Makes the rename itself durable. Some platforms refuse to fsync a folder; that is not an error. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort only: the data is already safely in place under its final name.
  }
}
