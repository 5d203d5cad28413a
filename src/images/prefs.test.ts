import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCapturingLogger } from '../../test/helpers/image-fixtures.js';
import type { ModelAlias } from '../models/index.js';
import { createPrefsStore, type PrefsStore } from './prefs.js';

const NOW = new Date('2026-03-01T12:34:56.789Z');
let root: string;
let capture: ReturnType<typeof createCapturingLogger>;
let prefs: PrefsStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'prefs-'));
  capture = createCapturingLogger();
  prefs = createPrefsStore({ root, logger: capture.logger, clock: () => NOW });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const readPrefsFile = async (): Promise<Record<string, unknown>> =>
  z.record(z.string(), z.unknown()).parse(JSON.parse(await readFile(join(root, 'prefs.json'), 'utf8')));

describe('prefs store', () => {
  it('has no default before one is chosen and no file is written by reading', async () => {
    expect(await prefs.getDefaultModel('ada@example.com')).toBeUndefined();
    expect(await prefs.all()).toEqual({});
    expect(await readdir(root)).toEqual([]);
  });

  it('stores a default under the trimmed, lower-cased e-mail', async () => {
    await prefs.setDefaultModel('  Ada@Example.COM ', 'pro');
    expect(await prefs.getDefaultModel('ada@example.com')).toBe('pro');
    expect(await prefs.getDefaultModel('ADA@example.com')).toBe('pro');
    expect(await readPrefsFile()).toEqual({ 'ada@example.com': { model: 'pro' } });
  });

  it('survives a restart', async () => {
    await prefs.setDefaultModel('ada@example.com', 'pro');
    const reopened = createPrefsStore({ root, logger: capture.logger });
    expect(await reopened.getDefaultModel('ada@example.com')).toBe('pro');
  });

  it('loses no update when 50 people save at once', async () => {
    const emails = Array.from({ length: 50 }, (_, i) => `user${i}@example.com`);
    const aliasOf = (i: number): ModelAlias => (i % 2 === 0 ? 'pro' : 'flash');
    await Promise.all(emails.map((email, i) => prefs.setDefaultModel(email, aliasOf(i))));
    const expected = Object.fromEntries(emails.map((email, i) => [email, { model: aliasOf(i) }]));
    expect(await readPrefsFile()).toEqual(expected);
    expect(await prefs.all()).toEqual(expected);
    expect(await readdir(root)).toEqual(['prefs.json']);
  });

  it('keeps entries written by another process since the last read', async () => {
    await prefs.setDefaultModel('ada@example.com', 'pro');
    await writeFile(
      join(root, 'prefs.json'),
      JSON.stringify({ 'ada@example.com': { model: 'pro' }, 'bob@example.com': { model: 'flash' } }),
    );
    await prefs.setDefaultModel('cy@example.com', 'pro');
    expect(Object.keys(await readPrefsFile()).sort()).toEqual([
      'ada@example.com',
      'bob@example.com',
      'cy@example.com',
    ]);
  });

  it('keeps unknown fields of an entry when changing its model', async () => {
    await writeFile(
      join(root, 'prefs.json'),
      JSON.stringify({ 'ada@example.com': { model: 'flash', theme: 'dark' } }),
    );
    await prefs.setDefaultModel('ada@example.com', 'pro');
    expect(await readPrefsFile()).toEqual({ 'ada@example.com': { model: 'pro', theme: 'dark' } });
  });

  it('reads hand-edited e-mail keys case-insensitively', async () => {
    await writeFile(join(root, 'prefs.json'), JSON.stringify({ ' Bob@Example.com': { model: 'pro' } }));
    expect(await prefs.getDefaultModel('bob@example.com')).toBe('pro');
  });

  it.each([
    ['corrupt JSON', '{"ada@example.com": {"model": "pro"'],
    ['a foreign shape', JSON.stringify({ 'ada@example.com': 'pro' })],
    ['an unknown model', JSON.stringify({ 'ada@example.com': { model: 'ultra' } })],
    ['a JSON array', '[]'],
  ])('reads %s as empty and moves it aside before the next write', async (_label, text) => {
    await writeFile(join(root, 'prefs.json'), text);
    expect(await prefs.getDefaultModel('ada@example.com')).toBeUndefined();
    expect(capture.warnings()).toEqual([
      expect.objectContaining({ file: 'prefs.json', msg: 'prefs file unusable; reading it as empty' }),
    ]);

    await prefs.setDefaultModel('bob@example.com', 'pro');
    const aside = 'prefs.json.corrupt-2026-03-01T12-34-56-789Z';
    expect((await readdir(root)).sort()).toEqual(['prefs.json', aside]);
    expect(await readFile(join(root, aside), 'utf8')).toBe(text);
    expect(await readPrefsFile()).toEqual({ 'bob@example.com': { model: 'pro' } });
    expect(capture.warnings().at(-1)).toMatchObject({
      movedTo: join(root, aside),
      msg: 'moved unusable prefs file aside before writing',
    });
  });

  it.each([
    ['an empty e-mail', '   ', 'flash', 'An e-mail address is needed to store a default model.'],
    [
      'an unknown model',
      'ada@example.com',
      'ultra',
      'Unknown model "ultra"; choose one of flash, pro, lite.',
    ],
  ])('refuses %s', async (_label, email, alias, message) => {
    // @ts-expect-error: a value from outside may not be a ModelAlias at run time.
    const attempt: Promise<void> = prefs.setDefaultModel(email, alias === 'flash' ? 'flash' : alias);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid_argument', message });
    expect(await readdir(root)).toEqual([]);
  });

  it('keeps serving the queue after a write fails', async () => {
    await mkdir(join(root, 'prefs.json', 'in-the-way'), { recursive: true });
    await expect(prefs.setDefaultModel('ada@example.com', 'pro')).rejects.toMatchObject({
      code: 'internal',
      message: 'Could not save prefs.json; check that the data folder is writable.',
    });
    await rm(join(root, 'prefs.json'), { recursive: true });
    await prefs.setDefaultModel('bob@example.com', 'flash');
    expect(await readPrefsFile()).toEqual({ 'bob@example.com': { model: 'flash' } });
    expect(await prefs.getDefaultModel('bob@example.com')).toBe('flash');
  });
});
