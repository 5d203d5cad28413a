// Whose history a read-only tool shows: the caller's own, or, for admins (everyone when auth is off),
// another person named by `email`. Anyone else naming someone else is refused, not silently redirected.

import type { Caller } from '../auth/index.js';
import { normaliseEmail } from '../email.js';
import { AppError } from '../errors.js';

export interface AdminCheck {
  isAdmin(email: string): boolean;
}

export function resolveSubject(access: AdminCheck, caller: Caller, requested: string | undefined): string {
  const own = normaliseEmail(caller.email);
  const wanted = requested === undefined ? '' : normaliseEmail(requested);
  if (wanted === '' || wanted === own) return own;
  if (access.isAdmin(caller.email)) return wanted;
  throw new AppError(
    'access_denied',
    `Only admins of this server can look at other people's images. Leave out "email" to see your own.`,
  );
}
