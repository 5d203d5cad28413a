// Two small primitives shared by the stateless pieces of the authorization server: a keyed HMAC in
// base64url and a constant-time string comparison (never `===` on a secret).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function hmac(key: Uint8Array, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A fresh random value for state, nonce, jti and cookie bindings: 256 bits in base64url. */
export function randomToken(random: (size: number) => Buffer = randomBytes): string {
  return random(32).toString('base64url');
}
