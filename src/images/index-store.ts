// The in-memory index of every stored image, rebuilt from the sidecars at start-up and kept current by
// `add` after each generation. It answers the dashboard: a user's gallery page by page (newest first,
// cursor-based, so page 500 costs the same as page 1) and cost per user. Pure: no I/O, no clock.
// Costs are summed as integer micro-dollars so totals over 100,000 images carry no float drift.

import { normaliseEmail } from '../email.js';
import { invalidArgument } from '../errors.js';
import { fromMicro, toMicro } from '../money.js';
import { isImageName } from './names.js';
import type { ImageRecord } from './original-sidecar.js';

export interface PageOptions {
  /** Cursor from a previous page's `next`: only images older than that one are returned. */
  before?: string | undefined;
  limit: number;
}

export interface Page {
  items: ImageRecord[];
  /** Present when older images remain; pass it back as `before`. */
  next?: string;
}

export interface UsageRow {
  email: string;
  images: number;
  /** USD. */
  cost: number;
  /** `created` of the user's newest image. */
  lastCreated: string;
}

export interface IndexTotals {
  images: number;
  cost: number;
  users: number;
}

export interface ImageIndex {
  /** Adds one image; adding a name that is already indexed changes nothing. */
  add(sidecar: ImageRecord): void;
  /** Forgets one image (after it was deleted); true when it was indexed. */
  remove(name: string): boolean;
  /** Replaces the contents with `sidecars`; images added while it runs are kept. */
  build(sidecars: AsyncIterable<ImageRecord> | Iterable<ImageRecord>): Promise<void>;
  get(name: string): ImageRecord | undefined;
  /** Every indexed record, in no particular order. */
  records(): IterableIterator<ImageRecord>;
  page(email: string, options: PageOptions): Page;
  countFor(email: string): number;
  /** One row per user, highest cost first. */
  usage(): UsageRow[];
  totals(): IndexTotals;
  emails(): string[];
}

interface Entry {
  sidecar: ImageRecord;
  /** `created` as epoch ms: sidecars may carry any UTC offset, so strings do not sort reliably. */
  time: number;
}

interface UserImages {
  /** Oldest first, so the usual case (a new image) is an append. */
  entries: Entry[];
  micro: number;
  newest: Entry | undefined;
}

interface State {
  byName: Map<string, Entry>;
  users: Map<string, UserImages>;
  micro: number;
}

export function createImageIndex(): ImageIndex {
  let state = emptyState();
  let addedDuringBuild: ImageRecord[] | undefined;
  let removedDuringBuild: Set<string> | undefined;

  return {
    add(sidecar) {
      addedDuringBuild?.push(sidecar);
      insert(state, sidecar, true);
    },
    remove: (name) => {
      addedDuringBuild = addedDuringBuild?.filter((record) => record.name !== name);
      removedDuringBuild?.add(name);
      return removeFrom(state, name);
    },
    async build(sidecars) {
      const fresh = emptyState();
      addedDuringBuild = [];
      removedDuringBuild = new Set();
      try {
        for await (const sidecar of sidecars) insert(fresh, sidecar, false);
        for (const user of fresh.users.values()) user.entries.sort(compareEntries);
        for (const sidecar of addedDuringBuild) insert(fresh, sidecar, true);
        for (const name of removedDuringBuild) removeFrom(fresh, name);
        state = fresh;
      } finally {
        addedDuringBuild = undefined;
        removedDuringBuild = undefined;
      }
    },
    get: (name) => state.byName.get(name)?.sidecar,
    records: () => recordsOf(state),
    page: (email, options) => pageOf(state, email, options),
    countFor: (email) => state.users.get(normaliseEmail(email))?.entries.length ?? 0,
    usage: () => usageOf(state),
    totals: () => ({ images: state.byName.size, cost: fromMicro(state.micro), users: state.users.size }),
    emails: () => [...state.users.keys()].sort(),
  };
}

function* recordsOf(state: State): IterableIterator<ImageRecord> {
  for (const entry of state.byName.values()) yield entry.sidecar;
}

function emptyState(): State {
  return { byName: new Map(), users: new Map(), micro: 0 };
}

/** Adds a sidecar to `state`; `sorted` keeps the user's list ordered now instead of sorting later. */
function insert(state: State, sidecar: ImageRecord, sorted: boolean): void {
  if (state.byName.has(sidecar.name)) return;
  const entry: Entry = { sidecar, time: Date.parse(sidecar.created) };
  const email = normaliseEmail(sidecar.email);
  let user = state.users.get(email);
  if (user === undefined) {
    user = { entries: [], micro: 0, newest: undefined };
    state.users.set(email, user);
  }
  const last = user.entries.at(-1);
  if (!sorted || last === undefined || compareEntries(last, entry) <= 0) user.entries.push(entry);
  else user.entries.splice(lowerBound(user.entries, entry), 0, entry);
  const micro = toMicro(sidecar.cost);
  user.micro += micro;
  state.micro += micro;
  if (user.newest === undefined || compareEntries(user.newest, entry) < 0) user.newest = entry;
  state.byName.set(sidecar.name, entry);
}

function removeFrom(state: State, name: string): boolean {
  const entry = state.byName.get(name);
  if (entry === undefined) return false;
  state.byName.delete(name);
  const email = normaliseEmail(entry.sidecar.email);
  const user = state.users.get(email);
  if (user === undefined) return true;
  const at = lowerBound(user.entries, entry);
  if (user.entries[at] === entry) user.entries.splice(at, 1);
  const micro = toMicro(entry.sidecar.cost);
  user.micro -= micro;
  state.micro -= micro;
  if (user.entries.length === 0) state.users.delete(email);
  else if (user.newest === entry) user.newest = user.entries.at(-1);
  return true;
}

function pageOf(state: State, email: string, options: PageOptions): Page {
  const { before, limit } = options;
  if (!Number.isInteger(limit) || limit < 1)
    throw invalidArgument(`The page size must be a whole number of at least 1 (got ${limit}).`);
  const entries = state.users.get(normaliseEmail(email))?.entries ?? [];
  let end = entries.length;
  if (before !== undefined) {
    const cursor = isImageName(before) ? state.byName.get(before) : undefined;
    if (cursor === undefined)
      throw invalidArgument('That page link is out of date or malformed; start again from the first page.');
    end = lowerBound(entries, cursor);
  }
  const start = Math.max(0, end - limit);
  const items = entries
    .slice(start, end)
    .reverse()
    .map((entry) => entry.sidecar);
  const oldest = items.at(-1);
  return start > 0 && oldest !== undefined ? { items, next: oldest.name } : { items };
}

function usageOf(state: State): UsageRow[] {
  const rows = [...state.users].map(([email, user]) => ({
    email,
    images: user.entries.length,
    micro: user.micro,
    lastCreated: user.newest?.sidecar.created ?? '',
  }));
  rows.sort((a, b) => b.micro - a.micro || b.images - a.images || (a.email < b.email ? -1 : 1));
  return rows.map(({ micro, ...row }) => ({ ...row, cost: fromMicro(micro) }));
}

/** Oldest first by time, then by name, a total order (names are unique). */
function compareEntries(a: Entry, b: Entry): number {
  if (a.time !== b.time) return a.time - b.time;
  return a.sidecar.name < b.sidecar.name ? -1 : a.sidecar.name > b.sidecar.name ? 1 : 0;
}

/** Index of the first entry not older than `target`. */
function lowerBound(entries: readonly Entry[], target: Entry): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const entry = entries[mid];
    if (entry !== undefined && compareEntries(entry, target) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
