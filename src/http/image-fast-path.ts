// The hot paths of the whole server: a cached image (`/i/{name}`), its download (`/d/{name}`) and its
// gallery thumbnail (`/ui/thumbs/{name}`), requested by the plain name with GET or HEAD (any query
// string), are answered straight on Node's request and response objects, before Hono and its
// middleware: no Request/Response objects, no copies, headers built once per file. The answers are the
// same as the Hono routes' (headers, ETag/304, HEAD); anything else (not cached, a percent-encoded or
// invalid name, other methods) goes to the app unchanged.
//
// What the skipped middleware would have checked: /i/ takes any Host (host-guard.ts). /d/ and the
// thumbnails are checked for the Host and a browser's Origin there; here they are answered only when the
// Host header is exactly the public host and there is no Origin header, which the app would accept too.
// Anything else goes through the app and its full checks. None of the three needs a session or a body.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { isImageName } from '../images/names.js';
import {
  downloadHeaders,
  etagMatches,
  type ImageHeaders,
  imageHeaders,
  type ServableImage,
  thumbnailHeaders,
} from './image-headers.js';
import type { ImageHitLog } from './request-log.js';

export interface CachedFiles {
  /** The image when it is in memory; never touches the disk. */
  cachedImage(name: string): ServableImage | undefined;
  /** The gallery thumbnail when it is in memory; never touches the disk. */
  cachedThumbnail(name: string): ServableImage | undefined;
}

export interface FastPathOptions {
  files: CachedFiles;
  /** The prompt of an image, for the download's file name. */
  promptOf(name: string): string | undefined;
  /** The Host header the public URL gives (`images.example.com`, `127.0.0.1:8080`). */
  publicHost: string;
  /** The security headers the dashboard adds to every answer, thumbnails included. */
  dashboardHeaders: Readonly<Record<string, string>>;
  hits: ImageHitLog;
}

interface Route {
  prefix: string;
  /** Whether the skipped middleware would have checked the Host and Origin headers. */
  checksHost: boolean;
  /** The file and its headers, when cached. */
  find(name: string): { file: ServableImage; headers: ImageHeaders } | undefined;
  /** Whether a matching If-None-Match gets a 304 (the download route always sends the file). */
  conditional: boolean;
}

/** Every name here is 32 hex digits and `.png` or `.jpg`. */
const NAME_LENGTH = 36;

export function withImageFastPath(options: FastPathOptions, app: RequestListener): RequestListener {
  const { files, hits, publicHost } = options;
  const routes: Route[] = [
    {
      prefix: '/i/',
      checksHost: false,
      conditional: true,
      find(name) {
        const file = files.cachedImage(name);
        return file && { file, headers: imageHeaders(file) };
      },
    },
    {
      prefix: '/d/',
      checksHost: true,
      conditional: false,
      find(name) {
        const file = files.cachedImage(name);
        return file && { file, headers: downloadHeaders(file, name, options.promptOf(name)) };
      },
    },
    {
      prefix: '/ui/thumbs/',
      checksHost: true,
      conditional: true,
      find(name) {
        const file = files.cachedThumbnail(name);
        return file && { file, headers: thumbnailHeaders(file, options.dashboardHeaders) };
      },
    },
  ];

  return (req: IncomingMessage, res: ServerResponse) => {
    const found = fastPathFile(req, routes, publicHost);
    if (found === undefined) return app(req, res);
    const { route, file, headers } = found;
    if (route.conditional && etagMatches(req.headers['if-none-match'], file.etag)) {
      res.writeHead(304, headers.flat as string[]);
      res.end();
      hits.hit(304, 0);
      return;
    }
    res.writeHead(200, headers.flatWithLength as string[]);
    if (req.method === 'HEAD') res.end();
    else res.end(file.bytes);
    hits.hit(200, req.method === 'HEAD' ? 0 : file.bytes.length);
  };
}

function fastPathFile(req: IncomingMessage, routes: readonly Route[], publicHost: string) {
  const url = req.url;
  if (url === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) return undefined;
  const route = routes.find((candidate) => url.startsWith(candidate.prefix));
  if (route === undefined) return undefined;
  const end = route.prefix.length + NAME_LENGTH;
  if (url.length !== end && url.charCodeAt(end) !== 63 /* ? */) return undefined;
  if (route.checksHost && (req.headers.host !== publicHost || req.headers.origin !== undefined))
    return undefined;
  const name = url.slice(route.prefix.length, end);
  if (!isImageName(name)) return undefined;
  const found = route.find(name);
  return found && { route, ...found };
}
