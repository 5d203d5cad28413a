// The discovery documents and the 401 challenge (RFC 9728, RFC 8414, RFC 6750). They advertise exactly
// what the server does: S256 only, public (`none`) and `client_secret_post` clients, the RFC 9207 `iss`
// response parameter, and client ID metadata documents. Claude.ai only uses CIMD when both `none` and
// the CIMD flag are present. Pure builders; routes/discovery.ts serves them.
import { canonicalResource } from './resource.js';

/** The scope that opens /mcp, the one the resource advertises and the 401 challenge names. */
export const MCP_SCOPE = 'mcp';
/**
 * Every scope the authorization server advertises, and what every client is granted whatever it asked
 * for: clients that request all advertised scopes (ChatGPT, Gemini CLI) fail unless granted them, and a
 * refresh token is always issued, which is what offline_access stands for. Unknown scopes are ignored.
 */
export const ADVERTISED_SCOPES: readonly string[] = [MCP_SCOPE, 'offline_access'];
export const GRANTED_SCOPE = ADVERTISED_SCOPES.join(' ');
export const RESOURCE_NAME = 'Image Studio';

export function resourceMetadataUrl(publicUrl: string): string {
  return `${publicUrl}/.well-known/oauth-protected-resource/mcp`;
}

export function protectedResourceMetadata(publicUrl: string) {
  return {
    resource: canonicalResource(publicUrl),
    authorization_servers: [publicUrl],
    scopes_supported: [MCP_SCOPE],
    bearer_methods_supported: ['header'],
    resource_name: RESOURCE_NAME,
  };
}

export function authorizationServerMetadata(publicUrl: string) {
  return {
    issuer: publicUrl,
    authorization_endpoint: `${publicUrl}/authorize`,
    token_endpoint: `${publicUrl}/token`,
    registration_endpoint: `${publicUrl}/register`,
    revocation_endpoint: `${publicUrl}/revoke`,
    scopes_supported: [...ADVERTISED_SCOPES],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_post'],
    revocation_endpoint_auth_methods_supported: ['none', 'client_secret_post'],
    authorization_response_iss_parameter_supported: true,
    client_id_metadata_document_supported: true,
  };
}

/**
 * The `WWW-Authenticate` value of a 401 from /mcp. Without a token there is no `error` (RFC 6750 §3.1);
 * with a bad one, `invalid_token` and a description the client may show.
 */
export function bearerChallenge(publicUrl: string, problem?: { description: string }): string {
  const parts = [`resource_metadata="${resourceMetadataUrl(publicUrl)}"`, `scope="${MCP_SCOPE}"`];
  if (problem !== undefined)
    parts.push('error="invalid_token"', `error_description="${quoteSafe(problem.description)}"`);
  return `Bearer ${parts.join(', ')}`;
}

function quoteSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, "'");
}
