// The search behind `list_images`: one person's images newest first, optionally only those whose prompt
// holds every given word, a page at a time. The cursor is opaque to clients (base64url JSON) and carries
// the person and the words it was made for, so it cannot be replayed against another listing. Pure over
// the index's own cursor-paged view.
import { z } from 'zod';
import { normaliseEmail } from '../email.js';
import { invalidArgument } from '../errors.js';
import type { ImageRecord } from '../images/index.js';

export interface ListingIndex {
  page(email: string, options: { before?: string; limit: number }): { items: ImageRecord[]; next?: string };
}

export interface ListingRequest {
  email: string;
  query: string | undefined;
  limit: number;
  cursor: string | undefined;
}

export interface Listing {
  items: ImageRecord[];
  nextCursor: string | undefined;
}

/** How many images are read from the index per step while filtering. */
const SCAN_CHUNK = 200;

const cursorSchema = z.object({ e: z.string(), q: z.string(), b: z.string() });

export function listImages(index: ListingIndex, request: ListingRequest): Listing {
  const email = normaliseEmail(request.email);
  const words = searchWords(request.query);
  const query = words.join(' ');
  let before = request.cursor === undefined ? undefined : readCursor(request.cursor, email, query);
  const found: ImageRecord[] = [];
  // One more than asked, so a next cursor is offered only when another match really exists.
  while (found.length <= request.limit) {
    const chunk = index.page(email, { limit: SCAN_CHUNK, ...(before === undefined ? {} : { before }) });
    for (const item of chunk.items) if (matches(item.prompt, words)) found.push(item);
    if (chunk.next === undefined) break;
    before = chunk.next;
  }
  const items = found.slice(0, request.limit);
  const last = items.at(-1);
  const more = found.length > request.limit && last !== undefined;
  return { items, nextCursor: more ? writeCursor({ e: email, q: query, b: last.name }) : undefined };
}

/** Lower-cased words of a search, duplicates dropped. */
export function searchWords(query: string | undefined): string[] {
  if (query === undefined) return [];
  return [
    ...new Set(
      query
        .toLowerCase()
        .split(/\s+/)
        .filter((word) => word !== ''),
    ),
  ];
}

function matches(prompt: string, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = prompt.toLowerCase();
  return words.every((word) => text.includes(word));
}

function writeCursor(cursor: z.infer<typeof cursorSchema>): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function readCursor(value: string, email: string, query: string): string {
  const again = 'Call list_images again without a cursor to start from the newest image.';
  let parsed: z.infer<typeof cursorSchema>;
  try {
    parsed = cursorSchema.parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
  } catch {
    throw invalidArgument(`That cursor is not one list_images gave out. ${again}`);
  }
  if (parsed.e !== email || parsed.q !== query)
    throw invalidArgument(
      `That cursor belongs to a different listing (another person or other search words). ${again}`,
    );
  return parsed.b;
}
