// Tracks generations in flight so a graceful shutdown can wait for them (up to IMG_SHUTDOWN_GRACE_S) and refuse new ones.
import { AppError } from './errors.js';

export interface InflightTracker {
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly count: number;
  /** Refuses new work from now on and resolves when running work has finished or the grace period ends. */
  drain(graceMs: number): Promise<{ finished: boolean; remaining: number }>;
}

export function createInflightTracker(): InflightTracker {
  let count = 0;
  let draining = false;
  let onIdle: (() => void) | undefined;
  return {
    get count() {
      return count;
    },
    async run(work) {
      if (draining)
        throw new AppError(
          'shutting_down',
          'The server is restarting and not taking new images. Try again in a minute.',
        );
      count += 1;
      try {
        return await work();
      } finally {
        count -= 1;
        if (count === 0) onIdle?.();
      }
    },
    drain(graceMs) {
      draining = true;
      if (count === 0) return Promise.resolve({ finished: true, remaining: 0 });
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve({ finished: false, remaining: count }), graceMs);
        onIdle = () => {
          clearTimeout(timer);
          resolve({ finished: true, remaining: 0 });
        };
      });
    },
  };
}
