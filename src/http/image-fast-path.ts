// The hot path of the whole server: a cached image requested by its plain name (`/i/{name}`, GET or
// HEAD, any query string) is answered straight on Node's request and response objects, before Hono and
// its middleware: no Request/Response objects, no copies, headers built once per image. The answer is
// the same as the Hono route's (same headers, ETag/304, HEAD); anything else (not cached, a
// percent-encoded or invalid name, other methods) goes to the app unchanged. /i/ needs no host check,
// session or body, which is what makes skipping the middleware safe here.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { isImageName } from '../images/names.js';
import { etagMatches, imageHeaders, type ServableImage } from './image-headers.js';
import type { ImageHitLog } from './request-log.js';

export interface CachedImageSource {
  /** The image when it is in memory; never touches the disk. */
  cachedImage(name: string): ServableImage | undefined;
}

const PREFIX = '/i/';
/** `/i/` + 32 hex digits + `.png` or `.jpg`. */
const PLAIN_LENGTH = PREFIX.length + 36;

export function withImageFastPath(
  source: CachedImageSource,
  hits: ImageHitLog,
  app: RequestListener,
): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const image = fastPathImage(req, source);
    if (image === undefined) return app(req, res);
    const headers = imageHeaders(image);
    if (etagMatches(req.headers['if-none-match'], image.etag)) {
      res.writeHead(304, headers.flat as string[]);
      res.end();
      hits.hit(304, 0);
      return;
    }
    res.writeHead(200, headers.flatWithLength as string[]);
    if (req.method === 'HEAD') res.end();
    else res.end(image.bytes);
    hits.hit(200, req.method === 'HEAD' ? 0 : image.bytes.length);
  };
}

function fastPathImage(req: IncomingMessage, source: CachedImageSource): ServableImage | undefined {
  const url = req.url;
  if (url === undefined || !url.startsWith(PREFIX) || (req.method !== 'GET' && req.method !== 'HEAD'))
    return undefined;
  if (url.length !== PLAIN_LENGTH && url.charCodeAt(PLAIN_LENGTH) !== 63 /* ? */) return undefined;
  const name = url.slice(PREFIX.length, PLAIN_LENGTH);
  return isImageName(name) ? source.cachedImage(name) : undefined;
}
