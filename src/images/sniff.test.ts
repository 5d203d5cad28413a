import { describe, expect, it } from 'vitest';
import { sniffImage, storableType } from './sniff.js';

const bytes = (...parts: Array<number[] | string>): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)),
  );

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF');
const ftyp = (brand: string) => bytes([0, 0, 0, 0x18], 'ftyp', brand, [0, 0, 0, 0]);

describe('sniffImage', () => {
  it.each([
    ['PNG', PNG, 'png', 'image/png'],
    ['JPEG', JPEG, 'jpeg', 'image/jpeg'],
    ['GIF89a', bytes('GIF89a', [1, 0, 1, 0]), 'gif', 'image/gif'],
    ['GIF87a', bytes('GIF87a', [1, 0, 1, 0]), 'gif', 'image/gif'],
    ['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'webp', 'image/webp'],
    ['HEIC', ftyp('heic'), 'heic', 'image/heic'],
    ['HEIF (mif1)', ftyp('mif1'), 'heif', 'image/heif'],
    ['AVIF', ftyp('avif'), 'avif', 'image/avif'],
  ])('recognises %s by its magic bytes', (_label, input, format, mime) => {
    expect(sniffImage(input)).toEqual({ format, mime });
  });

  it.each([
    ['empty input', bytes()],
    ['a truncated PNG signature', bytes([0x89, 0x50, 0x4e, 0x47])],
    ['plain text', bytes('{"name": "x.png"}')],
    ['a RIFF file that is not WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['an MP4 video', ftyp('isom')],
    ['two JPEG bytes only', bytes([0xff, 0xd8])],
  ])('returns undefined for %s', (_label, input) => {
    expect(sniffImage(input)).toBeUndefined();
  });
});

describe('storableType', () => {
  it.each([
    ['PNG', PNG, { extension: 'png', mime: 'image/png' }],
    ['JPEG', JPEG, { extension: 'jpg', mime: 'image/jpeg' }],
    ['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), undefined],
    ['GIF', bytes('GIF89a', [1, 0, 1, 0]), undefined],
    ['garbage', bytes('not an image at all'), undefined],
  ])('maps %s to what the store may keep', (_label, input, expected) => {
    expect(storableType(input)).toEqual(expected);
  });
});
