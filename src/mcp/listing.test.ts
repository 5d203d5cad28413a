import { describe, expect, it } from 'vitest';
import { makeSidecar, stemFor } from '../../test/helpers/image-fixtures.js';
import { createImageIndex } from '../images/index.js';
import { listImages } from './listing.js';

const PROMPTS = ['a red fox', 'a blue whale', 'a red barn at dawn', 'a fox in a red coat'];

/** 450 images of ada (prompts cycling through PROMPTS, one minute apart) and one of bob. */
function indexOfAda() {
  const index = createImageIndex();
  for (let n = 0; n < 450; n++)
    index.add(
      makeSidecar(`${stemFor(n)}.jpg`, {
        prompt: PROMPTS[n % PROMPTS.length] ?? '',
        created: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
      }),
    );
  index.add(makeSidecar(`${stemFor(9999)}.jpg`, { email: 'bob@example.com', prompt: 'a red fox' }));
  return index;
}

function everyPage(index: ReturnType<typeof indexOfAda>, query: string | undefined, limit: number) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const listing = listImages(index, { email: 'Ada@example.com', query, limit, cursor });
    pages.push(listing.items.map((item) => item.name));
    cursor = listing.nextCursor;
  } while (cursor !== undefined);
  return pages;
}

describe('listing images', () => {
  it('pages through every image of the person, newest first, with no gap or repeat', () => {
    const pages = everyPage(indexOfAda(), undefined, 100);
    expect(pages.map((page) => page.length)).toEqual([100, 100, 100, 100, 50]);
    const names = pages.flat();
    expect(names[0]).toBe(`${stemFor(449)}.jpg`);
    expect(new Set(names).size).toBe(450);
    expect(names).not.toContain(`${stemFor(9999)}.jpg`);
  });

  it('keeps only images whose prompt holds every word, in any case and order', () => {
    const pages = everyPage(indexOfAda(), '  RED fox ', 30);
    const names = pages.flat();
    // Prompts 0 and 3 of each cycle of four hold both words: 113 + 112.
    expect(names).toHaveLength(225);
    expect(pages.at(-1)?.length).toBe(15);
    expect(names[0]).toBe(`${stemFor(448)}.jpg`);
  });

  it('gives no next cursor when the last page is exactly full', () => {
    const listing = listImages(indexOfAda(), {
      email: 'ada@example.com',
      query: 'whale',
      limit: 113,
      cursor: undefined,
    });
    expect(listing.items).toHaveLength(113);
    expect(listing.nextCursor).toBeUndefined();
  });

  it('refuses a cursor made for another search or another person', () => {
    const index = indexOfAda();
    const first = listImages(index, { email: 'ada@example.com', query: 'fox', limit: 5, cursor: undefined });
    expect(first.nextCursor).toBeDefined();
    expect(() =>
      listImages(index, { email: 'ada@example.com', query: 'whale', limit: 5, cursor: first.nextCursor }),
    ).toThrow(/different listing/);
    expect(() =>
      listImages(index, { email: 'bob@example.com', query: 'fox', limit: 5, cursor: first.nextCursor }),
    ).toThrow(/different listing/);
    expect(() =>
      listImages(index, { email: 'ada@example.com', query: 'fox', limit: 5, cursor: 'garbage!' }),
    ).toThrow(/not one list_images gave out/);
  });
});
