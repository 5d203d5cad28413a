import { describe, expect, it } from 'vitest';
import type { CimdResolver } from './cimd.js';
import { clientSecretFor, issueClientId } from './client-id.js';
import { createClientDirectory } from './clients.js';
import { createKeyRing } from './keys.js';

const keys = createKeyRing('4b3a29181706f5e4d3c2b1a09f8e7d6c5b4a3928');
const CLAUDE_ID = 'https://claude.ai/oauth/mcp-oauth-client-metadata';
const cimd: CimdResolver = {
  resolve: async (clientId) => ({
    clientId,
    name: 'Claude',
    redirectUris: ['https://claude.ai/api/mcp/auth_callback'],
    host: 'claude.ai',
  }),
};
const directory = createClientDirectory({ keys, cimd, cimdHosts: ['claude.ai', 'claude.com'] });
const publicId = issueClientId(keys, {
  redirectUris: ['http://localhost:1/cb'],
  name: 'Inspector',
  authMethod: 'none',
});
const confidentialId = issueClientId(keys, {
  redirectUris: ['https://claude.ai/api/mcp/auth_callback'],
  name: 'Claude',
  authMethod: 'client_secret_post',
});

describe('client directory', () => {
  it('resolves a signed registration', async () => {
    await expect(directory.resolve(publicId)).resolves.toMatchObject({
      name: 'Inspector',
      authMethod: 'none',
      verifiedHost: undefined,
    });
  });

  it('resolves a metadata document client as a public client vouched for by its host', async () => {
    await expect(directory.resolve(CLAUDE_ID)).resolves.toMatchObject({
      authMethod: 'none',
      verifiedHost: 'claude.ai',
    });
  });

  it('refuses an unknown client id and asks it to register again', async () => {
    await expect(directory.resolve('made-up')).rejects.toMatchObject({
      code: 'invalid_client',
      message: expect.stringContaining('Register the client again'),
    });
  });

  it.each([
    ['a public client without a secret', { clientId: publicId, clientSecret: undefined }],
    [
      'a confidential client with its secret',
      { clientId: confidentialId, clientSecret: clientSecretFor(keys, confidentialId) },
    ],
    ['a metadata document client', { clientId: CLAUDE_ID, clientSecret: undefined }],
  ])('authenticates %s', (_label, credentials) => {
    expect(directory.authenticate(credentials)).toBe(credentials.clientId);
  });

  it.each([
    ['no client id', { clientId: undefined, clientSecret: undefined }, 'names no client_id'],
    ['an unknown client', { clientId: 'nope', clientSecret: undefined }, 'unknown to this server'],
    [
      'a tampered client',
      { clientId: `${publicId.slice(0, -2)}xx`, clientSecret: undefined },
      'unknown to this server',
    ],
    [
      'a confidential client without its secret',
      { clientId: confidentialId, clientSecret: undefined },
      'secret is missing or wrong',
    ],
    [
      'a confidential client with a wrong secret',
      { clientId: confidentialId, clientSecret: 'guess' },
      'secret is missing or wrong',
    ],
    [
      'a document client from another host',
      { clientId: 'https://evil.example.com/c', clientSecret: undefined },
      'accepted only from',
    ],
    ['a document client sending a secret', { clientId: CLAUDE_ID, clientSecret: 's' }, 'are public'],
  ])('refuses %s with invalid_client', (_label, credentials, message) => {
    expect(() => directory.authenticate(credentials)).toThrow(
      expect.objectContaining({ code: 'invalid_client', message: expect.stringContaining(message) }),
    );
  });
});
