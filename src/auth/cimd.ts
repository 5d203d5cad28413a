// Client ID Metadata Documents: a client id that is an https URL names a JSON document describing the
// client. We fetch it only from trusted hosts (the known MCP clients' and IMG_CIMD_HOSTS), after checking that every address
// the name resolves to is public, connecting only to an address so checked (pinned-fetch.ts: no second
// DNS answer can redirect us), with a timeout, no redirects and a size cap. A document is cached as its
// Cache-Control allows; a failure for 60 s, so repeating a bad client id costs no outbound call each
// time. Fetch and DNS lookup are injected so tests can prove each refusal.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { z } from 'zod';
import { isPublicAddress } from './address.js';
import { OAuthFailure } from './oauth-error.js';
import { createPinnedFetch, type PinnedAddress, type PinnedFetch } from './pinned-fetch.js';
import { createRedirectPolicy, type RedirectPolicy } from './redirect-uris.js';

/** Hosts whose metadata documents real MCP clients use; the operator adds more with IMG_CIMD_HOSTS. */
export const CIMD_HOSTS: readonly string[] = [
  'claude.ai',
  'claude.com',
  'chatgpt.com',
  'vscode.dev',
  'zed.dev',
  'opencode.ai',
  'goose-docs.ai',
  'grok.com',
];

export interface CimdClient {
  clientId: string;
  redirectUris: readonly string[];
  name: string;
  /** The host that publishes the document, shown on the consent page. */
  host: string;
}

export type LookupAddresses = (hostname: string) => Promise<readonly { address: string }[]>;

export interface CimdOptions {
  fetchPinned?: PinnedFetch;
  lookup?: LookupAddresses;
  clock: () => number;
  allowedHosts?: readonly string[];
  /** The same redirect-URI policy as dynamic registration; the built-in one unless given. */
  redirectPolicy?: RedirectPolicy;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface CimdResolver {
  resolve(clientId: string): Promise<CimdClient>;
}

const documentSchema = z.object({
  client_id: z.string(),
  client_name: z.string().max(200).optional(),
  redirect_uris: z.array(z.string()).min(1).max(16),
  token_endpoint_auth_method: z.string().optional(),
});

const MIN_CACHE_MS = 60_000;
const MAX_CACHE_MS = 24 * 3600_000;
const DEFAULT_CACHE_MS = 3600_000;
const FAILURE_CACHE_MS = 60_000;
const MAX_CACHED = 1000;

/** Whether a client id is shaped like a metadata document URL (as opposed to one of our signed ids). */
export function isMetadataDocumentUrl(clientId: string): boolean {
  return clientId.startsWith('https://');
}

const defaultLookup: LookupAddresses = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export function createCimdResolver(options: CimdOptions): CimdResolver {
  const settings = {
    fetchPinned: options.fetchPinned ?? createPinnedFetch(),
    lookup: options.lookup ?? defaultLookup,
    allowedHosts: options.allowedHosts ?? CIMD_HOSTS,
    policy: options.redirectPolicy ?? createRedirectPolicy([]),
    timeoutMs: options.timeoutMs ?? 5000,
    maxBytes: options.maxBytes ?? 16 * 1024,
  };
  const cache = new Map<string, { client: CimdClient; until: number }>();
  const failures = new Map<string, { error: unknown; until: number }>();
  const inflight = new Map<string, Promise<CimdClient>>();
  const load = async (clientId: string): Promise<CimdClient> => {
    const url = checkUrl(clientId, settings.allowedHosts);
    try {
      const pinned = await checkAddresses(url.hostname, settings.lookup);
      const { body, cacheMs } = await download(url, pinned, settings);
      const client = toClient(clientId, url.hostname, body, settings.policy);
      failures.delete(clientId);
      if (cacheMs > 0) remember(cache, clientId, { client, until: options.clock() + cacheMs });
      return client;
    } catch (error) {
      remember(failures, clientId, { error, until: options.clock() + FAILURE_CACHE_MS });
      throw error;
    }
  };
  return {
    resolve(clientId) {
      const now = options.clock();
      const cached = cache.get(clientId);
      if (cached !== undefined && cached.until > now) return Promise.resolve(cached.client);
      const failed = failures.get(clientId);
      if (failed !== undefined && failed.until > now) return Promise.reject(failed.error);
      let pending = inflight.get(clientId);
      if (pending === undefined) {
        pending = load(clientId).finally(() => inflight.delete(clientId));
        inflight.set(clientId, pending);
      }
      return pending;
    },
  };
}

/** Sets `key`, dropping the oldest entries beyond MAX_CACHED (forgetting one only costs a new fetch). */
function remember<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= MAX_CACHED) break;
    map.delete(oldest);
  }
}

function refuse(message: string, cause?: unknown): OAuthFailure {
  return new OAuthFailure('invalid_client', message, { cause });
}

/** Checks the URL's shape and host; returns it parsed. */
export function checkUrl(clientId: string, allowedHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(clientId);
  } catch {
    throw refuse(`The client id "${clientId}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '')
    throw refuse(
      'A client metadata document must be served over https on the default port, without credentials.',
    );
  if (url.hash !== '' || url.pathname === '/' || url.href !== clientId)
    throw refuse('A client metadata document URL needs a path and no fragment, in normalised form.');
  if (!allowedHosts.includes(url.hostname))
    throw refuse(
      `Client metadata documents are accepted only from ${allowedHosts.join(', ')}; ` +
        `"${url.hostname}" is not one of them. Register the client with dynamic registration instead.`,
    );
  return url;
}

/** Checks every address the name resolves to; returns the one the fetch must connect to. */
async function checkAddresses(hostname: string, lookup: LookupAddresses): Promise<PinnedAddress> {
  let addresses: readonly { address: string }[];
  try {
    addresses = await lookup(hostname);
  } catch (error) {
    throw refuse(`The client metadata host ${hostname} could not be resolved.`, error);
  }
  const first = addresses[0]?.address;
  if (first === undefined || addresses.some((entry) => !isPublicAddress(entry.address)))
    throw refuse(
      `The client metadata host ${hostname} resolves to a private or reserved address; refusing to fetch.`,
    );
  return { address: first, family: isIP(first) === 6 ? 6 : 4 };
}

async function download(
  url: URL,
  pinned: PinnedAddress,
  settings: { fetchPinned: PinnedFetch; timeoutMs: number; maxBytes: number },
): Promise<{ body: unknown; cacheMs: number }> {
  let response: Response;
  try {
    response = await settings.fetchPinned(url, pinned, {
      signal: AbortSignal.timeout(settings.timeoutMs),
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    throw refuse(`The client metadata document at ${url.href} could not be fetched in time.`, error);
  }
  if (response.status !== 200)
    throw refuse(`The client metadata document at ${url.href} answered HTTP ${response.status}, not 200.`);
  const text = await readCapped(response, settings.maxBytes, url.href);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw refuse(`The client metadata document at ${url.href} is not JSON.`, error);
  }
  return { body, cacheMs: cacheLifetime(response.headers.get('cache-control')) };
}

async function readCapped(response: Response, maxBytes: number, href: string): Promise<string> {
  const tooBig = () => refuse(`The client metadata document at ${href} is larger than ${maxBytes} bytes.`);
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) throw tooBig();
  if (response.body === null) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (let next = await reader.read(); next.done !== true; next = await reader.read()) {
      total += next.value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw tooBig();
      }
      chunks.push(next.value);
    }
  } catch (error) {
    if (error instanceof OAuthFailure) throw error;
    throw refuse(`The client metadata document at ${href} could not be read in time.`, error);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** How long a document may be reused, from its Cache-Control header (clamped to 1 minute – 1 day). */
export function cacheLifetime(header: string | null): number {
  if (header === null) return DEFAULT_CACHE_MS;
  if (/(?:^|,)\s*(?:no-store|no-cache)\s*(?:,|$)/i.test(header)) return 0;
  const maxAge = /(?:^|,)\s*max-age=(\d+)/i.exec(header)?.[1];
  if (maxAge === undefined) return DEFAULT_CACHE_MS;
  return Math.min(MAX_CACHE_MS, Math.max(MIN_CACHE_MS, Number(maxAge) * 1000));
}

function toClient(clientId: string, host: string, body: unknown, policy: RedirectPolicy): CimdClient {
  const parsed = documentSchema.safeParse(body);
  if (!parsed.success)
    throw refuse(`The client metadata document at ${clientId} lacks redirect_uris or has malformed fields.`);
  const doc = parsed.data;
  if (doc.client_id !== clientId)
    throw refuse(
      `The client metadata document at ${clientId} names a different client_id (${doc.client_id}).`,
    );
  if (doc.token_endpoint_auth_method !== undefined && doc.token_endpoint_auth_method !== 'none')
    throw refuse(
      `The client metadata document asks for ${doc.token_endpoint_auth_method}; this server accepts only public clients ("none") by metadata document.`,
    );
  const problems = doc.redirect_uris
    .map((uri) => policy.problem(uri, { isPublic: true }))
    .filter((p) => p !== undefined);
  if (problems.length > 0)
    throw refuse(`The client metadata document lists a redirect URI we refuse: ${problems[0]}.`);
  return { clientId, redirectUris: doc.redirect_uris, name: doc.client_name ?? host, host };
}
