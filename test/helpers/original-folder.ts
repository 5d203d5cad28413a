// Builds a data folder exactly as the Python original left it: every image named `{uuid hex}.png`
// (JPEG bytes in most of them, as Gemini sent them), a one-line sidecar per image with only the
// original's nine fields in Python's `json.dumps(..., ensure_ascii=False)` spelling, `created` from
// `isoformat(timespec="seconds")` (`+00:00`), older records with an empty model_alias and image_size and
// retired model ids, e-mails in mixed case, `prefs.json` indented by two, and optionally a damaged
// sidecar. Not imported by application code.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

export interface OriginalImage {
  stem: string;
  email: string;
  prompt: string;
  aspect_ratio: string;
  cost: number;
  model: string;
  model_alias: string;
  image_size: string;
  created: string;
  /** What the `.png` file really holds. */
  format: 'jpeg' | 'png';
  width: number;
  height: number;
}

/** A history like a real deployment's: retired ids, empty fields, mixed-case e-mails, JPEG under `.png`. */
export const ORIGINAL_HISTORY: readonly OriginalImage[] = [
  {
    stem: '0b1e5a4c9d2f4e7a8b3c6d1e2f3a4b5c',
    email: 'Ada.Lovelace@Example.com',
    prompt: 'a brass calculating engine on a desk, warm lamp light',
    aspect_ratio: '1:1',
    cost: 0.039,
    model: 'gemini-2.5-flash-image-preview',
    model_alias: '',
    image_size: '',
    created: '2025-09-02T08:30:00+00:00',
    format: 'jpeg',
    width: 96,
    height: 96,
  },
  {
    stem: '1c2d3e4f5a6b4c7d8e9f0a1b2c3d4e5f',
    email: 'ada.lovelace@example.com',
    prompt: 'café crème on a marble table ☕, morning light',
    aspect_ratio: '3:4',
    cost: 0.039,
    model: 'gemini-2.5-flash-image',
    model_alias: 'flash',
    image_size: '1K',
    created: '2026-04-20T19:05:12+00:00',
    format: 'png',
    width: 72,
    height: 96,
  },
  {
    stem: '2d3e4f5a6b7c4d8e9f0a1b2c3d4e5f6a',
    email: 'bob@example.com',
    prompt: 'a lighthouse in a storm, cinematic, 16:9',
    aspect_ratio: '16:9',
    cost: 0.134,
    model: 'gemini-3-pro-image-preview',
    model_alias: 'pro',
    image_size: '2K',
    created: '2026-05-01T10:00:00+00:00',
    format: 'jpeg',
    width: 160,
    height: 90,
  },
  {
    stem: '3e4f5a6b7c8d4e9f0a1b2c3d4e5f6a7b',
    email: 'BOB@Example.com',
    prompt: 'the same lighthouse at dawn, calm sea',
    aspect_ratio: '16:9',
    cost: 0.151,
    model: 'gemini-3.1-flash-image-preview',
    model_alias: 'flash',
    image_size: '4K',
    created: '2026-05-03T06:45:30+00:00',
    format: 'jpeg',
    width: 160,
    height: 90,
  },
];

export const ORIGINAL_PREFS = { 'bob@example.com': { model: 'pro' } };

export interface OriginalFolderOptions {
  images?: readonly OriginalImage[];
  prefs?: Record<string, { model: string }>;
  /** Adds a sidecar cut off half-way, beside a real image, as a crash of the original could leave. */
  damagedStem?: string;
  /** The later original's `spend.json` (running total per e-mail). */
  spend?: Record<string, number>;
}

/** Writes the folder into `root` (which must exist) and returns the images written. */
export async function makeOriginalFolder(
  root: string,
  options: OriginalFolderOptions = {},
): Promise<readonly OriginalImage[]> {
  const images = options.images ?? ORIGINAL_HISTORY;
  for (const image of images) {
    await writeFile(join(root, `${image.stem}.png`), await encode(image));
    await writeFile(join(root, `${image.stem}.json`), pythonJsonLine(sidecarOf(image)));
  }
  await writeFile(join(root, 'prefs.json'), pythonIndented(options.prefs ?? ORIGINAL_PREFS));
  if (options.damagedStem !== undefined) {
    const damaged = { ...images[0], stem: options.damagedStem } as OriginalImage;
    await writeFile(join(root, `${damaged.stem}.png`), await encode(damaged));
    await writeFile(join(root, `${damaged.stem}.json`), pythonJsonLine(sidecarOf(damaged)).slice(0, 60));
  }
  if (options.spend !== undefined) await writeFile(join(root, 'spend.json'), pythonIndented(options.spend));
  return images;
}

/** The nine fields, in the original's order. */
export function sidecarOf(image: OriginalImage): Record<string, string | number> {
  return {
    name: `${image.stem}.png`,
    email: image.email,
    prompt: image.prompt,
    aspect_ratio: image.aspect_ratio,
    cost: image.cost,
    model: image.model,
    model_alias: image.model_alias,
    image_size: image.image_size,
    created: image.created,
  };
}

async function encode(image: OriginalImage): Promise<Buffer> {
  const hue = Number.parseInt(image.stem.slice(0, 2), 16);
  const base = sharp({
    create: {
      width: image.width,
      height: image.height,
      channels: 3,
      background: { r: hue, g: 255 - hue, b: 140 },
    },
  });
  return image.format === 'png' ? base.png().toBuffer() : base.jpeg({ quality: 85 }).toBuffer();
}

/** Python's `json.dumps(obj, ensure_ascii=False)` for a flat object: `{"a": 1, "b": "x"}`. */
function pythonJsonLine(fields: Record<string, string | number>): string {
  return `{${Object.entries(fields)
    .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
    .join(', ')}}`;
}

/** Python's `json.dumps(obj, ensure_ascii=False, indent=2)` for these small objects. */
function pythonIndented(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
