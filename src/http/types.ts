// Types shared by every route group: the Hono environment with its typed context variables.
// `caller` is set by the auth layer (auth/) before any MCP tool runs; the dashboard sets `viewer`.
import type { Caller } from '../auth/caller.js';

/** Who is looking at the dashboard. */
export interface Viewer {
  email: string;
  isAdmin: boolean;
  /** Bound into every CSRF token of this session. */
  sessionId: string;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    caller: Caller;
    viewer: Viewer;
  };
}
