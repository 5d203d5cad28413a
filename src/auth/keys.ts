// Every key the server uses is derived from IMG_JWT_SIGNING_KEY with HKDF-SHA256, one label per use, so a
// leak or misuse of one key never helps with another and everything survives a restart with the same
// secret. An optional previous secret gives a second set of keys that are accepted but never used to sign.
import { hkdfSync } from 'node:crypto';

export const KEY_LABELS = {
  accessToken: 'image-studio/access-token/v1',
  refreshToken: 'image-studio/refresh-token/v1',
  authCode: 'image-studio/auth-code/v1',
  transaction: 'image-studio/oauth-transaction/v1',
  consentCsrf: 'image-studio/consent-csrf/v1',
  consentRequest: 'image-studio/consent-request/v1',
  clientId: 'image-studio/client-id/v1',
  clientSecret: 'image-studio/client-secret/v1',
  uiSession: 'image-studio/ui-session/v1',
  uiLogin: 'image-studio/ui-login/v1',
  uiCsrf: 'image-studio/ui-csrf/v1',
} as const;

export type KeyPurpose = keyof typeof KEY_LABELS;

export interface KeyRing {
  /** The key to sign or encrypt with. */
  current(purpose: KeyPurpose): Uint8Array;
  /** Keys to try when verifying or decrypting: the current one first, then the previous one if set. */
  accepted(purpose: KeyPurpose): readonly Uint8Array[];
}

const SALT = 'image-studio-mcp';

export function deriveKey(secret: string, purpose: KeyPurpose): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, SALT, KEY_LABELS[purpose], 32));
}

export function createKeyRing(secret: string, previousSecret?: string): KeyRing {
  const cache = new Map<KeyPurpose, readonly Uint8Array[]>();
  const keysFor = (purpose: KeyPurpose): readonly Uint8Array[] => {
    let keys = cache.get(purpose);
    if (keys === undefined) {
      keys = [deriveKey(secret, purpose)];
      if (previousSecret !== undefined) keys = [...keys, deriveKey(previousSecret, purpose)];
      cache.set(purpose, keys);
    }
    return keys;
  };
  return {
    current: (purpose) => keysFor(purpose)[0] as Uint8Array,
    accepted: keysFor,
  };
}
