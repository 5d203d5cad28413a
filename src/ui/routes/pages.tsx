// The signed-in pages: the overview (default-model picker + cost per user), a user's gallery with cursor
// pagination, and the one write, saving the default model to prefs.json. Everything is read from the
// in-memory ImageIndex, never from sidecars on disk, so each page costs the same at any archive size.
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import {
  configuredPeople,
  currentMonth,
  formatDay,
  formatMonth,
  nextMonthStart,
} from '../../budgets/index.js';
import type { AppEnv, Viewer } from '../../http/types.js';
import { DEFAULT_ALIAS, MODEL_ALIASES, type ModelAlias } from '../../models/index.js';
import { budgetPeople, buildBudgetRows } from '../budget-view.js';
import { toGalleryCard } from '../cards.js';
import type { UiRuntime } from '../deps.js';
import { requireFormToken } from '../middleware.js';
import { galleryHref, UI_BASE } from '../paths.js';
import { sendMessage, sendPage } from '../respond.js';
import { buildUsageTable, mergeUsage } from '../usage-view.js';
import type { BudgetPanelProps } from '../views/budget-panel.js';
import { GalleryPage } from '../views/gallery-page.js';
import * as messages from '../views/messages.js';
import { OverviewPage } from '../views/overview-page.js';
import { resolveGalleryOwner } from '../visibility.js';
import { headerFor } from './header.js';

export const GALLERY_PAGE_SIZE = 100;

const galleryQuery = z.object({
  user: z.string().max(320).optional(),
  before: z.string().min(1).max(512).optional(),
  deleted: z.literal('1').optional(),
});

const modelForm = z.object({ model: z.enum(MODEL_ALIASES) });

export function mountPages(app: Hono<AppEnv>, rt: UiRuntime): void {
  app.get('/', (c) => overview(c, rt));

  app.get('/gallery', async (c) => {
    const query = galleryQuery.safeParse(c.req.query());
    if (!query.success)
      return sendMessage(c, rt, messages.problem('Bad link', 'This gallery link is malformed.'), 400);
    const viewer = c.var.viewer;
    const owner = resolveGalleryOwner(viewer, query.data.user);
    const before = query.data.before;
    const page = rt.deps.index.page(owner, {
      limit: GALLERY_PAGE_SIZE,
      ...(before === undefined ? {} : { before }),
    });
    const shownOwner = owner === viewer.email ? undefined : owner;
    const props = {
      styleHref: rt.styleHref,
      header: headerFor(rt, viewer),
      owner,
      isOwn: owner === viewer.email,
      total: rt.deps.index.countFor(owner),
      notice:
        query.data.deleted === undefined ? undefined : 'Image deleted. Its cost stays in the spend totals.',
      cards: page.items.map((item) => toGalleryCard(item)),
      olderHref: page.next === undefined ? undefined : galleryHref({ owner: shownOwner, before: page.next }),
      newestHref: before === undefined ? undefined : galleryHref({ owner: shownOwner }),
    };
    return sendPage(c, <GalleryPage {...props} />);
  });

  app.post('/prefs/model', bodyLimit({ maxSize: 16 * 1024 }), requireFormToken(rt), async (c) => {
    const form = modelForm.safeParse(await c.req.parseBody());
    if (!form.success) {
      const allowed = `${MODEL_ALIASES.slice(0, -1).join(', ')} or ${MODEL_ALIASES.at(-1)}`;
      return sendMessage(c, rt, messages.problem('Unknown model', `Pick ${allowed} and save again.`), 400);
    }
    await rt.deps.prefs.setDefaultModel(c.var.viewer.email, form.data.model);
    rt.deps.logger.info(
      { event: 'ui_default_model', email: c.var.viewer.email, model: form.data.model },
      'saved',
    );
    return c.redirect(`${UI_BASE}?saved=model`, 303);
  });
}

async function overview(c: Context<AppEnv>, rt: UiRuntime): Promise<Response> {
  const viewer = c.var.viewer;
  const chosen = await rt.deps.prefs.getDefaultModel(viewer.email);
  const current: ModelAlias = chosen ?? DEFAULT_ALIAS;
  const notice =
    c.req.query('saved') === 'model'
      ? `Saved. New images without a named model will use ${rt.deps.registry.get(current).displayName}.`
      : undefined;
  const models = rt.deps.registry.models.map((m) => ({
    alias: m.alias,
    displayName: m.displayName,
    price1k: m.prices['1K'],
    summary: m.summary,
  }));
  const table = buildUsageTable(viewer, mergeUsage(rt.deps.index.usage(), rt.deps.spend.people()));
  const header = headerFor(rt, viewer);
  return sendPage(
    c,
    <OverviewPage
      styleHref={rt.styleHref}
      header={header}
      notice={notice}
      picker={{ models, current, saved: chosen !== undefined, csrf: header.csrf }}
      usage={{ table, viewerEmail: viewer.email, isAdmin: viewer.isAdmin }}
      budgets={budgetPanel(rt, viewer)}
    />,
  );
}

/** This month's spend against budget: the viewer's own row, or everyone's for admins. */
function budgetPanel(rt: UiRuntime, viewer: Viewer): BudgetPanelProps {
  const { spend, budgets, config, index } = rt.deps;
  const month = currentMonth(new Date(rt.clock()));
  const known = viewer.isAdmin
    ? [...spend.people().map((person) => person.email), ...configuredPeople(config)]
    : [];
  const facts = {
    month,
    entries: spend.entries(),
    budgetFor: (email: string) => budgets.budgetFor(email),
    actualCostOf: (name: string) => index.get(name)?.usage_cost ?? null,
  };
  return {
    monthLabel: formatMonth(month),
    resetsOn: formatDay(nextMonthStart(month)),
    rows: buildBudgetRows(budgetPeople(viewer, known), facts),
    isAdmin: viewer.isAdmin,
  };
}
