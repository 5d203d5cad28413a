import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it.each([
    ['a string', 'hello\n', Buffer.from('hello\n')],
    ['bytes', Uint8Array.from([0, 1, 2, 255]), Buffer.from([0, 1, 2, 255])],
  ])('writes %s and leaves only the target in the folder', async (_label, data, expected) => {
    const target = join(dir, 'out.bin');
    await writeFileAtomic(target, data);
    expect(await readFile(target)).toEqual(expected);
    expect(await readdir(dir)).toEqual(['out.bin']);
  });

  it('replaces an existing file in one step', async () => {
    const target = join(dir, 'prefs.json');
    await writeFile(target, '{"old":true}');
    await writeFileAtomic(target, '{"new":true}');
    expect(await readFile(target, 'utf8')).toBe('{"new":true}');
    expect(await readdir(dir)).toEqual(['prefs.json']);
  });

  it('applies the requested permission bits to a new file', async () => {
    const target = join(dir, 'private.json');
    await writeFileAtomic(target, '{}', { mode: 0o600 });
    expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it('removes its temp file and rethrows when the rename fails', async () => {
    const target = join(dir, 'taken');
    await mkdir(target);
    await writeFile(join(target, 'keep'), 'x');
    await expect(writeFileAtomic(target, 'data')).rejects.toMatchObject({
      code: expect.stringMatching(/^E/),
    });
    expect(await readdir(dir)).toEqual(['taken']);
  });

  it('creates nothing when the folder does not exist', async () => {
    const target = join(dir, 'missing', 'file.json');
    await expect(writeFileAtomic(target, '{}')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).toEqual([]);
  });
});
