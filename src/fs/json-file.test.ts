import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { moveAside, readJsonFile } from './json-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'json-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const schema = z.object({ count: z.number() });

describe('readJsonFile', () => {
  it('returns the checked value of a good file', async () => {
    await writeFile(join(dir, 'a.json'), '{"count": 3}');
    expect(await readJsonFile(join(dir, 'a.json'), schema, 'not a counter')).toEqual({
      kind: 'ok',
      value: { count: 3 },
    });
  });

  it('reports a missing file as missing', async () => {
    expect(await readJsonFile(join(dir, 'none.json'), schema, 'x')).toEqual({ kind: 'missing' });
  });

  it.each([
    ['bad JSON', '{"count": ', 'not valid JSON'],
    ['a schema mismatch', '{"count": "three"}', 'not a counter: '],
  ])('reports %s as corrupt with a reason', async (_label, text, reason) => {
    await writeFile(join(dir, 'a.json'), text);
    const state = await readJsonFile(join(dir, 'a.json'), schema, 'not a counter');
    expect(state).toMatchObject({ kind: 'corrupt', reason: expect.stringContaining(reason) });
  });
});

describe('moveAside', () => {
  it('keeps the damaged file under a dated name and frees the original name', async () => {
    const path = join(dir, 'prefs.json');
    await writeFile(path, 'garbage');
    const target = await moveAside(path, new Date('2026-03-01T12:34:56.789Z'));
    expect(target).toBe(`${path}.corrupt-2026-03-01T12-34-56-789Z`);
    expect(await readdir(dir)).toEqual(['prefs.json.corrupt-2026-03-01T12-34-56-789Z']);
    expect(await readFile(target, 'utf8')).toBe('garbage');
  });
});
