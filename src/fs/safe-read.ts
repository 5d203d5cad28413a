// Reads a file from the data folder only when it is a plain regular file at that exact path: a symlink
// (which could point anywhere, even outside IMG_ROOT), a folder, a FIFO or a device is treated as absent.
// Opening with O_NOFOLLOW and checking the open handle leaves no gap between the check and the read.
// The synchronous twin exists for the start-up scan, where thousands of tiny sidecars read through the
// thread pool spend most of their time in hand-offs (see scan.ts).
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

export interface FileContents {
  bytes: Buffer;
  size: number;
  mtimeMs: number;
}

/** Error codes that mean "nothing servable here" rather than a real failure. */
const ABSENT_CODES = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'EISDIR', 'ENXIO']);

// O_NONBLOCK keeps a FIFO planted in the folder from hanging the open; regular files ignore it.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * The file's bytes (the first `limit` bytes when given), size and mtime; undefined when the path is
 * missing or is not a regular file. Other failures (permissions, I/O) are thrown.
 */
export async function readRegularFile(path: string, limit?: number): Promise<FileContents | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    if (isAbsent(error)) return undefined;
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return undefined;
    const bytes =
      limit === undefined ? await handle.readFile() : await readHead(handle, Math.min(limit, info.size));
    return { bytes, size: info.size, mtimeMs: info.mtimeMs };
  } finally {
    await handle.close();
  }
}

async function readHead(handle: Awaited<ReturnType<typeof open>>, limit: number): Promise<Buffer> {
  const buffer = Buffer.alloc(limit);
  const { bytesRead } = await handle.read(buffer, 0, limit, 0);
  return buffer.subarray(0, bytesRead);
}

/** Synchronous twin of `readRegularFile`, with the same rules. */
export function readRegularFileSync(path: string, limit?: number): FileContents | undefined {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    if (isAbsent(error)) return undefined;
    throw error;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return undefined;
    const bytes = Buffer.alloc(Math.min(limit ?? info.size, info.size));
    let filled = 0;
    while (filled < bytes.length) {
      const read = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return { bytes: bytes.subarray(0, filled), size: info.size, mtimeMs: info.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

export function isAbsent(error: unknown): boolean {
  return error instanceof Error && 'code' in error && ABSENT_CODES.has(String(error.code));
}
