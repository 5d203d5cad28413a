import { describe, expect, it } from 'vitest';
import { buildAdminStats, CHART_DAYS } from './admin-stats.js';

const NOW = Date.parse('2026-05-20T15:00:00Z');
let counter = 0;
const entry = (email: string, cost: number, model: string, created: string) => ({
  name: `n${counter++}`,
  email,
  cost,
  model,
  created,
});

describe('buildAdminStats', () => {
  const entries = [
    entry('ann@example.com', 0.134, 'gemini-3-pro-image', '2026-05-20T09:00:00.000Z'),
    entry('ann@example.com', 0.067, 'gemini-3.1-flash-image', '2026-05-19T23:59:59.000Z'),
    entry('ann@example.com', 0.067, 'gemini-3.1-flash-image', '2026-05-07T00:00:00.000Z'),
    entry('ann@example.com', 0.039, 'gemini-2.5-flash-image-preview', '2025-09-02T08:30:00.000Z'),
    entry('bob@example.com', 0.24, 'gemini-3-pro-image', '2026-04-01T00:00:00.000Z'),
  ];
  const stats = buildAdminStats(entries, [{ email: 'ann@example.com', images: 2, cost: 0.201 }], NOW);

  it('gives each person images kept and made, spend, models, the last 30 days and the last generation', () => {
    expect(stats.people[0]).toEqual({
      email: 'ann@example.com',
      kept: 2,
      generated: 4,
      spend: 0.307,
      models: [
        { model: 'gemini-3.1-flash-image', count: 2 },
        { model: 'gemini-2.5-flash-image-preview', count: 1 },
        { model: 'gemini-3-pro-image', count: 1 },
      ],
      last30: { count: 3, spend: 0.268 },
      lastCreated: '2026-05-20T09:00:00.000Z',
    });
    expect(stats.people[1]).toMatchObject({
      email: 'bob@example.com',
      kept: 0,
      generated: 1,
      last30: { count: 0, spend: 0 },
    });
  });

  it('lists the last 14 UTC days oldest first, quiet days included', () => {
    expect(stats.days).toHaveLength(CHART_DAYS);
    expect(stats.days[0]?.day).toBe('2026-05-07');
    expect(stats.days.at(-1)).toEqual({ day: '2026-05-20', count: 1, spend: 0.134 });
    expect(stats.days.at(-2)).toEqual({ day: '2026-05-19', count: 1, spend: 0.067 });
    expect(stats.days[0]).toEqual({ day: '2026-05-07', count: 1, spend: 0.067 });
    expect(stats.days[5]).toEqual({ day: '2026-05-12', count: 0, spend: 0 });
  });

  it('totals every person', () => {
    expect(stats.totals).toEqual({ kept: 2, generated: 5, spend: 0.547, last30: { count: 3, spend: 0.268 } });
  });

  it('counts spend without an image of its own towards spend only', () => {
    const carried = {
      ...entry('ann@example.com', 0.5, 'earlier', '1970-01-01T00:00:00.000Z'),
      name: 'carried',
    };
    const withCarried = buildAdminStats([...entries, carried], [], NOW, (e) => e.name !== 'carried');
    expect(withCarried.people[0]).toMatchObject({ email: 'ann@example.com', generated: 4, spend: 0.807 });
    expect(withCarried.people[0]?.models.map((m) => m.model)).not.toContain('earlier');
  });
});
