import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { canSeeUser, DEV_VIEWER_EMAIL, resolveGalleryOwner } from './visibility.js';

const admin = { email: 'boss@example.com', isAdmin: true };
const ann = { email: 'ann@example.com', isAdmin: false };
const dev = { email: DEV_VIEWER_EMAIL, isAdmin: true };

describe('canSeeUser', () => {
  it.each([
    ['an admin', admin, 'ann@example.com', true],
    ['an admin', admin, 'boss@example.com', true],
    ['a user', ann, 'ann@example.com', true],
    ['a user', ann, ' ANN@example.com ', true],
    ['a user', ann, 'bob@example.com', false],
    ['the auth-disabled viewer', dev, 'bob@example.com', true],
  ])('%s looking at %s → %s', (_label, viewer, email, expected) => {
    expect(canSeeUser(viewer, email)).toBe(expected);
  });
});

describe('resolveGalleryOwner', () => {
  it.each([
    [ann, undefined, 'ann@example.com'],
    [ann, '', 'ann@example.com'],
    [ann, 'Ann@Example.com', 'ann@example.com'],
    [admin, undefined, 'boss@example.com'],
    [admin, 'bob@example.com', 'bob@example.com'],
    [dev, 'bob@example.com', 'bob@example.com'],
  ])('viewer %o asking for %s gets %s', (viewer, requested, expected) => {
    expect(resolveGalleryOwner(viewer, requested)).toBe(expected);
  });

  it("refuses a non-admin who asks for someone else's gallery", () => {
    let caught: unknown;
    try {
      resolveGalleryOwner(ann, 'bob@example.com');
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.code).toBe('access_denied');
    expect(isAppError(caught) && caught.message).toMatch(
      /Only dashboard admins can look at other people's images/,
    );
  });
});
