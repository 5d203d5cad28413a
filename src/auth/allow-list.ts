// Who may do what once signed in: the allow-list of IMG_ALLOWED_EMAILS (may generate) and
// IMG_ADMIN_EMAILS (sees everyone's dashboard). Pure policy over the parsed Config; the MCP tool and the
// dashboard ask it, and it fails closed: an unverified or unlisted e-mail is never allowed.

import type { Config } from '../config.js';
import { normaliseEmail } from '../email.js';
import type { Caller } from './caller.js';

export interface AccessPolicy {
  /** Whether this caller may run generate_image. Always true when auth is disabled. */
  canGenerate(caller: Caller): boolean;
  /** Normalised membership of IMG_ALLOWED_EMAILS. */
  isAllowed(email: string): boolean;
  /** Normalised membership of IMG_ADMIN_EMAILS; always true when auth is disabled. */
  isAdmin(email: string): boolean;
}

export { normaliseEmail };

export function createAccessPolicy(
  config: Pick<Config, 'authDisabled' | 'allowedEmails' | 'adminEmails'>,
): AccessPolicy {
  const allowed = new Set(config.allowedEmails.map(normaliseEmail));
  const admins = new Set(config.adminEmails.map(normaliseEmail));
  const isAllowed = (email: string): boolean => allowed.has(normaliseEmail(email));
  return {
    isAllowed,
    isAdmin: (email) => config.authDisabled || admins.has(normaliseEmail(email)),
    canGenerate: (caller) =>
      config.authDisabled || (caller.emailVerified === true && isAllowed(caller.email)),
  };
}
