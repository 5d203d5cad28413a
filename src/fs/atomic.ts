// Crash-safe file replacement: write a hidden temp file in the target's folder, fsync it, then rename it
// over the target. Readers see the old file or the new one, never half of either. The temp name starts
// with a dot and never matches the image or sidecar patterns, so folder scans skip it, and start-up
// clean-up can recognise it (TEMP_FILE_PATTERN) and tell which file it was meant to become.
//
// Only the fsyncs, which wait for the disk, go to libuv's thread pool. Opening, copying the bytes into
// the page cache, closing and renaming are done synchronously: each takes microseconds, while a thread
// pool round trip costs a whole event-loop turn, which on a server busy serving images is milliseconds.
// So a durable write costs one round trip, not four, and a save under load finishes in a fraction of
// the time (the soak figures in docs/performance.md).
import { randomBytes } from 'node:crypto';
import { closeSync, fsync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const fsyncFd = promisify(fsync);

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
    renameSync(temp, path);
  } catch (error) {
    removeQuietly(temp);
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
  await writeAndSync(path, 'wx', data, options.mode ?? 0o644);
}

/**
 * Opens `path` with `flags`, writes all of `data` and fsyncs before closing. The one primitive behind
 * every durable write here, and behind the spend ledger's appends.
 */
export async function writeAndSync(
  path: string,
  flags: string | number,
  data: string | Uint8Array,
  mode = 0o644,
): Promise<void> {
  const fd = openSync(path, flags, mode);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let written = 0; written < bytes.length; )
      written += writeSync(fd, bytes, written, bytes.length - written);
    await fsyncFd(fd);
  } finally {
    closeSync(fd);
  }
}

/** Renames a fully written file into place and makes the rename itself durable. */
export async function renameDurably(from: string, to: string): Promise<void> {
  renameSync(from, to);
  await syncFolder(dirname(to));
}

/** Removes a file if it is there; never throws (for clean-up after a failure). */
export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or never created: either way there is nothing left to clean.
  }
}

/** Makes a rename durable. Some platforms refuse to fsync a folder; that is not an error. */
async function syncFolder(folder: string): Promise<void> {
  let fd: number;
  try {
    fd = openSync(folder, 'r');
  } catch {
    return;
  }
  try {
    await fsyncFd(fd);
  } catch {
    // Best effort only: the data is already safely in place under its final name.
  } finally {
    closeSync(fd);
  }
}
