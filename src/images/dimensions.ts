// Width and height from an image's header alone (PNG's IHDR chunk, JPEG's start-of-frame segment), so
// the original's records, which carry no dimensions, can be completed at start-up without decoding
// thousands of images. Pure: bytes in, facts out. A JPEG frame header can sit after large metadata
// segments; then the answer is `more` and the caller reads further.

import type { ImageMime } from './names.js';
import { storableType } from './sniff.js';

export interface HeaderFacts {
  mime: ImageMime;
  width: number;
  height: number;
}

/** The facts, `more` when the header continues past `bytes`, or undefined when it is not a PNG or JPEG we can read. */
export function readHeaderFacts(bytes: Uint8Array): HeaderFacts | 'more' | undefined {
  const type = storableType(bytes);
  if (type === undefined) return bytes.length < 16 ? 'more' : undefined;
  const size = type.mime === 'image/png' ? pngSize(bytes) : jpegSize(bytes);
  if (size === 'more' || size === undefined) return size;
  return { mime: type.mime, ...size };
}

type Size = { width: number; height: number };

function pngSize(bytes: Uint8Array): Size | 'more' | undefined {
  if (bytes.length < 24) return 'more';
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  return positive({ width: readU32(bytes, 16), height: readU32(bytes, 20) });
}

/** Walks the marker segments up to the first start-of-frame (SOF0–SOF15 except DHT, JPG and DAC). */
function jpegSize(bytes: Uint8Array): Size | 'more' | undefined {
  let at = 2;
  while (true) {
    while (at < bytes.length && bytes[at] === 0xff && bytes[at + 1] === 0xff) at++;
    if (at + 4 > bytes.length) return 'more';
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    const length = readU16(bytes, at + 2);
    if (length < 2) return undefined;
    if (isStartOfFrame(marker)) {
      if (at + 9 > bytes.length) return 'more';
      return positive({ height: readU16(bytes, at + 5), width: readU16(bytes, at + 7) });
    }
    at += 2 + length;
  }
}

function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function positive(size: Size): Size | undefined {
  return size.width > 0 && size.height > 0 ? size : undefined;
}

function readU16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function readU32(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] ?? 0) << 24) >>> 0) +
    (((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0))
  );
}
