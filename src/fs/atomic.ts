// Crash-safe file replacement: write a hidden temp file in the target's folder, fsync it, then rename it
// over the target. Readers see the old file or the new one, never half of either. The temp name starts
// with a dot and never matches the image or sidecar patterns, so folder scans skip it, and start-up
// clean-up can recognise it (TEMP_FILE_PATTERN) and tell which file it was meant to become.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface WriteAtomicOptions {
  /** Permission bits for a newly created file; defaults to 0o644. */
  mode?: number;
}

/** `.{target name}.{12 hex}.tmp`; the first group is the name the temp file was meant to become. */
export const TEMP_FILE_PATTERN = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

/** A fresh hidden temp path beside `path`. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes `data` to `path` atomically; on any failure the temp file is removed and the error rethrown. */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteAtomicOptions = {},
): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await writeFileDurably(temp, data, options);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path));
}

/**
 * Creates `path` (it must not exist), writes `data` and fsyncs it: once this resolves the bytes are on
 * disk in full. For callers that rename the file into place themselves, later (see `renameDurably`).
 */
export async function writeFileDurably(
  path: string,
  data: string | Uint8Array,
  options: WriteAtomicOptions = {},
): Promise<void> {
  const handle = await open(path, 'wx', options.mode ?? 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Renames a fully written file into place and makes the rename itself durable. */
export async function renameDurably(from: string, to: string): Promise<void> {
  await rename(from, to);
  await syncFolder(dirname(to));
}

/** Makes a rename durable. Some platforms refuse to fsync a folder; that is not an error. */
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
