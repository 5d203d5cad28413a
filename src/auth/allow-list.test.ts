import { describe, expect, it } from 'vitest';
import { createAccessPolicy, normaliseEmail } from './allow-list.js';
import type { Caller } from './caller.js';

const enabled = createAccessPolicy({
  authDisabled: false,
  allowedEmails: ['ada@example.com', ' Grace@Example.COM '],
  adminEmails: ['ADMIN@example.com'],
});
const caller = (email: string, emailVerified = true): Caller => ({ email, emailVerified, via: 'oauth' });

describe('allow-list policy', () => {
  it.each([
    ['  Ada@Example.com ', 'ada@example.com'],
    ['GRACE@EXAMPLE.COM', 'grace@example.com'],
    ['plain@x.io', 'plain@x.io'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });

  it.each([
    ['ada@example.com', true],
    [' ADA@example.com', true],
    ['grace@example.com', true],
    ['mallory@example.com', false],
    ['ada@example.com.evil.io', false],
    ['', false],
  ])('allow-list membership of %j is %s', (email, expected) => {
    expect(enabled.isAllowed(email)).toBe(expected);
  });

  it('lets a verified, listed caller generate', () => {
    expect(enabled.canGenerate(caller('Ada@Example.com'))).toBe(true);
  });

  it('refuses a listed caller whose e-mail Google has not verified', () => {
    expect(enabled.canGenerate(caller('ada@example.com', false))).toBe(false);
  });

  it('refuses a verified caller who is not on the list', () => {
    expect(enabled.canGenerate(caller('mallory@example.com'))).toBe(false);
  });

  it('denies everyone when the list is empty (fail closed)', () => {
    const empty = createAccessPolicy({ authDisabled: false, allowedEmails: [], adminEmails: [] });
    expect(empty.canGenerate(caller('ada@example.com'))).toBe(false);
    expect(empty.isAllowed('ada@example.com')).toBe(false);
  });

  it('recognises admins case-insensitively and nobody else', () => {
    expect(enabled.isAdmin('admin@EXAMPLE.com')).toBe(true);
    expect(enabled.isAdmin('ada@example.com')).toBe(false);
  });

  it('allows everything when auth is disabled', () => {
    const open = createAccessPolicy({ authDisabled: true, allowedEmails: [], adminEmails: [] });
    expect(open.canGenerate({ email: 'dev@local', emailVerified: true, via: 'auth-disabled' })).toBe(true);
    expect(open.isAdmin('dev@local')).toBe(true);
  });
});
