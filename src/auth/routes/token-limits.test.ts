import { describe, expect, it } from 'vitest';
import {
  TEST_PUBLIC_URL as BASE,
  callMcp,
  createAuthTestApp,
  postForm,
} from '../../../test/helpers/auth-app.js';
import { issueClientId } from '../client-id.js';
import { createKeyRing } from '../keys.js';
import { s256Challenge } from '../pkce.js';
import type { AuthLimits } from '../rate-limit.js';
import { createTokenService } from '../tokens.js';

const KEY = '5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29';
const keys = createKeyRing(KEY);
const CLAUDE = 'https://claude.ai/api/mcp/auth_callback';
const CLAUDE_CIMD = 'https://claude.ai/oauth/mcp-oauth-client-metadata';
const VERIFIER = 'q'.repeat(50);
const dcrClaude = issueClientId(keys, { redirectUris: [CLAUDE], name: 'Claude', authMethod: 'none' });
const otherClient = issueClientId(keys, {
  redirectUris: ['http://localhost:1/cb'],
  name: 'Other',
  authMethod: 'none',
});
/** An app, and a token service for minting its codes, on a clock the test can move forward. */
function createServer(limits: Partial<AuthLimits> = {}) {
  let offsetMs = 0;
  const clock = () => Date.now() + offsetMs;
  const { app } = createAuthTestApp({ signingKey: KEY, clock, limits });
  const tokens = createTokenService({ keys, issuer: BASE, resource: `${BASE}/mcp`, clock });
  return { app, tokens, advance: (ms: number) => (offsetMs += ms) };
}
type Server = ReturnType<typeof createServer>;

async function codeFor({ tokens }: Server, clientId: string, redirectUri: string) {
  return tokens.issueCode({
    clientId,
    sub: '42',
    email: 'ada@example.com',
    emailVerified: true,
    scope: 'mcp',
    redirectUri,
    redirectUriGiven: true,
    codeChallenge: s256Challenge(VERIFIER),
    resource: `${BASE}/mcp`,
  });
}

async function redeem(server: Server, clientId: string, redirectUri = CLAUDE) {
  return postForm(server.app, '/token', {
    grant_type: 'authorization_code',
    client_id: clientId,
    code: await codeFor(server, clientId, redirectUri),
    code_verifier: VERIFIER,
    redirect_uri: redirectUri,
  });
}

const refresh = ({ app }: Server, clientId: string, refreshToken: string) =>
  postForm(app, '/token', { grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken });

async function refusal(response: Response, status: number, error: string, message: string) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body.error).toBe(error);
  expect(body.error_description).toContain(message);
}

describe('POST /token rate limits', () => {
  it.each([
    ["Claude's shared metadata-document id", CLAUDE_CIMD],
    ["Claude's shared registered id", dcrClaude],
  ])('never lets junk requests under %s lock out a real refresh', async (_label, clientId) => {
    const server = createServer();
    const first = await (await redeem(server, clientId)).json();
    for (let i = 0; i < 130; i++) {
      await refresh(server, clientId, `junk-${i}`);
      await postForm(server.app, '/token', {
        grant_type: 'authorization_code',
        client_id: clientId,
        code: `junk-${i}`,
        code_verifier: VERIFIER,
        redirect_uri: CLAUDE,
      });
    }
    expect((await refresh(server, clientId, first.refresh_token)).status).toBe(200);
    expect((await redeem(server, clientId)).status).toBe(200);
  });

  it('limits refreshes per sign-in, and a refused refresh token stays usable', async () => {
    const server = createServer({ grantsPerFamilyPerMinute: 2 });
    let current = (await (await redeem(server, CLAUDE_CIMD)).json()).refresh_token;
    const otherSignIn = (await (await redeem(server, CLAUDE_CIMD)).json()).refresh_token;
    current = (await (await refresh(server, CLAUDE_CIMD, current)).json()).refresh_token;
    const limited = await refresh(server, CLAUDE_CIMD, current);
    expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(limited.headers.get('cache-control')).toBe('no-store');
    await refusal(limited, 429, 'temporarily_unavailable', 'Too many token requests for this sign-in');
    expect((await refresh(server, CLAUDE_CIMD, otherSignIn)).status).toBe(200);
    server.advance(60_000);
    expect((await refresh(server, CLAUDE_CIMD, current)).status).toBe(200);
  });

  it('limits code redemptions per registered client, counting only valid ones', async () => {
    const server = createServer({ codesPerClientPerMinute: 2 });
    for (let i = 0; i < 5; i++)
      await postForm(server.app, '/token', {
        grant_type: 'authorization_code',
        client_id: dcrClaude,
        code: 'junk',
        code_verifier: VERIFIER,
      });
    expect((await redeem(server, dcrClaude)).status).toBe(200);
    expect((await redeem(server, dcrClaude)).status).toBe(200);
    await refusal(
      await redeem(server, dcrClaude),
      429,
      'temporarily_unavailable',
      'sign-ins for this application',
    );
    expect((await redeem(server, otherClient, 'http://localhost:1/cb')).status).toBe(200);
  });

  it('caps all token requests together, to protect the CPU', async () => {
    const server = createServer({ tokenPerMinute: 3 });
    for (let i = 0; i < 3; i++) await refresh(server, dcrClaude, 'junk');
    const limited = await refresh(server, dcrClaude, 'junk');
    expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    await refusal(limited, 429, 'temporarily_unavailable', 'Too many token requests to this server');
  });
});

describe('POST /token when the replay record is full', () => {
  it('refuses a new sign-in with 503 when it tracks as many as it can, while known sign-ins keep refreshing', async () => {
    const server = createServer({ trackedEntries: 2 });
    const first = await (await redeem(server, dcrClaude)).json();
    const code = await codeFor(server, dcrClaude, CLAUDE);
    const full = await postForm(server.app, '/token', {
      grant_type: 'authorization_code',
      client_id: dcrClaude,
      code,
      code_verifier: VERIFIER,
      redirect_uri: CLAUDE,
    });
    expect(full.headers.get('retry-after')).toBe('60');
    await refusal(full, 503, 'temporarily_unavailable', 'as many sign-ins as it can');
    expect((await refresh(server, dcrClaude, first.refresh_token)).status).toBe(200);
  });

  it('keeps one replay record per sign-in, however often it refreshes', async () => {
    const server = createServer({ trackedEntries: 2 });
    let current = (await (await redeem(server, dcrClaude)).json()).refresh_token;
    const stale = current;
    for (let i = 0; i < 5; i++) {
      const response = await refresh(server, dcrClaude, current);
      expect(response.status).toBe(200);
      current = (await response.json()).refresh_token;
    }
    await refusal(await refresh(server, dcrClaude, stale), 400, 'invalid_grant', 'already used');
  });

  it('still records a revocation when the revocation list is full, and issues nothing until it empties', async () => {
    const server = createServer({ trackedEntries: 3 });
    const first = await (await redeem(server, dcrClaude)).json();
    server.advance(121_000);
    const second = await (await redeem(server, dcrClaude)).json();
    for (const token of [first.access_token, second.refresh_token])
      expect((await postForm(server.app, '/revoke', { client_id: dcrClaude, token })).status).toBe(200);
    expect((await callMcp(server.app, first.access_token)).status).toBe(401);
    expect((await callMcp(server.app, second.access_token)).status).toBe(401);
    await refusal(
      await refresh(server, dcrClaude, first.refresh_token),
      503,
      'temporarily_unavailable',
      'holds as many revocations as it can',
    );
  });
});
