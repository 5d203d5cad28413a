// What the browser carries between /authorize, /consent and /auth/callback, so the server keeps no
// session store: the pending authorization request (sealed into the consent form), the CSRF token that
// ties that form to this browser's binding cookie, and the login transaction cookie (sealed, 10 minutes)
// that /auth/callback must see before it trusts Google's answer — the confused-deputy defence.
import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { z } from 'zod';
import { hmac, safeEqual } from './hmac.js';
import { openJwe, parseClaims, sealJwe, type TokenEnvelope } from './jwt.js';
import type { KeyRing } from './keys.js';

export const BROWSER_STATE_TTL_SEC = 600;

/** A validated /authorize request, waiting for the person's consent. */
export interface AuthorizationRequest {
  clientId: string;
  clientName: string;
  redirectUri: string;
  /** Whether the client named the redirect URI (it may not when it registered only one). */
  redirectUriGiven: boolean;
  /** The client's own `state`, echoed back untouched; absent when the client sent none. */
  state: string | undefined;
  codeChallenge: string;
  resource: string;
  scope: string;
  /** Set when the client id is a metadata document URL: the host that vouches for it. */
  verifiedHost: string | undefined;
}

/** After consent: the request plus our own secrets for the Google leg. */
export interface PendingLogin extends AuthorizationRequest {
  googleState: string;
  nonce: string;
  codeVerifier: string;
}

const requestShape = {
  client_id: z.string(),
  client_name: z.string(),
  redirect_uri: z.string(),
  redirect_uri_given: z.boolean(),
  client_state: z.string().optional(),
  code_challenge: z.string(),
  resource: z.string(),
  scope: z.string(),
  verified_host: z.string().optional(),
};
const requestSchema = z.object(requestShape);
const loginSchema = z.object({
  ...requestShape,
  google_state: z.string(),
  nonce: z.string(),
  code_verifier: z.string(),
});

export interface BrowserStateOptions {
  keys: KeyRing;
  issuer: string;
  clock: () => number;
  newId?: () => string;
}

export type BrowserState = ReturnType<typeof createBrowserState>;

export function createBrowserState({ keys, issuer, clock, newId = randomUUID }: BrowserStateOptions) {
  const requestEnvelope: TokenEnvelope = {
    typ: 'image-studio-consent+jwt',
    issuer,
    audience: `${issuer}/consent`,
    label: 'consent form',
  };
  const loginEnvelope: TokenEnvelope = {
    typ: 'image-studio-login+jwt',
    issuer,
    audience: `${issuer}/auth/callback`,
    label: 'sign-in transaction',
  };
  const seal = (key: Uint8Array, envelope: TokenEnvelope, claims: JWTPayload) =>
    sealJwe(key, { ...envelope, claims, jti: newId(), nowMs: clock(), ttlSec: BROWSER_STATE_TTL_SEC });

  return {
    sealRequest: (request: AuthorizationRequest) =>
      seal(keys.current('consentRequest'), requestEnvelope, requestClaims(request)),
    async openRequest(blob: string): Promise<AuthorizationRequest> {
      const payload = await openJwe(keys.accepted('consentRequest'), blob, requestEnvelope, clock());
      return fromRequestClaims(parseClaims(requestSchema, payload, requestEnvelope.label));
    },
    sealLogin: (login: PendingLogin) =>
      seal(keys.current('transaction'), loginEnvelope, {
        ...requestClaims(login),
        google_state: login.googleState,
        nonce: login.nonce,
        code_verifier: login.codeVerifier,
      }),
    async openLogin(cookie: string): Promise<PendingLogin> {
      const payload = await openJwe(keys.accepted('transaction'), cookie, loginEnvelope, clock());
      const claims = parseClaims(loginSchema, payload, loginEnvelope.label);
      return {
        ...fromRequestClaims(claims),
        googleState: claims.google_state,
        nonce: claims.nonce,
        codeVerifier: claims.code_verifier,
      };
    },
    /** The consent form's CSRF token: bound to this browser (cookie value) and to this very request. */
    csrfToken: (binding: string, sealedRequest: string) =>
      hmac(keys.current('consentCsrf'), `${binding}|${sealedRequest}`),
    checkCsrf: (binding: string, sealedRequest: string, token: string) =>
      keys.accepted('consentCsrf').some((key) => safeEqual(hmac(key, `${binding}|${sealedRequest}`), token)),
  };
}

function requestClaims(request: AuthorizationRequest): JWTPayload {
  return {
    client_id: request.clientId,
    client_name: request.clientName,
    redirect_uri: request.redirectUri,
    redirect_uri_given: request.redirectUriGiven,
    client_state: request.state,
    code_challenge: request.codeChallenge,
    resource: request.resource,
    scope: request.scope,
    verified_host: request.verifiedHost,
  };
}

function fromRequestClaims(claims: z.infer<typeof requestSchema>): AuthorizationRequest {
  return {
    clientId: claims.client_id,
    clientName: claims.client_name,
    redirectUri: claims.redirect_uri,
    redirectUriGiven: claims.redirect_uri_given,
    state: claims.client_state,
    codeChallenge: claims.code_challenge,
    resource: claims.resource,
    scope: claims.scope,
    verifiedHost: claims.verified_host,
  };
}
