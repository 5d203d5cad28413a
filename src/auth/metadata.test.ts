import {
  OAuthMetadataSchema,
  OAuthProtectedResourceMetadataSchema,
  OpenIdProviderDiscoveryMetadataSchema,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { describe, expect, it } from 'vitest';
import {
  authorizationServerMetadata,
  bearerChallenge,
  protectedResourceMetadata,
  resourceMetadataUrl,
} from './metadata.js';

const BASE = 'https://img.example.com';

describe('discovery documents', () => {
  it('publishes protected-resource metadata the MCP SDK accepts', () => {
    const doc = OAuthProtectedResourceMetadataSchema.parse(protectedResourceMetadata(BASE));
    expect(doc.resource).toBe(`${BASE}/mcp`);
    expect(doc.authorization_servers).toEqual([BASE]);
  });

  it('publishes authorization-server metadata the MCP SDK accepts', () => {
    const doc = OAuthMetadataSchema.parse(authorizationServerMetadata(BASE));
    expect(doc.issuer).toBe(BASE);
    expect(doc.authorization_endpoint).toBe(`${BASE}/authorize`);
    expect(doc.token_endpoint).toBe(`${BASE}/token`);
    expect(doc.registration_endpoint).toBe(`${BASE}/register`);
  });

  it('advertises exactly what we support: S256, public and client_secret_post clients, iss, CIMD', () => {
    const doc = authorizationServerMetadata(BASE);
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
    expect(doc.token_endpoint_auth_methods_supported).toEqual(['none', 'client_secret_post']);
    expect(doc.response_types_supported).toEqual(['code']);
    expect(doc.grant_types_supported).toEqual(['authorization_code', 'refresh_token']);
    expect(doc.authorization_response_iss_parameter_supported).toBe(true);
    expect(doc.client_id_metadata_document_supported).toBe(true);
  });

  it('serves as an OpenID configuration document too, except for the OIDC-only fields we do not offer', () => {
    const result = OpenIdProviderDiscoveryMetadataSchema.safeParse(authorizationServerMetadata(BASE));
    const missing = result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
    expect(missing.sort()).toEqual([
      'id_token_signing_alg_values_supported',
      'jwks_uri',
      'subject_types_supported',
    ]);
  });
});

describe('401 challenge', () => {
  it('points to the protected-resource metadata without an error when no token was sent', () => {
    expect(bearerChallenge(BASE)).toBe(
      `Bearer resource_metadata="${BASE}/.well-known/oauth-protected-resource/mcp", scope="mcp"`,
    );
    expect(resourceMetadataUrl(BASE)).toBe(`${BASE}/.well-known/oauth-protected-resource/mcp`);
  });

  it('adds invalid_token and a quote-safe description for a bad token', () => {
    const header = bearerChallenge(BASE, { description: 'The "access token" has expired.\n' });
    expect(header).toContain('error="invalid_token"');
    expect(header).toContain(`error_description="The 'access token' has expired."`);
  });
});
