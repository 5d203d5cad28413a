// Runs async work one at a time per key (here: per person), in arrival order, so that reading what a
// person has spent and holding money for their next image happen as one step. Keys with nothing
// queued are forgotten, so the map holds only people with work in flight.

export type KeyedLock = <T>(key: string, work: () => Promise<T> | T) => Promise<T>;

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<void>>();
  return async (key, work) => {
    const previous = tails.get(key) ?? Promise.resolve();
    let finish: () => void = () => {};
    const mine = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const tail = previous.then(() => mine);
    tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      finish();
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
