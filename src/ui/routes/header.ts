// The page header's props for a viewer (their e-mail, admin badge, the sign-out form's CSRF token),
// shared by every signed-in page.
import type { Viewer } from '../../http/types.js';
import type { UiRuntime } from '../deps.js';
import type { HeaderProps } from '../views/layout.js';

export function headerFor(rt: UiRuntime, viewer: Viewer): HeaderProps {
  return {
    email: viewer.email,
    isAdmin: viewer.isAdmin,
    authDisabled: rt.deps.config.authDisabled,
    csrf: rt.sessions.csrfFor(viewer),
  };
}
