// The response headers of a stored image, built once per cached image rather than once per request.
// The store hands out the same StoredImage object for every hit on a cached image, so a WeakMap keyed by
// that object keeps the headers exactly as long as the image stays cached. The same headers serve the
// Hono route and the fast path in image-fast-path.ts, so both answer byte for byte alike.

export interface ServableImage {
  bytes: Buffer;
  mime: string;
  etag: string;
}

export interface ImageHeaders {
  /** For 200 and 304: type, caching, ETag, CORS and the two security headers the app adds everywhere. */
  record: Readonly<Record<string, string>>;
  /** `record` plus Content-Length, as a flat [name, value, …] list for Node's writeHead. */
  flatWithLength: readonly string[];
  flat: readonly string[];
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const built = new WeakMap<ServableImage, ImageHeaders>();

export function imageHeaders(image: ServableImage): ImageHeaders {
  const known = built.get(image);
  if (known !== undefined) return known;
  const record = {
    'Content-Type': image.mime,
    'Cache-Control': IMMUTABLE,
    ETag: image.etag,
    'X-Content-Type-Options': 'nosniff',
    'Access-Control-Allow-Origin': '*',
    'Referrer-Policy': 'same-origin',
  };
  const flat = Object.entries(record).flat();
  const headers = { record, flat, flatWithLength: [...flat, 'Content-Length', String(image.bytes.length)] };
  built.set(image, headers);
  return headers;
}

/** The image's bytes as a view of the same memory, not a copy (file reads never use shared memory). */
export function bodyOf(image: ServableImage): Uint8Array<ArrayBuffer> {
  return new Uint8Array(image.bytes.buffer as ArrayBuffer, image.bytes.byteOffset, image.bytes.byteLength);
}

/** Whether an If-None-Match header names this ETag (weak or strong, or `*`). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header === etag) return true;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
