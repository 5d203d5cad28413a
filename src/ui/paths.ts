// Where the dashboard lives and the links it builds. The lead mounts createUi() at `/ui`; the session
// cookie is scoped to that path, and Google's redirect URI is `{IMG_PUBLIC_URL}/ui/auth/callback`.

export const UI_BASE = '/ui';
/**
 * Matches `/ui/` inside the sub-app: the parent app routes strictly, so the sub-app's `/` is only `/ui`.
 * The overview lives at `/ui`; this pattern lets `/ui/` redirect there instead of answering 404.
 */
export const TRAILING_SLASH_ROUTE = '/:trailing{^$}';
export const CALLBACK_PATH = `${UI_BASE}/auth/callback`;

export function callbackUrl(publicUrl: string): string {
  return `${publicUrl}${CALLBACK_PATH}`;
}

export function thumbHref(name: string): string {
  return `${UI_BASE}/thumbs/${name}`;
}

/** The full image, public by its unguessable name (SPEC §4). */
export function imageHref(name: string): string {
  return `/i/${name}`;
}

/** A gallery page: the viewer's own unless `owner` is given (admins), older than `before` when set. */
export function galleryHref(
  options: { owner?: string | undefined; before?: string | undefined } = {},
): string {
  const query = new URLSearchParams();
  if (options.owner !== undefined) query.set('user', options.owner);
  if (options.before !== undefined) query.set('before', options.before);
  const text = query.toString();
  return text === '' ? `${UI_BASE}/gallery` : `${UI_BASE}/gallery?${text}`;
}

/** The public share page of an image. */
export function shareHref(name: string): string {
  return `/v/${name}`;
}

/** The image as a download (an attachment with a readable file name). */
export function downloadHref(name: string): string {
  return `/d/${name}`;
}

/** The confirmation page that precedes deleting an image (and the address its form posts to). */
export function deleteHref(name: string): string {
  return `${UI_BASE}/images/${name}/delete`;
}
