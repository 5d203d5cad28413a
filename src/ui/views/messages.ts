// The wording of every standalone dashboard page (what happened, what to do), kept together so it reads
// consistently. Each returns the props of MessagePage minus the stylesheet link. Pure.
import { UI_BASE } from '../paths.js';
import type { MessagePageProps } from './message-page.js';

export type Message = Omit<MessagePageProps, 'styleHref'>;

const signInAgain = { href: `${UI_BASE}/login`, label: 'Sign in again' };

export function invitationOnly(email: string): Message {
  return {
    title: 'Invitation only',
    paragraphs: [
      `You signed in as ${email}, but this Image Studio is open to invited people only and that address is not on its list.`,
      'If you think it should be, ask the person who runs this server to add it, then sign in again.',
    ],
    action: signInAgain,
  };
}

export function unverifiedEmail(): Message {
  return {
    title: 'E-mail not verified',
    paragraphs: [
      'Google did not confirm that the e-mail address of this account is verified, so it cannot be used here.',
      'Verify the address with Google or sign in with another account.',
    ],
    action: signInAgain,
  };
}

export function signedOut(): Message {
  return {
    title: 'Signed out',
    paragraphs: ['You are signed out of the Image Studio dashboard. Your images are still stored.'],
    action: signInAgain,
  };
}

export function formRefused(): Message {
  return {
    title: 'Form refused',
    paragraphs: [
      'This form did not carry a valid security token for your session, so nothing was changed.',
      'It may have expired or come from another site. Go back, reload the page and try again.',
    ],
    action: { href: UI_BASE, label: 'Back to the dashboard' },
  };
}

export function sessionEnded(): Message {
  return {
    title: 'Session ended',
    paragraphs: ['Your dashboard session has ended, so nothing was changed. Sign in and try again.'],
    action: signInAgain,
  };
}

export function loginExpired(): Message {
  return {
    title: 'Sign-in expired',
    paragraphs: [
      'This sign-in took too long or was started in another browser window, so it could not be finished.',
    ],
    action: { href: `${UI_BASE}/login`, label: 'Start again' },
  };
}

export function loginFailed(detail: string): Message {
  return {
    title: 'Sign-in failed',
    paragraphs: [detail],
    action: { href: `${UI_BASE}/login`, label: 'Try again' },
  };
}

export function loginUnavailable(): Message {
  return {
    title: 'Sign-in unavailable',
    paragraphs: [
      'Google sign-in is not set up on this server. The operator needs to set GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET.',
    ],
  };
}

export function problem(title: string, detail: string): Message {
  return { title, paragraphs: [detail], action: { href: UI_BASE, label: 'Back to the dashboard' } };
}

export function imageNotFound(): Message {
  return {
    title: 'No such image',
    paragraphs: ['There is no image with that name that you can manage. It may have been deleted already.'],
    action: { href: `${UI_BASE}/gallery`, label: 'Back to my images' },
  };
}
