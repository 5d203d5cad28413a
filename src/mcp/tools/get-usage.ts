// The `get_usage` tool: what the caller spent in a month (this one, or YYYY-MM) and in total, per model,
// with their monthly budget, what is left and when it resets; admins get every person. Read-only; the
// figures come from the same spend source the budget guard reads.
import type { CallToolResult, McpServer, RegisteredTool } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { Caller } from '../../auth/index.js';
import {
  currentMonth,
  formatDay,
  formatDollars,
  formatMonth,
  nextMonthStart,
  parseMonth,
  type SpendSource,
} from '../../budgets/index.js';
import type { Logger } from '../../log.js';
import { assertMayGenerate } from '../generation.js';
import { errorResult } from '../results.js';
import type { AdminCheck } from '../subject.js';
import { buildPersonUsage, type PersonUsage } from '../usage-report.js';

const getUsageInput = z.object({
  month: z
    .string()
    .max(40)
    .optional()
    .describe('Calendar month (UTC) as YYYY-MM, for example 2026-03. Leave out for the current month.'),
});

const period = z.object({
  images: z.number().int(),
  spend_usd: z.number().describe('At list prices'),
  actual_cost_usd: z
    .number()
    .nullable()
    .describe("From Gemini's reported usage, over the images where known"),
  by_model: z.array(z.object({ model: z.string(), images: z.number().int(), spend_usd: z.number() })),
});

export const getUsageOutput = z.object({
  month: z.string().describe('YYYY-MM'),
  budget_resets_at: z.string().describe('When the current month ends and budgets start again (UTC)'),
  people: z.array(
    z.object({
      email: z.string(),
      month: period,
      all_time: period,
      budget_usd: z.number().nullable().describe('Monthly budget; null means no cap'),
      left_usd: z.number().nullable().describe('Budget left in that month; null means no cap'),
    }),
  ),
});

export interface UsageToolDeps {
  spend: SpendSource;
  budgets: { budgetFor(email: string): number | undefined };
  access: AdminCheck & { canGenerate(caller: Caller): boolean };
  clock: () => Date;
  logger: Logger;
  /** People admins see even before they spend anything: the allow-list and everyone with a budget entry. */
  knownPeople: readonly string[];
}

export function registerGetUsage(server: McpServer, deps: UsageToolDeps, caller: Caller): RegisteredTool {
  return server.registerTool(
    'get_usage',
    {
      title: 'My spending',
      description:
        'Shows what was spent on images in a month (default: this one) and in total, per model, with the monthly budget, what is left and when it resets. Admins see every person.',
      inputSchema: getUsageInput,
      outputSchema: getUsageOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (args) => {
      try {
        assertMayGenerate(deps, caller);
        const now = deps.clock();
        const month =
          args.month === undefined || args.month.trim() === '' ? currentMonth(now) : parseMonth(args.month);
        const people = await Promise.all(
          (await subjects(deps, caller)).map(async (email) =>
            buildPersonUsage(
              {
                email,
                entries: await deps.spend.entriesOf(email),
                budgetUsd: deps.budgets.budgetFor(email),
                actualCostOf: deps.spend.actualCostOf,
              },
              month,
            ),
          ),
        );
        const resets = nextMonthStart(currentMonth(now));
        const structured = { month, budget_resets_at: resets.toISOString(), people };
        return usageResult(structured, resets);
      } catch (error) {
        return errorResult(error, deps.logger);
      }
    },
  );
}

/** The caller first, then (for admins) everyone else who has spent or may spend, by e-mail. */
async function subjects(deps: UsageToolDeps, caller: Caller): Promise<string[]> {
  if (!deps.access.isAdmin(caller.email)) return [caller.email];
  const everyone = new Set([...(await deps.spend.people()), ...deps.knownPeople]);
  everyone.delete(caller.email);
  return [caller.email, ...[...everyone].sort()];
}

function usageResult(structured: z.infer<typeof getUsageOutput>, resets: Date): CallToolResult {
  const label = formatMonth(structured.month);
  const lines = structured.people.map((person) => describePerson(person, label));
  lines.push(`Budgets reset on ${formatDay(resets)} (00:00 UTC). Spend is counted at list prices.`);
  return { content: [{ type: 'text', text: lines.join('\n\n') }], structuredContent: structured };
}

function describePerson(person: PersonUsage, label: string): string {
  const models = (p: PersonUsage['month']) =>
    p.by_model.length === 0
      ? ''
      : ` (${p.by_model.map((m) => `${m.model}: ${m.images} for ${formatDollars(m.spend_usd)}`).join(', ')})`;
  const actual =
    person.month.actual_cost_usd === null
      ? ''
      : ` Gemini's usage figures put it at ${formatDollars(person.month.actual_cost_usd)}.`;
  const budget =
    person.budget_usd === null
      ? 'No monthly budget caps spending.'
      : `Monthly budget ${formatDollars(person.budget_usd)}, ${formatDollars(person.left_usd ?? 0)} left.`;
  return [
    `**${person.email}**`,
    `${label}: ${person.month.images} image${person.month.images === 1 ? '' : 's'}, ${formatDollars(person.month.spend_usd)}${models(person.month)}.${actual}`,
    `All time: ${person.all_time.images} image${person.all_time.images === 1 ? '' : 's'}, ${formatDollars(person.all_time.spend_usd)}${models(person.all_time)}.`,
    budget,
  ].join('\n');
}
