// The admin page's figures, from the spend ledger (every generation ever, deleted images included) and
// the index (images kept): per person the images, spend, count per model, the last 30 days and the last
// generation; and a day-by-day series over the last 14 UTC days, quiet days included, for the table and
// the chart. Pure: entries, kept counts and the time in; rows out. Sums in micro-dollars.

import { fromMicro, toMicro } from '../money.js';
import { dayOf, type SpendEntry } from '../spend/index.js';
import type { UsageRow } from './ports.js';

export interface AdminPersonRow {
  email: string;
  kept: number;
  generated: number;
  spend: number;
  /** Model id → images generated with it, most used first. */
  models: { model: string; count: number }[];
  last30: { count: number; spend: number };
  lastCreated: string | undefined;
}

export interface AdminDay {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  count: number;
  spend: number;
}

export interface AdminStats {
  people: AdminPersonRow[];
  days: AdminDay[];
  totals: { kept: number; generated: number; spend: number; last30: { count: number; spend: number } };
}

const DAY_MS = 86_400_000;
export const CHART_DAYS = 14;

interface PersonAcc {
  kept: number;
  generated: number;
  micro: number;
  models: Map<string, number>;
  recentCount: number;
  recentMicro: number;
  lastMs: number;
  last: string | undefined;
}

/**
 * `isImage` tells a real generation from spend carried over without an image of its own (which counts
 * towards spend only).
 */
export function buildAdminStats(
  entries: Iterable<SpendEntry>,
  kept: readonly UsageRow[],
  nowMs: number,
  isImage: (entry: SpendEntry) => boolean = () => true,
): AdminStats {
  const monthAgo = nowMs - 30 * DAY_MS;
  const days = emptyDays(nowMs);
  const dayIndex = new Map(days.map((d, i) => [d.day, i]));
  const dayMicro = days.map(() => 0);
  const people = new Map<string, PersonAcc>();
  const personOf = (email: string): PersonAcc => {
    let person = people.get(email);
    if (person === undefined) {
      person = {
        kept: 0,
        generated: 0,
        micro: 0,
        models: new Map(),
        recentCount: 0,
        recentMicro: 0,
        lastMs: -Infinity,
        last: undefined,
      };
      people.set(email, person);
    }
    return person;
  };
  for (const row of kept) personOf(row.email).kept = row.images;
  for (const entry of entries) {
    const person = personOf(entry.email);
    const micro = toMicro(entry.cost);
    person.micro += micro;
    if (!isImage(entry)) continue;
    const ms = Date.parse(entry.created);
    person.generated++;
    person.models.set(entry.model, (person.models.get(entry.model) ?? 0) + 1);
    if (ms >= monthAgo && ms <= nowMs) {
      person.recentCount++;
      person.recentMicro += micro;
    }
    if (ms > person.lastMs) Object.assign(person, { lastMs: ms, last: entry.created });
    const at = Number.isNaN(ms) ? undefined : dayIndex.get(dayOf(entry.created));
    const day = at === undefined ? undefined : days[at];
    if (at !== undefined && day !== undefined) {
      day.count++;
      dayMicro[at] = (dayMicro[at] ?? 0) + micro;
    }
  }
  days.forEach((day, i) => {
    day.spend = fromMicro(dayMicro[i] ?? 0);
  });
  const rows = [...people].map(([email, p]) => toRow(email, p));
  rows.sort((a, b) => b.spend - a.spend || b.generated - a.generated || (a.email < b.email ? -1 : 1));
  return { people: rows, days, totals: totalsOf(rows, people) };
}

function toRow(email: string, p: PersonAcc): AdminPersonRow {
  return {
    email,
    kept: p.kept,
    generated: p.generated,
    spend: fromMicro(p.micro),
    models: [...p.models]
      .map(([model, count]) => ({ model, count }))
      .sort((a, b) => b.count - a.count || (a.model < b.model ? -1 : 1)),
    last30: { count: p.recentCount, spend: fromMicro(p.recentMicro) },
    lastCreated: p.last,
  };
}

function totalsOf(
  rows: readonly AdminPersonRow[],
  people: ReadonlyMap<string, PersonAcc>,
): AdminStats['totals'] {
  let micro = 0;
  let recentMicro = 0;
  for (const p of people.values()) {
    micro += p.micro;
    recentMicro += p.recentMicro;
  }
  return {
    kept: rows.reduce((sum, r) => sum + r.kept, 0),
    generated: rows.reduce((sum, r) => sum + r.generated, 0),
    spend: fromMicro(micro),
    last30: { count: rows.reduce((sum, r) => sum + r.last30.count, 0), spend: fromMicro(recentMicro) },
  };
}

/** The last CHART_DAYS UTC days, oldest first, today last. */
function emptyDays(nowMs: number): AdminDay[] {
  const today = Date.UTC(
    new Date(nowMs).getUTCFullYear(),
    new Date(nowMs).getUTCMonth(),
    new Date(nowMs).getUTCDate(),
  );
  return Array.from({ length: CHART_DAYS }, (_, i) => ({
    day: new Date(today - (CHART_DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10),
    count: 0,
    spend: 0,
  }));
}
