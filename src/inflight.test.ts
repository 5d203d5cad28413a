import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { createInflightTracker } from './inflight.js';

describe('in-flight tracking for graceful shutdown', () => {
  it('waits for running work to finish', async () => {
    const tracker = createInflightTracker();
    let release: () => void = () => {};
    const work = tracker.run(() => new Promise<string>((resolve) => (release = () => resolve('done'))));
    const drained = tracker.drain(5000);
    expect(tracker.count).toBe(1);
    release();
    await expect(work).resolves.toBe('done');
    await expect(drained).resolves.toEqual({ finished: true, remaining: 0 });
  });

  it('stops waiting at the end of the grace period', async () => {
    const tracker = createInflightTracker();
    void tracker.run(() => new Promise(() => {}));
    await expect(tracker.drain(20)).resolves.toEqual({ finished: false, remaining: 1 });
  });

  it('refuses new work while draining', async () => {
    const tracker = createInflightTracker();
    await tracker.drain(10);
    await expect(tracker.run(async () => 1)).rejects.toMatchObject({ code: 'shutting_down' });
    await expect(tracker.run(async () => 1)).rejects.toBeInstanceOf(AppError);
  });
});
