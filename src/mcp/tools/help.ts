// The `help` tool: no arguments, returns the usage guide from help-text.ts for the calling person.
import type { McpServer, RegisteredTool } from '@modelcontextprotocol/server';
import type { Caller } from '../../auth/index.js';
import { type BudgetGuard, describeBudget } from '../../budgets/index.js';
import type { ModelAlias, ModelRegistry } from '../../models/index.js';
import { buildHelpText } from '../help-text.js';
import { textResult } from '../results.js';

export interface HelpToolDeps {
  registry: ModelRegistry;
  publicUrl: string;
  prefs: { getDefaultModel(email: string): ModelAlias | undefined | Promise<ModelAlias | undefined> };
  budgets: Pick<BudgetGuard, 'status' | 'admins'>;
}

export function registerHelp(server: McpServer, deps: HelpToolDeps, caller: Caller): RegisteredTool {
  return server.registerTool(
    'help',
    {
      title: 'How to use Image Studio',
      description:
        'Explains generate_image: every parameter with its allowed values, the models and their prices, how to edit earlier images, and where the dashboard is.',
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async () => {
      const callerDefault = await deps.prefs.getDefaultModel(caller.email);
      const budget = describeBudget(await deps.budgets.status(caller.email), deps.budgets.admins);
      return textResult(
        buildHelpText({ registry: deps.registry, publicUrl: deps.publicUrl, callerDefault, budget }),
      );
    },
  );
}
