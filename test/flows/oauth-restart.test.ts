// What the authorization server remembers across a restart with the same key and data folder: a spent
// code stays spent, a revoked access token or sign-in stays revoked, and an older refresh token presented
// after a newer one was used is still caught as a replay. Also: the state file holds no token or e-mail,
// and a server with auth disabled writes none.
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, HeadlessProvider } from '../helpers/oauth-client.js';
import { createOAuthFlow } from '../helpers/oauth-flow.js';
import { startTestServer } from '../helpers/server.js';

const flow = createOAuthFlow();
const handedOut: string[] = [];

beforeAll(() => flow.start());
afterAll(() => flow.stop());

/** A registered client and the tokens its first code bought. */
async function signedIn(): Promise<{ clientId: string; accessToken: string; refreshToken: string }> {
  const clientId = await flow.registerClient();
  const response = await flow.redeem(clientId, await flow.freshCode(clientId));
  expect(response.status).toBe(200);
  const body: { access_token: string; refresh_token: string } = await response.json();
  handedOut.push(body.access_token, body.refresh_token);
  return { clientId, accessToken: body.access_token, refreshToken: body.refresh_token };
}

const errorOf = async (response: Response) => ({ status: response.status, ...(await response.json()) });

describe('after a restart with the same key and data folder', () => {
  it('still refuses an access token the client revoked', async () => {
    const ada = new HeadlessProvider(flow, { email: 'ada@example.com', email_verified: true });
    await (await connect(ada)).close();
    const accessToken = ada.saved?.access_token ?? '';
    handedOut.push(accessToken, ada.saved?.refresh_token ?? '');
    expect((await flow.revoke(ada.client?.client_id ?? '', accessToken)).status).toBe(200);
    await flow.server.restart();
    const refused = await flow.callMcp(accessToken);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('revoked');
  });

  it('still refuses a revoked sign-in, by refresh token and by access token', async () => {
    const { clientId, accessToken, refreshToken } = await signedIn();
    expect((await flow.revoke(clientId, refreshToken)).status).toBe(200);
    await flow.server.restart();
    expect((await flow.callMcp(accessToken)).status).toBe(401);
    expect(await errorOf(await flow.refresh(clientId, refreshToken))).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      error_description: expect.stringContaining('revoked'),
    });
  });

  it('still refuses a code that was already redeemed', async () => {
    const clientId = await flow.registerClient();
    const code = await flow.freshCode(clientId);
    expect((await flow.redeem(clientId, code)).status).toBe(200);
    await flow.server.restart();
    expect(await errorOf(await flow.redeem(clientId, code))).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      error_description: expect.stringContaining('already used'),
    });
  });

  it('still catches an older refresh token presented after the newer one was used', async () => {
    const { clientId, refreshToken: first } = await signedIn();
    const rotated = await flow.refresh(clientId, first);
    expect(rotated.status).toBe(200);
    const { refresh_token: second }: { refresh_token: string } = await rotated.json();
    handedOut.push(second);
    await flow.server.restart();
    expect(await errorOf(await flow.refresh(clientId, first))).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      error_description: expect.stringContaining('already used'),
    });
    // The replay revoked the whole sign-in, the newest refresh token with it.
    expect((await flow.refresh(clientId, second)).status).toBe(400);
  });

  it('keeps only ids and times in the state file: no token, e-mail or secret', async () => {
    await flow.server.restart();
    const saved = await readFile(join(flow.server.root, '.auth', 'state.json'), 'utf8');
    expect(JSON.parse(saved)).toMatchObject({ version: 1, spentCodes: expect.any(Array) });
    expect(handedOut.every((token) => token.length > 20)).toBe(true);
    expect(handedOut.filter((token) => saved.includes(token))).toEqual([]);
    expect(saved).not.toContain('@');
  });
});

describe('with auth disabled', () => {
  it('writes no auth state', async () => {
    const server = await startTestServer();
    try {
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      await server.restart();
      await expect(access(join(server.root, '.auth'))).rejects.toThrow(/ENOENT/);
    } finally {
      await server.stop();
    }
  });
});
