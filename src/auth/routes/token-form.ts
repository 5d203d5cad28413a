// Reads the form body that /token and /revoke accept (application/x-www-form-urlencoded, RFC 6749 §3.2),
// refusing JSON, repeated parameters and oversized values with `invalid_request`.
import type { Context } from 'hono';
import { z } from 'zod';
import { OAuthFailure } from '../oauth-error.js';

const value = z
  .string()
  .max(16 * 1024)
  .optional();
export const tokenFormSchema = z.object({
  grant_type: value,
  client_id: value,
  client_secret: value,
  code: value,
  code_verifier: value,
  redirect_uri: value,
  refresh_token: value,
  resource: value,
  scope: value,
  token: value,
  token_type_hint: value,
});
export type TokenForm = z.infer<typeof tokenFormSchema>;

export async function readTokenForm(c: Context): Promise<TokenForm> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded'))
    throw invalidRequest('Send the parameters as application/x-www-form-urlencoded.');
  const body = await c.req.parseBody({ all: true }).catch(() => undefined);
  const parsed = tokenFormSchema.safeParse(body);
  if (!parsed.success) throw invalidRequest('The form has a repeated, non-text or oversized parameter.');
  return parsed.data;
}

function invalidRequest(message: string) {
  return new OAuthFailure('invalid_request', message);
}
