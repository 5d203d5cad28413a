import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readHeaderFacts } from './dimensions.js';

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#468' } })
    .png()
    .toBuffer();
const jpeg = (width: number, height: number, exif = false) => {
  const image = sharp({ create: { width, height, channels: 3, background: '#864' } });
  return (exif ? image.withMetadata({ exif: { IFD0: { ImageDescription: 'x'.repeat(30_000) } } }) : image)
    .jpeg()
    .toBuffer();
};

describe('readHeaderFacts', () => {
  it.each([
    ['PNG', () => png(300, 170), 'image/png', 300, 170],
    ['JPEG', () => jpeg(1024, 576), 'image/jpeg', 1024, 576],
    ['JPEG behind large metadata', () => jpeg(64, 48, true), 'image/jpeg', 64, 48],
  ])('reads the size of a %s from its header', async (_label, make, mime, width, height) => {
    const bytes = await make();
    expect(readHeaderFacts(bytes)).toEqual({ mime, width, height });
  });

  it('asks for more bytes when the JPEG frame header lies further on', async () => {
    const bytes = await jpeg(64, 48, true);
    expect(readHeaderFacts(bytes.subarray(0, 4096))).toBe('more');
  });

  it('gives nothing for data that is not a PNG or JPEG', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;;;;;;;;', 'latin1');
    expect(readHeaderFacts(gif)).toBeUndefined();
    expect(readHeaderFacts(Buffer.from('{"name":"x"}                 '))).toBeUndefined();
  });

  it('gives nothing for a JPEG that reaches its image data without a frame header', () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xda, 0x00, 0x02]);
    expect(readHeaderFacts(bytes)).toBeUndefined();
  });
});
