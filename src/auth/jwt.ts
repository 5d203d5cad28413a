// The only place that calls jose for our own tokens, for both sign-ins. Signed tokens are JWS HS256;
// sealed ones (opaque to the holder) are JWE dir + A256GCM, and a typed value is sealed as it is (claim
// `v`) and checked against its schema when opened, with no renaming of fields into claims and back. Every check pins the algorithm, `typ`, issuer, audience and expiry,
// takes the time from an injected clock, tries the previous key after the current one, and turns any
// failure into AppError('invalid_token') with a message that says what was wrong.
import { randomUUID } from 'node:crypto';
import { EncryptJWT, errors, type JWTPayload, jwtDecrypt, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { KeyPurpose, KeyRing } from './keys.js';

export interface TokenEnvelope {
  /** `typ` header, e.g. `at+jwt`; a token of another kind is refused. */
  typ: string;
  issuer: string;
  audience: string;
  /** Human name used in error messages, e.g. "access token". */
  label: string;
}

export interface IssueOptions extends TokenEnvelope {
  claims: JWTPayload;
  jti: string;
  nowMs: number;
  ttlSec: number;
}

export async function signJws(key: Uint8Array, options: IssueOptions): Promise<string> {
  return stamp(new SignJWT(options.claims), options)
    .setProtectedHeader({ alg: 'HS256', typ: options.typ })
    .sign(key);
}

export async function sealJwe(key: Uint8Array, options: IssueOptions): Promise<string> {
  return stamp(new EncryptJWT(options.claims), options)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: options.typ })
    .encrypt(key);
}

function stamp<T extends SignJWT | EncryptJWT>(builder: T, options: IssueOptions): T {
  const now = Math.floor(options.nowMs / 1000);
  builder
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setJti(options.jti)
    .setIssuedAt(now)
    .setExpirationTime(now + options.ttlSec);
  return builder;
}

export async function verifyJws(
  keys: readonly Uint8Array[],
  token: string,
  envelope: TokenEnvelope,
  nowMs: number,
): Promise<JWTPayload> {
  const options = { ...checks(envelope, nowMs), algorithms: ['HS256'] };
  return tryKeys(keys, envelope.label, async (key) => (await jwtVerify(token, key, options)).payload);
}

export async function openJwe(
  keys: readonly Uint8Array[],
  token: string,
  envelope: TokenEnvelope,
  nowMs: number,
): Promise<JWTPayload> {
  const options = {
    ...checks(envelope, nowMs),
    keyManagementAlgorithms: ['dir'],
    contentEncryptionAlgorithms: ['A256GCM'],
  };
  return tryKeys(keys, envelope.label, async (key) => (await jwtDecrypt(token, key, options)).payload);
}

function checks(envelope: TokenEnvelope, nowMs: number) {
  return {
    typ: envelope.typ,
    issuer: envelope.issuer,
    audience: envelope.audience,
    currentDate: new Date(nowMs),
    requiredClaims: ['exp', 'iat', 'jti'],
  };
}

async function tryKeys(
  keys: readonly Uint8Array[],
  label: string,
  attempt: (key: Uint8Array) => Promise<JWTPayload>,
): Promise<JWTPayload> {
  for (const key of keys) {
    try {
      return await attempt(key);
    } catch (error) {
      if (!isWrongKey(error)) throw translate(error, label);
    }
  }
  throw new AppError('invalid_token', `The ${label} was not issued by this server (its key does not match).`);
}

function isWrongKey(error: unknown): boolean {
  return (
    error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWEDecryptionFailed
  );
}

function translate(error: unknown, label: string): AppError {
  const message = describe(error, label);
  return new AppError('invalid_token', message, { cause: error });
}

function describe(error: unknown, label: string): string {
  if (error instanceof errors.JWTExpired) return `The ${label} has expired.`;
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'typ') return `This is not a ${label} (wrong token type).`;
    if (error.claim === 'aud') return `The ${label} was issued for another audience.`;
    if (error.claim === 'iss') return `The ${label} was issued by another server.`;
    return `The ${label} is missing or has an invalid "${error.claim}" claim.`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return `The ${label} uses an algorithm this server does not accept.`;
  return `The ${label} is malformed.`;
}

/** Checks that a verified payload carries the claims this server puts in it; anything else is refused. */
export function parseClaims<T>(schema: z.ZodType<T>, payload: JWTPayload, label: string): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success)
    throw new AppError('invalid_token', `The ${label} lacks the claims this server puts in it.`);
  return parsed.data;
}

/** A kind of sealed value: what it is, the key it uses and how long it lives. */
export interface SealedKind<T> {
  seal(value: T): Promise<string>;
  /** The value with the sealed token's id and expiry; throws AppError('invalid_token'). */
  open(token: string): Promise<{ value: T; jti: string; exp: number }>;
}

export interface SealedKindOptions<T> {
  keys: KeyRing;
  purpose: KeyPurpose;
  envelope: TokenEnvelope;
  ttlSec: number;
  schema: z.ZodType<T>;
  clock: () => number;
  newId?: () => string;
}

export function createSealedKind<T>(options: SealedKindOptions<T>): SealedKind<T> {
  const { keys, purpose, envelope, clock } = options;
  const newId = options.newId ?? randomUUID;
  const sealedSchema = z.object({ v: options.schema, jti: z.string(), exp: z.number() });
  return {
    seal: (value) =>
      sealJwe(keys.current(purpose), {
        ...envelope,
        claims: { v: value as JWTPayload[string] },
        jti: newId(),
        nowMs: clock(),
        ttlSec: options.ttlSec,
      }),
    async open(token) {
      const payload = await openJwe(keys.accepted(purpose), token, envelope, clock());
      const { v, jti, exp } = parseClaims(sealedSchema, payload, envelope.label);
      return { value: v, jti, exp };
    },
  };
}
