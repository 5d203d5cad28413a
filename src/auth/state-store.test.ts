import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCapturingLogger } from '../../test/helpers/image-fixtures.js';
import { writeFileAtomic } from '../fs/index.js';
import {
  type AuthState,
  type AuthStateStoreOptions,
  EMPTY_AUTH_STATE,
  openAuthStateStore,
} from './state-store.js';

/** 2026-03-01T12:34:56.789Z, in epoch milliseconds. */
const NOW_MS = Date.UTC(2026, 2, 1, 12, 34, 56, 789);
const NOW_SEC = NOW_MS / 1000;
const LATER = NOW_SEC + 3600;
const EARLIER = NOW_SEC - 1;

const STATE: AuthState = {
  spentCodes: [['code-jti', LATER]],
  revokedAccessTokens: [['access-jti', LATER]],
  revokedSignIns: [['family-a', LATER]],
  signIns: [['family-b', 3, LATER]],
};

let root: string;
let capture: ReturnType<typeof createCapturingLogger>;
const folder = () => join(root, '.auth');
const file = () => join(folder(), 'state.json');

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'auth-state-'));
  capture = createCapturingLogger();
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const open = (options: Partial<AuthStateStoreOptions> = {}) =>
  openAuthStateStore({ root, logger: capture.logger, clock: () => NOW_MS, ...options });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A writer that counts its calls and the most that ran at once; each waits for `gate` first. */
function countingWriter(gate: Promise<void> = Promise.resolve()) {
  const counts = { calls: 0, running: 0, mostAtOnce: 0 };
  const write: NonNullable<AuthStateStoreOptions['writeFile']> = async (path, data, options) => {
    counts.calls += 1;
    counts.running += 1;
    counts.mostAtOnce = Math.max(counts.mostAtOnce, counts.running);
    await gate;
    await writeFileAtomic(path, data, options);
    counts.running -= 1;
  };
  return { counts, write };
}

describe('auth state store', () => {
  it('starts empty when there is no file, and creates a private folder', async () => {
    const store = await open();
    expect(store.initial).toEqual(EMPTY_AUTH_STATE);
    expect((await stat(folder())).mode & 0o777).toBe(0o700);
    expect(await readdir(folder())).toEqual([]);
  });

  it('hands back after a restart what it saved, in a file only its owner can read', async () => {
    const store = await open();
    store.schedule(() => STATE);
    await store.flush();
    expect((await stat(file())).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({ version: 1, ...STATE });
    expect((await open()).initial).toEqual(STATE);
  });

  it('leaves out expired entries when it loads and when it saves', async () => {
    await mkdir(folder(), { recursive: true });
    const mixed: AuthState = {
      spentCodes: [
        ['live-code', LATER],
        ['old-code', EARLIER],
      ],
      revokedAccessTokens: [['old-access', NOW_SEC]],
      revokedSignIns: [['old-family', EARLIER]],
      signIns: [
        ['live-family', 2, LATER],
        ['old-family', 5, EARLIER],
      ],
    };
    await writeFile(file(), JSON.stringify({ version: 1, ...mixed }));
    const store = await open();
    const live: AuthState = {
      spentCodes: [['live-code', LATER]],
      revokedAccessTokens: [],
      revokedSignIns: [],
      signIns: [['live-family', 2, LATER]],
    };
    expect(store.initial).toEqual(live);
    store.schedule(() => mixed);
    await store.flush();
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({ version: 1, ...live });
  });

  it.each([
    ['corrupt JSON', '{"version": 1, "spentCodes": ['],
    ['a foreign shape', JSON.stringify({ tokens: ['eyJhbGciOi...'] })],
    ['a future version', JSON.stringify({ version: 2, ...STATE })],
    ['a generation that is not a number', JSON.stringify({ version: 1, ...STATE, signIns: [['f', 'x', 1]] })],
  ])('moves %s aside with a warning and starts empty', async (_label, text) => {
    await mkdir(folder(), { recursive: true });
    await writeFile(file(), text);
    const store = await open();
    expect(store.initial).toEqual(EMPTY_AUTH_STATE);
    const aside = 'state.json.corrupt-2026-03-01T12-34-56-789Z';
    expect(await readdir(folder())).toEqual([aside]);
    expect(await readFile(join(folder(), aside), 'utf8')).toBe(text);
    expect(capture.warnings()).toEqual([
      expect.objectContaining({
        file: file(),
        movedTo: join(folder(), aside),
        msg: 'auth state file unusable; moved aside, starting empty',
      }),
    ]);
  });

  it('writes a burst of changes once, with the newest state', async () => {
    const { counts, write } = countingWriter();
    const store = await open({ delayMs: 20, writeFile: write });
    for (let generation = 1; generation <= 50; generation += 1)
      store.schedule(() => ({ ...EMPTY_AUTH_STATE, signIns: [['family', generation, LATER]] }));
    expect(counts.calls).toBe(0);
    await sleep(100);
    expect(counts.calls).toBe(1);
    expect((await open()).initial.signIns).toEqual([['family', 50, LATER]]);
    await store.flush();
    expect(counts.calls).toBe(1);
  });

  it('never runs two writes at once, and the change made during a write lands last', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { counts, write } = countingWriter(gate);
    const store = await open({ delayMs: 5, writeFile: write });
    store.schedule(() => ({ ...EMPTY_AUTH_STATE, spentCodes: [['first', LATER]] }));
    while (counts.running === 0) await sleep(1);
    store.schedule(() => ({ ...EMPTY_AUTH_STATE, spentCodes: [['second', LATER]] }));
    store.schedule(() => ({ ...EMPTY_AUTH_STATE, spentCodes: [['third', LATER]] }));
    await sleep(30);
    expect(counts.calls).toBe(1);
    release();
    await store.flush();
    expect(counts).toEqual({ calls: 2, running: 0, mostAtOnce: 1 });
    expect((await open()).initial.spentCodes).toEqual([['third', LATER]]);
  });

  it('saves at once on flush, without waiting for the delay', async () => {
    const store = await open({ delayMs: 60_000 });
    store.schedule(() => STATE);
    await store.flush();
    expect((await open()).initial).toEqual(STATE);
  });

  it('logs a failed write and saves again on the next change', async () => {
    let failures = 1;
    const store = await open({
      writeFile: async (path, data, options) => {
        if (failures-- > 0) throw new Error('disk full');
        await writeFileAtomic(path, data, options);
      },
    });
    store.schedule(() => STATE);
    await store.flush();
    expect(capture.lines.filter((line) => line.level === 50)).toEqual([
      expect.objectContaining({ msg: 'could not save the auth state file' }),
    ]);
    store.schedule(() => STATE);
    await store.flush();
    expect((await open()).initial).toEqual(STATE);
  });
});
