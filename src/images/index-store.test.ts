import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createCapturingLogger,
  createRandom,
  makeSidecar,
  makeSyntheticSidecars,
  stemFor,
} from '../../test/helpers/image-fixtures.js';
import { createImageIndex, type ImageIndex } from './index-store.js';
import { sidecarNameOf } from './names.js';
import type { ImageRecord } from './original-sidecar.js';
import { scanSidecars } from './scan.js';

/** Every page of one user, following `next` until it runs out. */
function allPages(index: ImageIndex, email: string, limit: number): ImageRecord[][] {
  const pages: ImageRecord[][] = [];
  let before: string | undefined;
  do {
    const page = index.page(email, { before, limit });
    pages.push(page.items);
    before = page.next;
  } while (before !== undefined);
  return pages;
}

/** What a user of the dashboard can observe, for comparing two indexes. */
function snapshot(index: ImageIndex) {
  return {
    totals: index.totals(),
    usage: index.usage(),
    emails: index.emails(),
    galleries: index.emails().map((email) =>
      allPages(index, email, 50)
        .flat()
        .map((s) => s.name),
    ),
  };
}

const newestFirst = (a: ImageRecord, b: ImageRecord) =>
  Date.parse(b.created) - Date.parse(a.created) || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0);

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = createRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe('image index', () => {
  const sidecars = makeSyntheticSidecars(2_000, 12, 3);

  it('built from the files on disk equals one fed by incremental adds', async () => {
    const root = await mkdtemp(join(tmpdir(), 'index-'));
    try {
      for (const sidecar of sidecars.slice(0, 400)) {
        await writeFile(join(root, sidecar.name), Buffer.from([0xff, 0xd8, 0xff, 0x89]));
        await writeFile(join(root, sidecarNameOf(sidecar.name)), JSON.stringify(sidecar));
      }
      const fromFiles = createImageIndex();
      await fromFiles.build(scanSidecars({ root, logger: createCapturingLogger().logger }));
      const incremental = createImageIndex();
      for (const sidecar of shuffled(sidecars.slice(0, 400), 9)) incremental.add(sidecar);
      expect(snapshot(fromFiles)).toEqual(snapshot(incremental));
      expect(fromFiles.totals().images).toBe(400);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('gives the same answers after a rebuild that follows incremental adds', async () => {
    const index = createImageIndex();
    for (const sidecar of shuffled(sidecars, 4)) index.add(sidecar);
    const before = snapshot(index);
    await index.build(sidecars);
    expect(snapshot(index)).toEqual(before);
  });

  it.each([1, 7, 100, 5_000])('pages of %i cover every image of a user once, newest first', (limit) => {
    const index = createImageIndex();
    for (const sidecar of shuffled(sidecars, 5)) index.add(sidecar);
    for (const email of index.emails()) {
      const pages = allPages(index, email, limit);
      const expected = sidecars.filter((s) => s.email === email).sort(newestFirst);
      expect(pages.flat()).toEqual(expected);
      expect(pages.every((page) => page.length <= limit)).toBe(true);
      expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
      expect(index.countFor(email)).toBe(expected.length);
    }
  });

  it('orders images with the same timestamp by name, so pages neither skip nor repeat', () => {
    const index = createImageIndex();
    const same = Array.from({ length: 9 }, (_, i) => makeSidecar(`${stemFor(i + 1)}.png`));
    for (const sidecar of shuffled(same, 2)) index.add(sidecar);
    expect(
      allPages(index, 'ada@example.com', 2)
        .flat()
        .map((s) => s.name),
    ).toEqual(same.map((s) => s.name).reverse());
  });

  it('compares creation times across UTC offsets', () => {
    const index = createImageIndex();
    index.add(makeSidecar(`${stemFor(1)}.png`, { created: '2026-03-01T12:00:00Z' }));
    index.add(makeSidecar(`${stemFor(2)}.png`, { created: '2026-03-01T13:00:00+02:00' }));
    expect(index.page('ada@example.com', { limit: 5 }).items.map((s) => s.name)).toEqual([
      `${stemFor(1)}.png`,
      `${stemFor(2)}.png`,
    ]);
  });

  it('ignores a second add of the same name', () => {
    const index = createImageIndex();
    const sidecar = makeSidecar(`${stemFor(1)}.png`);
    index.add(sidecar);
    index.add({ ...sidecar, cost: 5 });
    expect(index.totals()).toEqual({ images: 1, cost: 0.067, users: 1 });
    expect(index.get(sidecar.name)).toEqual(sidecar);
  });

  it('sums costs exactly and ranks users by cost', () => {
    const index = createImageIndex();
    const add = (n: number, email: string, cost: number, created: string) =>
      index.add(makeSidecar(`${stemFor(n)}.jpg`, { email, cost, created }));
    add(1, 'ada@example.com', 0.1, '2026-01-01T00:00:00Z');
    add(2, 'ada@example.com', 0.1, '2026-01-03T00:00:00Z');
    add(3, 'ada@example.com', 0.1, '2026-01-02T00:00:00Z');
    add(4, 'bob@example.com', 0.24, '2026-02-01T00:00:00Z');
    add(5, 'cy@example.com', 0.045, '2026-02-02T00:00:00Z');
    expect(index.usage()).toEqual([
      { email: 'ada@example.com', images: 3, cost: 0.3, lastCreated: '2026-01-03T00:00:00Z' },
      { email: 'bob@example.com', images: 1, cost: 0.24, lastCreated: '2026-02-01T00:00:00Z' },
      { email: 'cy@example.com', images: 1, cost: 0.045, lastCreated: '2026-02-02T00:00:00Z' },
    ]);
    expect(index.totals()).toEqual({ images: 5, cost: 0.585, users: 3 });
    expect(index.emails()).toEqual(['ada@example.com', 'bob@example.com', 'cy@example.com']);
  });

  it('keeps 100,000 tiny costs free of float drift', () => {
    const index = createImageIndex();
    for (let i = 1; i <= 100_000; i++) index.add(makeSidecar(`${stemFor(i)}.png`, { cost: 0.000001 * 7 }));
    expect(index.totals().cost).toBe(0.7);
  });

  it('keeps images added while a rebuild is running', async () => {
    const index = createImageIndex();
    const late = makeSidecar(`${stemFor(999_999)}.png`, { email: 'late@example.com' });
    async function* slowSource() {
      yield sidecars[0] as ImageRecord;
      index.add(late);
      await new Promise((resolve) => setTimeout(resolve, 5));
      yield sidecars[1] as ImageRecord;
    }
    await index.build(slowSource());
    expect(index.totals().images).toBe(3);
    expect(index.page('late@example.com', { limit: 5 }).items).toEqual([late]);
  });

  it('matches e-mails case-insensitively', () => {
    const index = createImageIndex();
    index.add(makeSidecar(`${stemFor(1)}.png`, { email: 'ada@example.com' }));
    expect(index.countFor(' ADA@example.com')).toBe(1);
    expect(index.page('Ada@Example.com', { limit: 5 }).items).toHaveLength(1);
  });

  it('gives an empty page for someone with no images', () => {
    expect(createImageIndex().page('nobody@example.com', { limit: 10 })).toEqual({ items: [] });
  });

  it.each([
    [
      'an unknown cursor',
      { before: `${stemFor(424_242)}.png`, limit: 5 },
      'That page link is out of date or malformed; start again from the first page.',
    ],
    [
      'a malformed cursor',
      { before: '../../etc', limit: 5 },
      'That page link is out of date or malformed; start again from the first page.',
    ],
    ['a zero page size', { limit: 0 }, 'The page size must be a whole number of at least 1 (got 0).'],
    [
      'a fractional page size',
      { limit: 2.5 },
      'The page size must be a whole number of at least 1 (got 2.5).',
    ],
  ])('refuses %s', (_label, options, message) => {
    const index = createImageIndex();
    index.add(makeSidecar(`${stemFor(1)}.png`));
    expect(() => index.page('ada@example.com', options)).toThrow(
      expect.objectContaining({ code: 'invalid_argument', message }),
    );
  });

  it('forgets a removed image in pages, counts and totals', () => {
    const index = createImageIndex();
    const names = [1, 2, 3].map((n) => `${stemFor(n)}.png`);
    for (const [i, name] of names.entries())
      index.add(makeSidecar(name, { created: `2026-03-0${i + 1}T12:00:00.000Z`, cost: 0.1 }));
    expect(index.remove(names[2] as string)).toBe(true);
    expect(index.remove(names[2] as string)).toBe(false);
    expect(index.page('ada@example.com', { limit: 10 }).items.map((s) => s.name)).toEqual([
      names[1],
      names[0],
    ]);
    expect(index.usage()).toEqual([
      { email: 'ada@example.com', images: 2, cost: 0.2, lastCreated: '2026-03-02T12:00:00.000Z' },
    ]);
    index.remove(names[0] as string);
    index.remove(names[1] as string);
    expect(index.totals()).toEqual({ images: 0, cost: 0, users: 0 });
  });
});
