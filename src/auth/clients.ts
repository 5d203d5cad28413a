// Finds out who a client is. At /authorize a client id is either one of our signed registrations or a
// metadata document URL from a trusted host (fetched through the CIMD resolver). At /token and /revoke
// the client authenticates without any outbound call: signed ids are checked by HMAC (and their secret
// recomputed), and document URLs are public clients whose grant was already bound to them at /authorize.
import { type CimdResolver, checkUrl, isMetadataDocumentUrl } from './cimd.js';
import { type ClientAuthMethod, verifyClientId, verifyClientSecret } from './client-id.js';
import type { KeyRing } from './keys.js';
import { OAuthFailure } from './oauth-error.js';

export interface KnownClient {
  clientId: string;
  name: string;
  redirectUris: readonly string[];
  authMethod: ClientAuthMethod;
  /** For metadata-document clients: the host that vouches for them. */
  verifiedHost: string | undefined;
}

export interface ClientCredentials {
  clientId: string | undefined;
  clientSecret: string | undefined;
}

export interface ClientDirectory {
  /** For /authorize; throws AppError('invalid_client') for an unknown, altered or refused client. */
  resolve(clientId: string): Promise<KnownClient>;
  /** For /token and /revoke; returns the client id or throws AppError('invalid_client'). */
  authenticate(credentials: ClientCredentials): string;
}

const REGISTER_AGAIN = 'Register the client again (dynamic client registration) and retry.';

export function createClientDirectory(deps: {
  keys: KeyRing;
  cimd: CimdResolver;
  cimdHosts: readonly string[];
}): ClientDirectory {
  return {
    async resolve(clientId) {
      if (isMetadataDocumentUrl(clientId)) {
        const client = await deps.cimd.resolve(clientId);
        return { ...client, authMethod: 'none', verifiedHost: client.host };
      }
      const registered = verifyClientId(deps.keys, clientId);
      if (registered === undefined)
        throw new OAuthFailure(
          'invalid_client',
          `This client id is unknown to this server. ${REGISTER_AGAIN}`,
        );
      return { ...registered, verifiedHost: undefined };
    },
    authenticate({ clientId, clientSecret }) {
      if (clientId === undefined || clientId === '')
        throw new OAuthFailure('invalid_client', 'The request names no client_id; send it in the form body.');
      if (isMetadataDocumentUrl(clientId))
        return authenticateDocumentClient(clientId, clientSecret, deps.cimdHosts);
      const registered = verifyClientId(deps.keys, clientId);
      if (registered === undefined)
        throw new OAuthFailure(
          'invalid_client',
          `This client id is unknown to this server. ${REGISTER_AGAIN}`,
        );
      if (registered.authMethod === 'client_secret_post') {
        if (clientSecret === undefined || !verifyClientSecret(deps.keys, clientId, clientSecret))
          throw new OAuthFailure(
            'invalid_client',
            `The client secret is missing or wrong; send the client_secret issued at registration. ${REGISTER_AGAIN}`,
          );
      }
      return clientId;
    },
  };
}

function authenticateDocumentClient(
  clientId: string,
  clientSecret: string | undefined,
  hosts: readonly string[],
): string {
  checkUrl(clientId, hosts);
  if (clientSecret !== undefined)
    throw new OAuthFailure(
      'invalid_client',
      'Clients identified by a metadata document are public; send no client_secret.',
    );
  return clientId;
}
