// Who is calling the MCP endpoint. The auth layer establishes it (from a verified token, or the fixed
// local identity when auth is disabled) and every MCP tool receives it.

export interface Caller {
  /** Lower-cased, trimmed e-mail. */
  email: string;
  emailVerified: boolean;
  /** The OAuth client the token was issued to; absent when auth is disabled. */
  clientId?: string;
  /** How the identity was established. */
  via: 'oauth' | 'auth-disabled';
}
