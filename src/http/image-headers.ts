// The response headers of a stored image (for /i/, and for /d/ with its download file name) and of a
// gallery thumbnail, built once per
// cached file rather than once per request. The store hands out the same object for every hit on a
// cached image or thumbnail, so a WeakMap keyed by that object keeps the headers exactly as long as the
// file stays cached. The same headers serve the Hono routes and the fast path in image-fast-path.ts, so
// both answer byte for byte alike.

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

export const IMMUTABLE = 'public, max-age=31536000, immutable';
const built = new WeakMap<ServableImage, ImageHeaders>();
const thumbnails = new WeakMap<ServableImage, ImageHeaders>();

function headersOf(record: Readonly<Record<string, string>>, length: number): ImageHeaders {
  const flat = Object.entries(record).flat();
  return { record, flat, flatWithLength: [...flat, 'Content-Length', String(length)] };
}

function memo(
  cache: WeakMap<ServableImage, ImageHeaders>,
  image: ServableImage,
  build: () => Record<string, string>,
): ImageHeaders {
  const known = cache.get(image);
  if (known !== undefined) return known;
  const headers = headersOf(build(), image.bytes.length);
  cache.set(image, headers);
  return headers;
}

export function imageHeaders(image: ServableImage): ImageHeaders {
  return memo(built, image, () => ({
    'Content-Type': image.mime,
    'Cache-Control': IMMUTABLE,
    ETag: image.etag,
    'X-Content-Type-Options': 'nosniff',
    'Access-Control-Allow-Origin': '*',
    'Referrer-Policy': 'same-origin',
  }));
}

const downloads = new WeakMap<ServableImage, { prompt: string | undefined; headers: ImageHeaders }>();

/**
 * /d/: the /i/ headers plus the attachment name, made from the image's prompt. Built again only when the
 * prompt known for the image changes: it is unknown until the index has read the image's record.
 */
export function downloadHeaders(
  image: ServableImage,
  name: string,
  prompt: string | undefined,
): ImageHeaders {
  const known = downloads.get(image);
  if (known !== undefined && known.prompt === prompt) return known.headers;
  const record = {
    ...imageHeaders(image).record,
    'Content-Disposition': `attachment; filename="${downloadFileName(name, image.mime, prompt)}"`,
  };
  const headers = headersOf(record, image.bytes.length);
  downloads.set(image, { prompt, headers });
  return headers;
}

/**
 * /ui/thumbs/: the dashboard's security headers (`security`, the same on every dashboard answer) plus
 * type, caching and ETag. A 304 carries the same list, as the /i/ one does.
 */
export function thumbnailHeaders(
  thumb: ServableImage,
  security: Readonly<Record<string, string>>,
): ImageHeaders {
  return memo(thumbnails, thumb, () => ({
    ...security,
    'Content-Type': thumb.mime,
    'Cache-Control': IMMUTABLE,
    ETag: thumb.etag,
  }));
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

const MAX_SLUG = 48;

/**
 * `image-studio-{first words of the prompt}-{8 hex}.{jpg|png}`: readable in a downloads folder, unique
 * enough, and plain ASCII so the header needs no encoding (accents are dropped, other symbols too).
 */
export function downloadFileName(name: string, mime: string, prompt: string | undefined): string {
  const extension = mime === 'image/png' ? 'png' : 'jpg';
  const slug = (prompt ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = trimSlug(slug);
  const parts = ['image-studio', cut, name.slice(0, 8)].filter((part) => part !== '');
  return `${parts.join('-')}.${extension}`;
}

/** At most MAX_SLUG characters, cut at a word boundary when one is near. */
function trimSlug(slug: string): string {
  if (slug.length <= MAX_SLUG) return slug;
  const boundary = slug.lastIndexOf('-', MAX_SLUG);
  return slug.slice(0, boundary > MAX_SLUG / 3 ? boundary : MAX_SLUG);
}
