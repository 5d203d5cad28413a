// Renders the plainly synthetic pictures the fake Gemini returns: a colour gradient with "SYNTHETIC — fake
// Gemini" and the first words of the prompt. The SVG is drawn once at a small size and scaled up, which
// keeps even 12288×1536 under a second. Palettes differ so tests can tell a thought draft from the result.
import sharp, { type Sharp } from 'sharp';

export type Palette = 'final' | 'draft' | 'alternate';
export type OutputFormat = 'jpeg' | 'png';

export interface RenderOptions {
  width: number;
  height: number;
  format: OutputFormat;
  palette: Palette;
  caption: string;
  /** Fill with noise so the file is as large as a real photo-like 4K image (the `huge` scenario). */
  noisy?: boolean;
}

const COLOURS: Record<Palette, readonly [string, string]> = {
  final: ['#1d4e89', '#00b2ca'],
  draft: ['#b3001b', '#e8505b'],
  alternate: ['#e07a00', '#f5c518'],
};

const SKETCH_LONG_SIDE = 512;

export async function renderSynthetic(options: RenderOptions): Promise<Buffer> {
  const sketch = await sharp(Buffer.from(svgFor(options)))
    .png()
    .toBuffer();
  const scaled = sharp(sketch).resize(options.width, options.height, { fit: 'fill', kernel: 'linear' });
  const image = options.noisy === true ? await withNoise(scaled, options) : scaled;
  return options.format === 'png'
    ? image.png({ compressionLevel: 3 }).toBuffer()
    : image.jpeg({ quality: options.noisy === true ? 92 : 82 }).toBuffer();
}

async function withNoise(scaled: Sharp, options: RenderOptions): Promise<Sharp> {
  const { data, info } = await scaled.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 48 };
  return sharp({
    create: { width: options.width, height: options.height, channels: 3, background: '#808080', noise },
  }).composite([{ input: data, raw: info, blend: 'overlay' }]);
}

function svgFor({ width, height, palette, caption }: RenderOptions): string {
  const scale = SKETCH_LONG_SIDE / Math.max(width, height);
  const w = Math.max(16, Math.round(width * scale));
  const h = Math.max(16, Math.round(height * scale));
  const title = palette === 'draft' ? 'THOUGHT DRAFT — fake Gemini' : 'SYNTHETIC — fake Gemini';
  const size = Math.max(4, Math.round(Math.min(w / 19, h / 4)));
  const [from, to] = COLOURS[palette];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">`,
    `<stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>`,
    `<rect width="100%" height="100%" fill="url(#g)"/>`,
    text(title, w / 2, h * 0.45, size, 'bold'),
    text(caption, w / 2, h * 0.72, Math.max(3, Math.round(size * 0.6)), 'normal'),
    '</svg>',
  ].join('');
}

function text(content: string, x: number, y: number, size: number, weight: string): string {
  return `<text x="${x}" y="${y}" font-family="DejaVu Sans, sans-serif" font-size="${size}" font-weight="${weight}" fill="white" text-anchor="middle">${escapeXml(content)}</text>`;
}

export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The first few words of a prompt, short enough to fit the picture. */
export function captionOf(prompt: string): string {
  const words = prompt
    .replace(/\[scenario:[a-z0-9_]+\]/g, '')
    .trim()
    .split(/\s+/)
    .slice(0, 6)
    .join(' ');
  return words.length > 48 ? `${words.slice(0, 47)}…` : words;
}
