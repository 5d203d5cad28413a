// The one pattern for stored image names, shared by the store and the /i/ route so that no path can
// reach anything but a real image: a random uuid4 as 32 lowercase hex digits plus `.png` or `.jpg`.
import { randomUUID } from 'node:crypto';

export type ImageExtension = 'png' | 'jpg';
export type ImageMime = 'image/png' | 'image/jpeg';

export const IMAGE_NAME_PATTERN = /^[0-9a-f]{32}\.(?:png|jpg)$/;
/** The same rule as a Hono route fragment (no anchors). */
export const IMAGE_NAME_ROUTE = '[0-9a-f]{32}\\.(?:png|jpg)';
const STEM_PATTERN = /^[0-9a-f]{32}$/;

export function isImageName(value: string): boolean {
  return IMAGE_NAME_PATTERN.test(value);
}

export function isImageStem(value: string): boolean {
  return STEM_PATTERN.test(value);
}

/** A fresh unguessable stem: 122 random bits from uuid4, without dashes. */
export function createImageStem(generateUuid: () => string = randomUUID): string {
  const stem = generateUuid().replaceAll('-', '').toLowerCase();
  if (!isImageStem(stem)) throw new Error('The id generator did not produce a uuid.');
  return stem;
}

export function stemOf(name: string): string {
  return name.slice(0, 32);
}

export function sidecarNameOf(name: string): string {
  return `${stemOf(name)}.json`;
}

export function extensionFor(mime: ImageMime): ImageExtension {
  return mime === 'image/png' ? 'png' : 'jpg';
}

export function mimeForName(name: string): ImageMime {
  return name.endsWith('.png') ? 'image/png' : 'image/jpeg';
}

/**
 * Pulls an image name out of what a caller passed as a reference: a bare name, one of the paths
 * `/i/{name}`, `/v/{name}` (share page) or `/d/{name}` (download), or such a URL of this server (query
 * string, fragment and trailing slashes ignored).
 * A URL of any other site is refused even when it ends in a valid name. Returns undefined when there is none.
 */
export function extractImageName(reference: string, publicUrl: string): string | undefined {
  const trimmed = reference.trim();
  if (isImageName(trimmed)) return trimmed;
  let url: URL;
  try {
    url = new URL(trimmed, publicUrl);
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(publicUrl).origin) return undefined;
  const match = /^\/[ivd]\/([^/]+)\/*$/.exec(url.pathname);
  return match?.[1] !== undefined && isImageName(match[1]) ? match[1] : undefined;
}
