// The short-lived cookie that carries a dashboard login from /ui/login to /ui/auth/callback: Google's
// `state`, `nonce` and our PKCE verifier, encrypted (JWE dir + A256GCM, key `uiLogin`) so the verifier
// never travels in clear, and expiring after a few minutes. It binds the callback to the browser that
// started the login.
import { EncryptJWT, jwtDecrypt } from 'jose';
import { z } from 'zod';
import type { KeyRing } from '../auth/keys.js';

export const LOGIN_TTL_S = 10 * 60;
const LOGIN_TYPE = 'ui-login+jwt';

export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface LoginStates {
  seal(pending: PendingLogin): Promise<string>;
  /** The pending login, or undefined when the cookie is missing, tampered with or too old. */
  open(token: string | undefined): Promise<PendingLogin | undefined>;
}

const pendingSchema = z.object({
  state: z.string().min(8).max(512),
  nonce: z.string().min(8).max(512),
  cv: z.string().min(43).max(128),
});

export function createLoginStates(options: {
  keys: KeyRing;
  clock?: () => number;
  ttlSeconds?: number;
}): LoginStates {
  const clock = options.clock ?? Date.now;
  const ttl = options.ttlSeconds ?? LOGIN_TTL_S;
  return {
    async seal(pending) {
      const now = Math.floor(clock() / 1000);
      return new EncryptJWT({ state: pending.state, nonce: pending.nonce, cv: pending.codeVerifier })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: LOGIN_TYPE })
        .setIssuedAt(now)
        .setExpirationTime(now + ttl)
        .encrypt(options.keys.current('uiLogin'));
    },
    async open(token) {
      if (token === undefined || token === '' || token.length > 4096) return undefined;
      for (const key of options.keys.accepted('uiLogin')) {
        const pending = await decrypt(token, key, clock);
        if (pending !== undefined) return pending;
      }
      return undefined;
    },
  };
}

async function decrypt(
  token: string,
  key: Uint8Array,
  clock: () => number,
): Promise<PendingLogin | undefined> {
  try {
    const { payload } = await jwtDecrypt(token, key, {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
      typ: LOGIN_TYPE,
      requiredClaims: ['exp', 'iat'],
      currentDate: new Date(clock()),
      clockTolerance: 0,
    });
    const parsed = pendingSchema.safeParse(payload);
    if (!parsed.success) return undefined;
    return { state: parsed.data.state, nonce: parsed.data.nonce, codeVerifier: parsed.data.cv };
  } catch {
    return undefined;
  }
}
