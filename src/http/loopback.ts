// What counts as "this machine", in one place: the loopback host names that the DNS-rebinding guard,
// the redirect-URI rules, the Google issuer check and the start-up https rule all rely on. Pure.

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** A host name (as URL.hostname or a Host header gives it) that always means this machine. */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return LOOPBACK_NAMES.has(name) || /^127(?:\.\d{1,3}){3}$/.test(name);
}

/** https anywhere, or plain http on loopback only: what OAuth endpoints and redirect URIs may use. */
export function isSecureOrLoopbackUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHostname(url.hostname));
}
