import { describe, expect, it } from 'vitest';
import type { Caller } from '../auth/index.js';
import { resolveSubject } from './subject.js';

const ada: Caller = { email: 'ada@example.com', emailVerified: true, via: 'oauth' };
const admins = { isAdmin: (email: string) => email === 'boss@example.com' };

describe('whose history a read-only tool shows', () => {
  it.each([undefined, '', 'ADA@example.com '])('is the caller when %j is named', (requested) => {
    expect(resolveSubject(admins, ada, requested)).toBe('ada@example.com');
  });

  it('lets an admin name another person', () => {
    const boss: Caller = { ...ada, email: 'boss@example.com' };
    expect(resolveSubject(admins, boss, 'Bob@Example.com')).toBe('bob@example.com');
  });

  it('refuses anyone else who names another person', () => {
    expect(() => resolveSubject(admins, ada, 'bob@example.com')).toThrow(
      expect.objectContaining({ code: 'access_denied', message: expect.stringContaining('Only admins') }),
    );
  });
});
