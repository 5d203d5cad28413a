// RFC 8707 resource indicators. Our only protected resource is `{IMG_PUBLIC_URL}/mcp`; a client may
// omit `resource` (Claude.ai does) and then gets that one, or name it in any harmless spelling
// (upper-case host, default port, trailing slash). Anything else is `invalid_target`.

export function canonicalResource(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/mcp`;
}

/** A comparable form of a resource URL, or undefined when it is not an absolute http(s) URL. */
export function normaliseResource(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.hash !== '' || url.username !== '' || url.password !== '') return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}${url.search}`;
}

/** True when the client named no resource or named ours. */
export function isOurResource(requested: string | undefined, canonical: string): boolean {
  if (requested === undefined || requested === '') return true;
  const normalised = normaliseResource(requested);
  return normalised !== undefined && normalised === normaliseResource(canonical);
}
