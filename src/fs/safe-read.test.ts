import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRegularFile, readRegularFileSync } from './safe-read.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'safe-read-'));
  await writeFile(join(root, 'plain'), 'hello world');
  await symlink(join(root, 'plain'), join(root, 'link'));
  await mkdir(join(root, 'folder'));
  execFileSync('mkfifo', [join(root, 'fifo')]);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('readRegularFile', () => {
  it('reads a regular file with its size', async () => {
    const file = await readRegularFile(join(root, 'plain'));
    expect(file?.bytes.toString()).toBe('hello world');
    expect(file?.size).toBe(11);
  });

  it('reads only the first bytes when given a limit, but reports the full size', async () => {
    const file = await readRegularFile(join(root, 'plain'), 5);
    expect(file?.bytes.toString()).toBe('hello');
    expect(file?.size).toBe(11);
  });

  it.each(['missing', 'link', 'folder', 'fifo', 'plain/below'])('treats "%s" as absent', async (path) => {
    expect(await readRegularFile(join(root, path))).toBeUndefined();
  });
});

describe('readRegularFileSync', () => {
  it('reads like the async version', async () => {
    expect(readRegularFileSync(join(root, 'plain'))).toEqual(await readRegularFile(join(root, 'plain')));
    expect(readRegularFileSync(join(root, 'plain'), 5)?.bytes.toString()).toBe('hello');
  });

  it.each(['missing', 'link', 'folder', 'fifo', 'plain/below'])('treats "%s" as absent', (path) => {
    expect(readRegularFileSync(join(root, path))).toBeUndefined();
  });
});
