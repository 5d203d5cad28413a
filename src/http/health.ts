// GET /health: a cheap liveness answer for container health checks; touches no disk and no network.
import { Hono } from 'hono';
import type { AppEnv } from './types.js';

export function createHealthRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/', (c) => c.json({ ok: true }, 200, { 'Cache-Control': 'no-store' }));
  return routes;
}
