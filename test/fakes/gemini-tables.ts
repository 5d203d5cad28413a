// What the fake Gemini knows about the image models, copied from Google's published tables
// and deliberately NOT imported from src/models, so that a
// mistake in our own catalog shows up as a test failure instead of being mirrored by the fake.

export const DEFAULT_KNOWN_MODELS = [
  'gemini-3.1-flash-image',
  'gemini-3.1-flash-image-preview',
  'gemini-3-pro-image',
  'gemini-3-pro-image-preview',
] as const;

export type ModelFamily = 'flash' | 'pro';

/** Pixel sizes per ratio, in the order 512, 1K, 2K, 4K (Pro has no 512 tier). */
const FLASH_PIXELS: Record<string, readonly [string, string, string, string]> = {
  '1:1': ['512x512', '1024x1024', '2048x2048', '4096x4096'],
  '1:4': ['256x1024', '512x2048', '1024x4096', '2048x8192'],
  '1:8': ['192x1536', '384x3072', '768x6144', '1536x12288'],
  '2:3': ['424x632', '848x1264', '1696x2528', '3392x5056'],
  '3:2': ['632x424', '1264x848', '2528x1696', '5056x3392'],
  '3:4': ['448x600', '896x1200', '1792x2400', '3584x4800'],
  '4:1': ['1024x256', '2048x512', '4096x1024', '8192x2048'],
  '4:3': ['600x448', '1200x896', '2400x1792', '4800x3584'],
  '4:5': ['464x576', '928x1152', '1856x2304', '3712x4608'],
  '5:4': ['576x464', '1152x928', '2304x1856', '4608x3712'],
  '8:1': ['1536x192', '3072x384', '6144x768', '12288x1536'],
  '9:16': ['384x688', '768x1376', '1536x2752', '3072x5504'],
  '16:9': ['688x384', '1376x768', '2752x1536', '5504x3072'],
  '21:9': ['792x168', '1584x672', '3168x1344', '6336x2688'],
};

const PRO_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];
const SIZE_INDEX: Record<string, number> = { '512': 0, '1K': 1, '2K': 2, '4K': 3 };

const IMAGE_TOKENS: Record<ModelFamily, Record<string, number>> = {
  flash: { '512': 747, '1K': 1120, '2K': 1680, '4K': 2520 },
  pro: { '1K': 1120, '2K': 1120, '4K': 2000 },
};

/** Flash ids accept the 512 tier and the extreme ratios; everything else behaves like Pro. */
export function familyOf(modelId: string): ModelFamily {
  return modelId.includes('flash') ? 'flash' : 'pro';
}

export function ratiosFor(family: ModelFamily): readonly string[] {
  return family === 'flash' ? Object.keys(FLASH_PIXELS) : PRO_RATIOS;
}

export function sizesFor(family: ModelFamily): readonly string[] {
  return family === 'flash' ? ['512', '1K', '2K', '4K'] : ['1K', '2K', '4K'];
}

/** Pixel size Google documents for a (model, ratio, size); the caller has validated the inputs. */
export function pixelSize(
  family: ModelFamily,
  ratio: string,
  size: string,
): { width: number; height: number } {
  const entry = FLASH_PIXELS[ratio]?.[SIZE_INDEX[size] ?? 1] ?? '1024x1024';
  const usable = family === 'pro' && !PRO_RATIOS.includes(ratio) ? '1024x1024' : entry;
  const [width, height] = usable.split('x').map(Number);
  return { width: width ?? 1024, height: height ?? 1024 };
}

export function imageTokens(family: ModelFamily, size: string): number {
  return IMAGE_TOKENS[family][size] ?? 1120;
}

/** Google's own list of the input MIME types it accepts for inline images. */
export const INPUT_MIME_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/heic',
  'image/heif',
] as const;

/** Tokens Google bills for one reference image of the usual size. */
export const TOKENS_PER_REFERENCE = 258;
