// Dashboard session and CSRF tokens. The session is an HS256 JWT in a cookie (key `uiSession`), pinned to
// its algorithm, type, issuer and audience, with a short lifetime. The CSRF token is an HMAC (key `uiCsrf`)
// over the session id and e-mail, so it is useless outside the session it was issued for and dies with it.
// Keys come from auth/keys.ts; the previous signing secret is accepted for verification only.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { KeyRing } from '../auth/keys.js';

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
  const clock = options.clock ?? Date.now;
  const ttl = options.ttlSeconds ?? SESSION_TTL_S;
  const newSessionId = options.newSessionId ?? (() => randomBytes(18).toString('base64url'));
  const audience = `${options.publicUrl}/ui`;

  const mac = (key: Uint8Array, session: Pick<Session, 'email' | 'sessionId'>): Buffer =>
    createHmac('sha256', key).update(`${session.sessionId}\n${session.email}`).digest();

  return {
    async issue(email) {
      const now = Math.floor(clock() / 1000);
      const session: Session = { email, sessionId: newSessionId(), expiresAt: now + ttl };
      const token = await new SignJWT({ sid: session.sessionId })
        .setProtectedHeader({ alg: 'HS256', typ: SESSION_TYPE })
        .setSubject(email)
        .setIssuer(options.publicUrl)
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(session.expiresAt)
        .sign(options.keys.current('uiSession'));
      return { token, session };
    },

    async read(token) {
      if (token === undefined || token === '' || token.length > 4096) return undefined;
      for (const key of options.keys.accepted('uiSession')) {
        const claims = await verifySession(token, key, options.publicUrl, audience, clock);
        if (claims !== undefined) return { email: claims.sub, sessionId: claims.sid, expiresAt: claims.exp };
      }
      return undefined;
    },

    csrfFor(session) {
      return mac(options.keys.current('uiCsrf'), session).toString('base64url');
    },

    checkCsrf(session, token) {
      if (token === undefined || !/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
      const given = Buffer.from(token, 'base64url');
      return options.keys.accepted('uiCsrf').some((key) => timingSafeEqual(mac(key, session), given));
    },
  };
}

async function verifySession(
  token: string,
  key: Uint8Array,
  issuer: string,
  audience: string,
  clock: () => number,
): Promise<z.infer<typeof claimsSchema> | undefined> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      typ: SESSION_TYPE,
      issuer,
      audience,
      requiredClaims: ['sub', 'sid', 'exp', 'iat'],
      currentDate: new Date(clock()),
      clockTolerance: 0,
    });
    const parsed = claimsSchema.safeParse(payload);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
