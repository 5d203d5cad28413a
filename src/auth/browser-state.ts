// What the browser carries between /authorize, /consent and /auth/callback, so the server keeps no
// session store: the pending authorization request (sealed into the consent form), the CSRF token that
// ties that form to this browser's binding cookie, and the login transaction cookie (sealed, 10 minutes)
// that /auth/callback must see before it trusts Google's answer — the confused-deputy defence.
import { z } from 'zod';
import { hmac, safeEqual } from './hmac.js';
import { createSealedKind } from './jwt.js';
import type { KeyRing } from './keys.js';

export const BROWSER_STATE_TTL_SEC = 600;

const requestSchema = z.object({
  clientId: z.string(),
  clientName: z.string(),
  redirectUri: z.string(),
  /** Whether the client named the redirect URI (it may not when it registered only one). */
  redirectUriGiven: z.boolean(),
  /** The client's own `state`, echoed back untouched; absent when the client sent none. */
  state: z.string().optional(),
  codeChallenge: z.string(),
  resource: z.string(),
  scope: z.string(),
  /** Set when the client id is a metadata document URL: the host that vouches for it. */
  verifiedHost: z.string().optional(),
});
/** After consent: the request plus our own secrets for the Google leg. */
const loginSchema = requestSchema.extend({
  googleState: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
});

/** A validated /authorize request, waiting for the person's consent. */
export type AuthorizationRequest = z.infer<typeof requestSchema>;
export type PendingLogin = z.infer<typeof loginSchema>;

export interface BrowserStateOptions {
  keys: KeyRing;
  issuer: string;
  clock: () => number;
  newId?: () => string;
}

export type BrowserState = ReturnType<typeof createBrowserState>;

export function createBrowserState({ keys, issuer, clock, newId }: BrowserStateOptions) {
  const common = { keys, clock, ttlSec: BROWSER_STATE_TTL_SEC, ...(newId === undefined ? {} : { newId }) };
  const request = createSealedKind({
    ...common,
    purpose: 'consentRequest',
    envelope: {
      typ: 'image-studio-consent+jwt',
      issuer,
      audience: `${issuer}/consent`,
      label: 'consent form',
    },
    schema: requestSchema,
  });
  const login = createSealedKind({
    ...common,
    purpose: 'transaction',
    envelope: {
      typ: 'image-studio-login+jwt',
      issuer,
      audience: `${issuer}/auth/callback`,
      label: 'sign-in transaction',
    },
    schema: loginSchema,
  });
  return {
    sealRequest: (value: AuthorizationRequest) => request.seal(value),
    openRequest: async (blob: string): Promise<AuthorizationRequest> => (await request.open(blob)).value,
    sealLogin: (value: PendingLogin) => login.seal(value),
    openLogin: async (cookie: string): Promise<PendingLogin> => (await login.open(cookie)).value,
    /** The consent form's CSRF token: bound to this browser (cookie value) and to this very request. */
    csrfToken: (binding: string, sealedRequest: string) =>
      hmac(keys.current('consentCsrf'), `${binding}|${sealedRequest}`),
    checkCsrf: (binding: string, sealedRequest: string, token: string) =>
      keys.accepted('consentCsrf').some((key) => safeEqual(hmac(key, `${binding}|${sealedRequest}`), token)),
  };
}
