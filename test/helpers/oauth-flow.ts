// The OAuth end-to-end world shared by the flow tests: the real server with auth on, next to the fake
// Google, and the requests a client and a person make against it. A browser (cookie jar, no automatic
// redirects) plays the person through consent and Google; the wire helpers play a registered public
// client at /register, /token and /revoke with a fixed PKCE verifier. The SDK client lives in
// oauth-client.ts.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { type FakeGoogle, type FakeUser, startFakeGoogle } from '../fakes/google.js';
import { startTestServer, type TestServer, type TestServerOptions } from './server.js';

export const GOOGLE_ID = 'flow-client.apps.googleusercontent.com';
export const GOOGLE_SECRET = 'GOCSPX-flow-secret-0123456789';
export const SIGNING_KEY = 'b7e151628aed2a6abf7158809cf4f3c762e7160f38b4da56a784d9045190cfef';
export const CLIENT_REDIRECT = 'http://127.0.0.1:33418/oauth/callback';
const VERIFIER = 'v'.repeat(64);
const ADA: FakeUser = { email: 'ada@example.com', email_verified: true };

export type OAuthFlow = ReturnType<typeof createOAuthFlow>;

/** Built before the servers exist (tests create providers at collection time); `start()` in beforeAll. */
export function createOAuthFlow() {
  let running: { server: TestServer; google: FakeGoogle } | undefined;
  const need = () => {
    if (running === undefined) throw new Error('the OAuth flow is not started; call start() in beforeAll');
    return running;
  };
  const url = () => need().server.url;
  const postForm = (path: string, form: Record<string, string>) =>
    fetch(`${url()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });

  const flow = {
    get server() {
      return need().server;
    },
    get google() {
      return need().google;
    },
    get url() {
      return url();
    },
    /**
     * Fake Google, then the server with auth on and ada@example.com allowed; `env` adds variables (e.g.
     * IMG_EXTRA_REDIRECT_URIS) and `authNetwork` serves client metadata documents.
     */
    async start(extra: Pick<TestServerOptions, 'env' | 'authNetwork'> = {}) {
      const redirectUris: string[] = [];
      const google = await startFakeGoogle({
        clientId: GOOGLE_ID,
        clientSecret: GOOGLE_SECRET,
        redirectUris,
      });
      const server = await startTestServer({
        env: {
          IMG_AUTH_DISABLED: '0',
          GOOGLE_OAUTH_CLIENT_ID: GOOGLE_ID,
          GOOGLE_OAUTH_CLIENT_SECRET: GOOGLE_SECRET,
          IMG_GOOGLE_ISSUER: google.issuer,
          IMG_ALLOWED_EMAILS: 'ada@example.com',
          IMG_JWT_SIGNING_KEY: SIGNING_KEY,
          ...extra.env,
        },
        ...(extra.authNetwork === undefined ? {} : { authNetwork: extra.authNetwork }),
      });
      redirectUris.push(`${server.url}/auth/callback`, `${server.url}/ui/auth/callback`);
      running = { server, google };
      return running;
    },
    async stop() {
      await running?.server.stop();
      await running?.google.close();
    },

    /** Plays the person: consent page → approve → Google (as `user`) → our callback → back to the client. */
    async signInThroughBrowser(authorizationUrl: URL, user: FakeUser): Promise<URL> {
      const browse = createBrowser(url());
      const consent = await browse(authorizationUrl.href);
      expect(consent.status).toBe(200);
      const html = await consent.text();
      const approved = await browse(`${url()}/consent`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          request: field(html, 'request'),
          csrf: field(html, 'csrf'),
          decision: 'approve',
        }),
      });
      need().google.setNextUser(user);
      const atGoogle = await browse(approved.headers.get('location') ?? '');
      const callback = await browse(atGoogle.headers.get('location') ?? '');
      expect(callback.status).toBe(302);
      return new URL(callback.headers.get('location') ?? '');
    },

    register(redirectUris: string[] = [CLIENT_REDIRECT]) {
      return fetch(`${url()}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_name: 'Wire Test', redirect_uris: redirectUris }),
      });
    },
    /** Registers a client for CLIENT_REDIRECT and returns its id. */
    async registerClient(): Promise<string> {
      const body: { client_id: string } = await (await flow.register()).json();
      return body.client_id;
    },
    authorizeUrl(clientId: string, redirectUri = CLIENT_REDIRECT): URL {
      const authorize = new URL('/authorize', url());
      authorize.search = new URLSearchParams({
        client_id: clientId,
        redirect_uri: redirectUri,
        response_type: 'code',
        code_challenge: createHash('sha256').update(VERIFIER).digest('base64url'),
        code_challenge_method: 'S256',
        state: 'wire',
      }).toString();
      return authorize;
    },
    /** A code for `clientId`, signed in as ada@example.com. */
    async freshCode(clientId: string): Promise<string> {
      const answer = await flow.signInThroughBrowser(flow.authorizeUrl(clientId), ADA);
      return answer.searchParams.get('code') ?? '';
    },
    redeem(clientId: string, code: string, codeVerifier = VERIFIER) {
      return postForm('/token', {
        grant_type: 'authorization_code',
        client_id: clientId,
        code,
        code_verifier: codeVerifier,
        redirect_uri: CLIENT_REDIRECT,
      });
    },
    refresh(clientId: string, refreshToken: string) {
      return postForm('/token', {
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: refreshToken,
      });
    },
    revoke(clientId: string, token: string) {
      return postForm('/revoke', { client_id: clientId, token });
    },
    /** POST /mcp with a bearer token and an empty body: anything but 401 means the token was honoured. */
    callMcp(accessToken: string) {
      return fetch(`${url()}/mcp`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: '{}',
      });
    },
  };
  return flow;
}

/** A browser with a cookie jar that never follows redirects on its own. */
function createBrowser(serverUrl: string) {
  const jar = new Map<string, string>();
  return async (target: string, init: RequestInit = {}): Promise<Response> => {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const headers = new Headers(init.headers);
    if (cookie !== '' && target.startsWith(serverUrl)) headers.set('cookie', cookie);
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (attributes.some((a) => /max-age=0/i.test(a.trim()))) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
}

const field = (html: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
