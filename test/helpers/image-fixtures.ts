// Builds image fixtures with real sharp and valid sidecar records, so tests and the benchmark never
// depend on committed binaries. Not imported by application code.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import sharp from 'sharp';
import { z } from 'zod';
import type { Sidecar } from '../../src/images/sidecar.js';
import { createLogger, type Logger } from '../../src/log.js';

/** Small deterministic PRNG (mulberry32), so "random" fixtures are identical on every run. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Raw RGB pixels that behave like a busy photograph for an encoder: overlapping waves at several
 * scales, hard edges and per-pixel grain. `grain` is the noise amplitude (0–255).
 */
export function busyPixels(width: number, height: number, grain = 40, seed = 7): Buffer {
  const random = createRandom(seed);
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const wave = 60 * Math.sin(x / 23 + y / 41) + 40 * Math.sin((x * y) / 7000) + 25 * Math.cos(x / 5);
      const edge = (x >> 6) % 2 === (y >> 6) % 2 ? 30 : -30;
      for (let c = 0; c < 3; c++) {
        const noise = (random() - 0.5) * grain;
        const value = 128 + wave * (c === 1 ? -1 : 1) + edge + noise + c * 10;
        data[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(value)));
      }
    }
  }
  return data;
}

/** A busy, photograph-like JPEG, 1024×1024 unless told otherwise. */
export async function makePhotoJpeg(width = 1024, height = width, quality = 90): Promise<Buffer> {
  return sharp(busyPixels(width, height), { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}

/** Pure per-pixel noise, the worst case for any encoder, as a PNG. */
export async function makeNoisePng(width: number, height: number, seed = 11): Promise<Buffer> {
  const random = createRandom(seed);
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(random() * 256);
  return sharp(data, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** A flat PNG, optionally with a transparent alpha channel. */
export async function makePng(width: number, height: number, alpha = false): Promise<Buffer> {
  const background = alpha ? { r: 200, g: 40, b: 40, alpha: 0.5 } : { r: 30, g: 120, b: 200 };
  return sharp({ create: { width, height, channels: alpha ? 4 : 3, background } })
    .png()
    .toBuffer();
}

/** A valid sidecar for `name`; fields can be overridden. */
export function makeSidecar(name: string, overrides: Partial<Sidecar> = {}): Sidecar {
  return {
    name,
    email: 'ada@example.com',
    prompt: 'a lighthouse at dusk',
    aspect_ratio: '1:1',
    cost: 0.067,
    model: 'gemini-3.1-flash-image',
    model_alias: 'flash',
    image_size: '1K',
    created: '2026-03-01T12:00:00.000Z',
    mime: name.endsWith('.png') ? 'image/png' : 'image/jpeg',
    width: 1024,
    height: 1024,
    bytes: 1000,
    reference_images: [],
    usage: null,
    usage_cost: null,
    duration_ms: 1200,
    gemini_model_version: null,
    gemini_response_id: null,
    attempts: 1,
    ...overrides,
  };
}

/** The 32-hex stem for a counter, so test names are valid and sort predictably. */
export function stemFor(n: number): string {
  return n.toString(16).padStart(32, '0');
}

const logLineSchema = z.looseObject({ level: z.number(), msg: z.string() });
export type LogLine = z.infer<typeof logLineSchema>;

/** A real pino logger whose lines are kept in `lines`, for tests that assert on logging. */
export function createCapturingLogger(): { logger: Logger; lines: LogLine[]; warnings: () => LogLine[] } {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(logLineSchema.parse(JSON.parse(chunk.toString('utf8'))));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  return { logger, lines, warnings: () => lines.filter((line) => line.level === 40) };
}

/**
 * `count` varied sidecars spread over `users` people: random times within a year (with deliberate
 * ties), both models, all sizes. Deterministic for a given seed.
 */
export function makeSyntheticSidecars(count: number, users = 20, seed = 1): Sidecar[] {
  const random = createRandom(seed);
  const start = Date.UTC(2026, 0, 1);
  const sizes = [
    ['512', 0.045],
    ['1K', 0.067],
    ['2K', 0.101],
    ['4K', 0.151],
  ] as const;
  return Array.from({ length: count }, (_, i) => {
    const [size, cost] = sizes[i % sizes.length] ?? sizes[0];
    const minute = Math.floor(random() * 525_600);
    return makeSidecar(`${stemFor(i + 1)}.${i % 3 === 0 ? 'png' : 'jpg'}`, {
      email: `user${Math.floor(random() * users)}@example.com`,
      created: new Date(start + minute * 60_000).toISOString(),
      image_size: size,
      cost,
      model_alias: i % 5 === 0 ? 'pro' : 'flash',
    });
  });
}

/**
 * Writes `count` synthetic images (64 px, the right format for each name) with their sidecars into
 * `root`, as a long-running server's folder would hold them. Returns the sidecars written.
 */
export async function writeSyntheticImages(root: string, count: number, users = 20): Promise<Sidecar[]> {
  const tiny = sharp({ create: { width: 64, height: 64, channels: 3, background: '#3a7' } });
  const bytes = { png: await tiny.clone().png().toBuffer(), jpg: await tiny.clone().jpeg().toBuffer() };
  const sidecars = makeSyntheticSidecars(count, users);
  for (let i = 0; i < sidecars.length; i += 500) {
    await Promise.all(
      sidecars.slice(i, i + 500).map(async (sidecar) => {
        await writeFile(join(root, sidecar.name), sidecar.name.endsWith('.png') ? bytes.png : bytes.jpg);
        await writeFile(join(root, `${sidecar.name.slice(0, 32)}.json`), JSON.stringify(sidecar));
      }),
    );
  }
  return sidecars;
}
