// Who may see what on the dashboard: admins see every user, everyone else sees only their own
// images and cost. With auth disabled the viewer is the admin `dev@local`, so everything is visible.
// Pure functions over the Viewer set by the session middleware.
import { normaliseEmail } from '../email.js';
import { AppError } from '../errors.js';
import type { Viewer } from '../http/types.js';

export const DEV_VIEWER_EMAIL = 'dev@local';

export function canSeeUser(viewer: Pick<Viewer, 'email' | 'isAdmin'>, email: string): boolean {
  return viewer.isAdmin || viewer.email === normaliseEmail(email);
}

/**
 * The user whose gallery to show: the viewer's own unless another user is asked for, which only an admin
 * may do. Throws `access_denied` for anyone else.
 */
export function resolveGalleryOwner(viewer: Pick<Viewer, 'email' | 'isAdmin'>, requested?: string): string {
  const wanted = requested === undefined ? undefined : normaliseEmail(requested);
  if (wanted === undefined || wanted === '') return viewer.email;
  if (canSeeUser(viewer, wanted)) return wanted;
  throw new AppError(
    'access_denied',
    `Only dashboard admins can look at other people's images. Open your own gallery instead.`,
  );
}
