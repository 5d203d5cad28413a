// Dashboard session and CSRF tokens. The session is an HS256 JWT in a cookie (key `uiSession`), pinned to
// its algorithm, type, issuer and audience, with a short lifetime. The CSRF token is an HMAC (key `uiCsrf`)
// over the session id and e-mail, so it is useless outside the session it was issued for and dies with it.
// Signing, checking and the HMAC come from auth's token toolkit, shared with the MCP sign-in.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { hmac, type KeyRing, parseClaims, safeEqual, signJws, verifyJws } from '../auth/index.js';

export const SESSION_TTL_S = 12 * 60 * 60;
const SESSION_TYPE = 'ui-session+jwt';

export interface Session {
  email: string;
  sessionId: string;
  /** Expiry, seconds since the epoch. */
  expiresAt: number;
}

export interface SessionTokens {
  issue(email: string): Promise<{ token: string; session: Session }>;
  /** The session in a cookie value, or undefined when it is missing, tampered with, foreign or expired. */
  read(token: string | undefined): Promise<Session | undefined>;
  csrfFor(session: Pick<Session, 'email' | 'sessionId'>): string;
  checkCsrf(session: Pick<Session, 'email' | 'sessionId'>, token: string | undefined): boolean;
}

export interface SessionTokenOptions {
  keys: KeyRing;
  /** The public base URL: issuer of the session, and with `/ui` its audience. */
  publicUrl: string;
  clock?: () => number;
  ttlSeconds?: number;
  newSessionId?: () => string;
}

const claimsSchema = z.object({
  sub: z.string().min(3),
  sid: z.string().min(16),
  exp: z.number().int(),
});

export function createSessionTokens(options: SessionTokenOptions): SessionTokens {
  const { keys, publicUrl } = options;
  const clock = options.clock ?? Date.now;
  const ttlSec = options.ttlSeconds ?? SESSION_TTL_S;
  const newSessionId = options.newSessionId ?? (() => randomBytes(18).toString('base64url'));
  const envelope = { typ: SESSION_TYPE, issuer: publicUrl, audience: `${publicUrl}/ui`, label: 'session' };
  const mac = (key: Uint8Array, session: Pick<Session, 'email' | 'sessionId'>) =>
    hmac(key, `${session.sessionId}\n${session.email}`);

  return {
    async issue(email) {
      const nowMs = clock();
      const session: Session = {
        email,
        sessionId: newSessionId(),
        expiresAt: Math.floor(nowMs / 1000) + ttlSec,
      };
      const claims = { sub: email, sid: session.sessionId };
      const token = await signJws(keys.current('uiSession'), {
        ...envelope,
        claims,
        jti: session.sessionId,
        nowMs,
        ttlSec,
      });
      return { token, session };
    },
    async read(token) {
      if (token === undefined || token === '' || token.length > 4096) return undefined;
      try {
        const payload = await verifyJws(keys.accepted('uiSession'), token, envelope, clock());
        const claims = parseClaims(claimsSchema, payload, envelope.label);
        return { email: claims.sub, sessionId: claims.sid, expiresAt: claims.exp };
      } catch {
        return undefined;
      }
    },
    csrfFor: (session) => mac(keys.current('uiCsrf'), session),
    checkCsrf: (session, token) =>
      token !== undefined && keys.accepted('uiCsrf').some((key) => safeEqual(mac(key, session), token)),
  };
}
