import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSealedKind } from './jwt.js';
import { createKeyRing } from './keys.js';

const T0 = Date.UTC(2026, 5, 1);
const SECRET = '4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5';
const schema = z.object({ state: z.string(), attempts: z.number() });
const envelope = {
  typ: 'test+jwt',
  issuer: 'https://img.example.com',
  audience: 'https://img.example.com/x',
  label: 'test value',
};

function kind(options: { secret?: string; previous?: string; now?: number; typ?: string } = {}) {
  return createSealedKind({
    keys: createKeyRing(options.secret ?? SECRET, options.previous),
    purpose: 'uiLogin',
    envelope: { ...envelope, typ: options.typ ?? envelope.typ },
    ttlSec: 600,
    schema,
    clock: () => options.now ?? T0,
    newId: () => 'id-1',
  });
}

describe('sealed values', () => {
  it('gives back the typed value it sealed, with its id and expiry', async () => {
    const sealed = await kind().seal({ state: 's', attempts: 2 });
    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed).not.toContain('attempts');
    await expect(kind().open(sealed)).resolves.toEqual({
      value: { state: 's', attempts: 2 },
      jti: 'id-1',
      exp: T0 / 1000 + 600,
    });
  });

  it.each([
    ['after it expired', { now: T0 + 601_000 }, 'The test value has expired.'],
    ['as another kind', { typ: 'other+jwt' }, 'This is not a test value (wrong token type).'],
    ['under another secret', { secret: 'f'.repeat(8) + SECRET.slice(8) }, 'not issued by this server'],
  ])('refuses to open it %s', async (_label, options, message) => {
    const sealed = await kind().seal({ state: 's', attempts: 1 });
    await expect(kind(options).open(sealed)).rejects.toMatchObject({
      code: 'invalid_token',
      message: expect.stringContaining(message),
    });
  });

  it('opens what the previous secret sealed during a key rotation', async () => {
    const sealed = await kind({ secret: 'a'.repeat(8) + SECRET.slice(8) }).seal({ state: 's', attempts: 1 });
    const rotated = kind({ previous: 'a'.repeat(8) + SECRET.slice(8) });
    await expect(rotated.open(sealed)).resolves.toMatchObject({ value: { state: 's' } });
  });

  it('refuses a sealed value of the wrong shape', async () => {
    const loose = createSealedKind({
      ...{ keys: createKeyRing(SECRET), purpose: 'uiLogin' as const, envelope, ttlSec: 60, clock: () => T0 },
      schema: z.object({ other: z.string() }),
    });
    const sealed = await loose.seal({ other: 'x' });
    await expect(kind().open(sealed)).rejects.toMatchObject({
      code: 'invalid_token',
      message: expect.stringContaining('lacks the claims'),
    });
  });
});
