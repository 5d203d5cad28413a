import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createKeyRing } from '../auth/keys.js';
import { createSessionTokens, SESSION_TTL_S } from './session.js';

const SECRET = 'a3f1c9e07b5d4a2f8e6c1b9d7a5f3e1c0b8d6a4f2e0c9b7d';
const OTHER_SECRET = '0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e';
const PUBLIC_URL = 'https://img.example.com';
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

function tokens(
  options: { secret?: string; previous?: string; now?: () => number; publicUrl?: string } = {},
) {
  return createSessionTokens({
    keys: createKeyRing(options.secret ?? SECRET, options.previous),
    publicUrl: options.publicUrl ?? PUBLIC_URL,
    clock: options.now ?? (() => T0),
  });
}

/** Changes one character well inside the last segment (the final character may only carry padding bits). */
function flipSignatureChar(token: string): string {
  const at = token.length - 10;
  const replacement = token[at] === 'A' ? 'B' : 'A';
  return `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
}

describe('session tokens', () => {
  it('reads back the e-mail, a random session id and the expiry it issued', async () => {
    const codec = tokens();
    const { token, session } = await codec.issue('ann@example.com');
    expect(session.expiresAt).toBe(T0 / 1000 + SESSION_TTL_S);
    expect(session.sessionId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await expect(codec.read(token)).resolves.toEqual(session);
    const second = await codec.issue('ann@example.com');
    expect(second.session.sessionId).not.toBe(session.sessionId);
  });

  it.each([
    ['a flipped signature character', (t: string) => flipSignatureChar(t)],
    ['a rewritten payload', (t: string) => rewritePayload(t, { sub: 'admin@example.com' })],
    ['garbage', () => 'not-a-token'],
    ['an empty value', () => ''],
    ['an oversized value', () => 'x'.repeat(5000)],
  ])('refuses a cookie with %s', async (_label, mangle) => {
    const codec = tokens();
    const { token } = await codec.issue('ann@example.com');
    await expect(codec.read(mangle(token))).resolves.toBeUndefined();
  });

  it('refuses a missing cookie', async () => {
    await expect(tokens().read(undefined)).resolves.toBeUndefined();
  });

  it('accepts a session until its last second and refuses it after expiry', async () => {
    let now = T0;
    const codec = tokens({ now: () => now });
    const { token } = await codec.issue('ann@example.com');
    now = T0 + (SESSION_TTL_S - 1) * 1000;
    await expect(codec.read(token)).resolves.toBeDefined();
    now = T0 + SESSION_TTL_S * 1000;
    await expect(codec.read(token)).resolves.toBeUndefined();
  });

  it('refuses a session signed with another secret', async () => {
    const { token } = await tokens({ secret: OTHER_SECRET }).issue('ann@example.com');
    await expect(tokens().read(token)).resolves.toBeUndefined();
  });

  it('still accepts a session signed with the previous secret during a key rotation', async () => {
    const { token } = await tokens({ secret: OTHER_SECRET }).issue('ann@example.com');
    const rotated = tokens({ previous: OTHER_SECRET });
    await expect(rotated.read(token)).resolves.toMatchObject({ email: 'ann@example.com' });
  });

  it('refuses a session minted for another deployment (issuer and audience pinned)', async () => {
    const { token } = await tokens({ publicUrl: 'https://other.example.com' }).issue('ann@example.com');
    await expect(tokens().read(token)).resolves.toBeUndefined();
  });

  it('refuses an unsigned token and a token of another type signed with the same key', async () => {
    const unsigned = new UnsecuredJWT({ sid: 'x'.repeat(24) })
      .setSubject('ann@example.com')
      .setIssuer(PUBLIC_URL)
      .setAudience(`${PUBLIC_URL}/ui`)
      .setIssuedAt(T0 / 1000)
      .setExpirationTime(T0 / 1000 + 60)
      .encode();
    const key = createKeyRing(SECRET).current('uiSession');
    const wrongType = await new SignJWT({ sid: 'x'.repeat(24) })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject('ann@example.com')
      .setIssuer(PUBLIC_URL)
      .setAudience(`${PUBLIC_URL}/ui`)
      .setIssuedAt(T0 / 1000)
      .setExpirationTime(T0 / 1000 + 60)
      .sign(key);
    await expect(tokens().read(unsigned)).resolves.toBeUndefined();
    await expect(tokens().read(wrongType)).resolves.toBeUndefined();
  });
});

describe('CSRF tokens', () => {
  const session = { email: 'ann@example.com', sessionId: 'abcdefghijklmnopqrstuvwx' };

  it('accepts the token issued for the same session', () => {
    const codec = tokens();
    expect(codec.checkCsrf(session, codec.csrfFor(session))).toBe(true);
  });

  it.each([
    ['another session of the same user', { ...session, sessionId: 'zyxwvutsrqponmlkjihgfedc' }],
    ['another user with the same session id', { ...session, email: 'bob@example.com' }],
  ])('refuses a token issued for %s', (_label, other) => {
    const codec = tokens();
    expect(codec.checkCsrf(session, codec.csrfFor(other))).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['malformed', 'not a token'],
  ])('refuses a %s token', (_label, token) => {
    expect(tokens().checkCsrf(session, token)).toBe(false);
  });

  it('refuses a tampered token', () => {
    const codec = tokens();
    expect(codec.checkCsrf(session, flipSignatureChar(codec.csrfFor(session)))).toBe(false);
  });

  it('refuses a token made with another secret and accepts one made with the previous secret', () => {
    const old = tokens({ secret: OTHER_SECRET }).csrfFor(session);
    expect(tokens().checkCsrf(session, old)).toBe(false);
    expect(tokens({ previous: OTHER_SECRET }).checkCsrf(session, old)).toBe(true);
  });
});

function rewritePayload(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims: Record<string, unknown> = JSON.parse(
    Buffer.from(payload ?? '', 'base64url').toString('utf8'),
  );
  const forged = Buffer.from(JSON.stringify({ ...claims, ...changes })).toString('base64url');
  return `${header}.${forged}.${signature}`;
}
