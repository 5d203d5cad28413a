// Types shared by every route group: the Hono environment with its typed context variables.
// `caller` is set by the auth layer (auth/) before any MCP tool runs; the dashboard sets `viewer`.

/** Who is calling the MCP endpoint, as established by the auth layer. */
export interface Caller {
  /** Lower-cased, trimmed e-mail. */
  email: string;
  emailVerified: boolean;
  /** The OAuth client the token was issued to; absent when auth is disabled. */
  clientId?: string;
  /** How the identity was established. */
  via: 'oauth' | 'auth-disabled';
}

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
