import { describe, expect, it } from 'vitest';
import { makeSidecar } from '../../test/helpers/image-fixtures.js';
import type { Caller } from '../http/types.js';
import type { ImageRecord } from '../images/index.js';
import { describeImage, findVisibleImage } from './image-info.js';

const PUBLIC = 'https://img.example.com';
const NAME = `${'c'.repeat(32)}.jpg`;
const record: ImageRecord = makeSidecar(NAME, { email: 'ann@example.com', reference_images: [] });
const context = {
  publicUrl: PUBLIC,
  records: new Map([[NAME, record]]),
  access: { isAdmin: (email: string) => email === 'boss@example.com' },
};
const caller = (email: string, via: Caller['via'] = 'oauth'): Caller => ({ email, emailVerified: true, via });

describe('findVisibleImage', () => {
  it.each([NAME, `${PUBLIC}/i/${NAME}`, `${PUBLIC}/v/${NAME}?plain=1`, `${PUBLIC}/d/${NAME}`, `/v/${NAME}`])(
    "finds the owner's image from %s",
    (input) => {
      expect(findVisibleImage(input, caller('ann@example.com'), context)).toBe(record);
    },
  );

  it("lets admins and the open mode see everyone's images", () => {
    expect(findVisibleImage(NAME, caller('boss@example.com'), context)).toBe(record);
    expect(findVisibleImage(NAME, caller('dev@local', 'auth-disabled'), context)).toBe(record);
  });

  it.each([
    ["someone else's image", NAME],
    ['an unknown image', `${'d'.repeat(32)}.png`],
  ])('answers %s with the same not-found error', (_label, input) => {
    expect(() => findVisibleImage(input, caller('bob@example.com'), context)).toThrow(
      expect.objectContaining({
        code: 'not_found',
        message: `No image named ${input} that you can see on this server. It may have been deleted, or belong to someone else.`,
      }),
    );
  });

  it.each(['cat.png', `https://evil.example/i/${NAME}`, `${PUBLIC}/ui/thumbs/${NAME}`])(
    'refuses %s as not an image of this server',
    (input) => {
      expect(() => findVisibleImage(input, caller('ann@example.com'), context)).toThrow(
        expect.objectContaining({
          code: 'invalid_argument',
          message: expect.stringMatching(/is not an image of this server/),
        }),
      );
    },
  );
});

describe('describeImage', () => {
  it('gives the links and facts, and says when a record came from the original server', () => {
    const info = describeImage(
      { ...record, model_alias: null, image_size: null, original: true },
      {
        publicUrl: PUBLIC,
        modelName: 'gemini-2.5-flash-image',
      },
    );
    expect(info).toMatchObject({
      url: `${PUBLIC}/i/${NAME}`,
      share_url: `${PUBLIC}/v/${NAME}`,
      download_url: `${PUBLIC}/d/${NAME}`,
      model: null,
      image_size: null,
      from_original_server: true,
      cost_usd: record.cost,
    });
  });
});
