// GET /ui/admin: per-person analytics and the last 14 days, for dashboard admins only (everyone else gets
// the access-denied page). Figures come from the spend ledger and the index, never from files on disk.
import type { Hono } from 'hono';
import { AppError } from '../../errors.js';
import type { AppEnv } from '../../http/types.js';
import { modelLabel } from '../../models/index.js';
import { isCarriedOver, type SpendEntry } from '../../spend/index.js';
import { buildAdminStats } from '../admin-stats.js';
import type { UiRuntime } from '../deps.js';
import { sendPage } from '../respond.js';
import { AdminPage } from '../views/admin-page.js';
import { headerFor } from './header.js';

export function mountAdmin(app: Hono<AppEnv>, rt: UiRuntime): void {
  app.get('/admin', (c) => {
    const viewer = c.var.viewer;
    if (!viewer.isAdmin)
      throw new AppError(
        'access_denied',
        'Only dashboard admins can open the admin page. Your own figures are on the overview.',
      );
    const stats = buildAdminStats(rt.deps.spend.entries(), rt.deps.index.usage(), rt.clock(), isRealImage);
    return sendPage(
      c,
      <AdminPage
        styleHref={rt.styleHref}
        header={headerFor(rt, viewer)}
        stats={stats}
        modelLabel={(id) => modelLabel({ model: id, model_alias: null })}
      />,
    );
  });
}

/** Carried-over spend (the ledger marks it) has no image of its own: it counts as spend only. */
function isRealImage(entry: SpendEntry): boolean {
  return !isCarriedOver(entry);
}
