// Fetches a client metadata document over a connection to an address the caller already checked, so a
// DNS answer that changes between the check and the connect (DNS rebinding) cannot steer the request to
// a private address. TLS still verifies the certificate against the URL's host name (SNI and identity
// check use the name, only the socket goes to the pinned address). Node's global fetch can be pinned
// only through the `undici` package, which is not installed, so this uses node:https directly.
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

export interface PinnedRequestInit {
  signal: AbortSignal;
  headers: Record<string, string>;
}

/** GET `url`, connecting only to `pinned`. No redirects are followed. */
export type PinnedFetch = (url: URL, pinned: PinnedAddress, init: PinnedRequestInit) => Promise<Response>;

type Send = (options: RequestOptions, callback: (response: IncomingMessage) => void) => ClientRequest;

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/** `send` is node:https's request; tests pass node:http's to exercise the rest over plain HTTP. */
export function createPinnedFetch(send: Send = httpsRequest): PinnedFetch {
  return (url, pinned, init) =>
    new Promise<Response>((resolve, reject) => {
      const options: RequestOptions & { servername: string } = {
        method: 'GET',
        host: url.hostname,
        servername: url.hostname,
        ...(url.port === '' ? {} : { port: Number(url.port) }),
        path: `${url.pathname}${url.search}`,
        headers: init.headers,
        signal: init.signal,
        lookup: pinnedLookup(pinned),
        // A fresh connection each time: a pooled socket could have been opened to another address.
        agent: false,
      };
      const req = send(options, (response) => {
        try {
          resolve(toResponse(response));
        } catch (error) {
          response.destroy();
          reject(error);
        }
      });
      req.on('error', reject);
      req.end();
    });
}

/** A `lookup` for net.connect that answers every query with the pinned address and nothing else. */
export function pinnedLookup(pinned: PinnedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all === true) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
}

function toResponse(message: IncomingMessage): Response {
  const status = message.statusCode ?? 0;
  const headers = new Headers();
  for (let i = 0; i + 1 < message.rawHeaders.length; i += 2)
    headers.append(message.rawHeaders[i] ?? '', message.rawHeaders[i + 1] ?? '');
  if (NULL_BODY_STATUSES.has(status)) {
    message.resume();
    return new Response(null, { status, headers });
  }
  return new Response(bodyOf(message), { status, headers });
}

/** The response body as a web stream that pulls from Node's stream and destroys it when cancelled. */
function bodyOf(message: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = message[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done === true) controller.close();
      else controller.enqueue(next.value);
    },
    cancel() {
      message.destroy();
    },
  });
}
