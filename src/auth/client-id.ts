// Stateless client registration: the client id *is* the registration. It carries the redirect URIs,
// the display name and the token-endpoint auth method, signed with an HKDF-derived HMAC key, so a
// restart with the same IMG_JWT_SIGNING_KEY keeps every registered client valid and registering twice
// costs nothing. A confidential client's secret is recomputed from its id, never stored.
import { z } from 'zod';
import { hmac, safeEqual } from './hmac.js';
import type { KeyRing } from './keys.js';

export type ClientAuthMethod = 'none' | 'client_secret_post';

export interface ClientRegistration {
  redirectUris: readonly string[];
  name: string;
  authMethod: ClientAuthMethod;
}

export interface RegisteredClient extends ClientRegistration {
  clientId: string;
}

const PREFIX = 'isc1.';

const payloadSchema = z.object({
  v: z.literal(1),
  ru: z.array(z.string()).min(1).max(10),
  n: z.string().max(200),
  am: z.enum(['none', 'client_secret_post']),
});

export function issueClientId(keys: KeyRing, registration: ClientRegistration): string {
  const payload = {
    v: 1,
    ru: [...registration.redirectUris],
    n: registration.name,
    am: registration.authMethod,
  };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${PREFIX}${body}.${hmac(keys.current('clientId'), body)}`;
}

/** The registration a client id carries, or undefined when it is not one of ours or was altered. */
export function verifyClientId(keys: KeyRing, clientId: string): RegisteredClient | undefined {
  if (!clientId.startsWith(PREFIX) || clientId.length > 8192) return undefined;
  const [body, signature, extra] = clientId.slice(PREFIX.length).split('.');
  if (body === undefined || signature === undefined || extra !== undefined) return undefined;
  const signedByUs = keys.accepted('clientId').some((key) => safeEqual(hmac(key, body), signature));
  if (!signedByUs) return undefined;
  const parsed = payloadSchema.safeParse(parseJson(Buffer.from(body, 'base64url').toString('utf8')));
  if (!parsed.success) return undefined;
  const { ru, n, am } = parsed.data;
  return { clientId, redirectUris: ru, name: n, authMethod: am };
}

/** The secret of a `client_secret_post` client, derived from its id with a separate key. */
export function clientSecretFor(keys: KeyRing, clientId: string): string {
  return hmac(keys.current('clientSecret'), clientId);
}

export function verifyClientSecret(keys: KeyRing, clientId: string, secret: string): boolean {
  return keys.accepted('clientSecret').some((key) => safeEqual(hmac(key, clientId), secret));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
