// A byte-bounded, least-recently-used cache of immutable file contents. Images are never rewritten once
// stored (names are random and never reused), so a cached copy stays right until the file is deleted,
// and deletion goes through `delete`. Pure data structure: no I/O, no timers.

export interface ByteCache<V> {
  /** The value, marked as most recently used; undefined when absent. */
  get(key: string): V | undefined;
  /** Stores a value that holds `bytes` bytes; too large a value (over an eighth of the budget) is not kept. */
  set(key: string, value: V, bytes: number): void;
  delete(key: string): void;
  readonly bytes: number;
  readonly entries: number;
  readonly maxBytes: number;
}

/** One value may take at most this share of the budget, so a few big files cannot flush everything. */
const MAX_SHARE = 8;

export function createByteCache<V>(maxBytes: number): ByteCache<V> {
  const map = new Map<string, { value: V; bytes: number }>();
  let total = 0;
  const remove = (key: string) => {
    const entry = map.get(key);
    if (entry === undefined) return;
    map.delete(key);
    total -= entry.bytes;
  };
  return {
    get(key) {
      const entry = map.get(key);
      if (entry === undefined) return undefined;
      // Map keeps insertion order: moving the entry to the end makes the first key the least recent.
      map.delete(key);
      map.set(key, entry);
      return entry.value;
    },
    set(key, value, bytes) {
      remove(key);
      if (bytes > maxBytes / MAX_SHARE) return;
      map.set(key, { value, bytes });
      total += bytes;
      for (const oldest of map.keys()) {
        if (total <= maxBytes) break;
        remove(oldest);
      }
    },
    delete: remove,
    get bytes() {
      return total;
    },
    get entries() {
      return map.size;
    },
    maxBytes,
  };
}
