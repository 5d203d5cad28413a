// The usage guide returned by the `help` tool, built from the live registry so that env overrides of
// model ids and prices show up. Pure: registry and URLs in, Markdown out.
import { DEFAULT_ALIAS, type ModelAlias, type ModelRegistry, type ModelSpec } from '../models/index.js';
import { formatUsd } from '../money.js';
import { MAX_PROMPT_CHARS, MAX_REFERENCE_IMAGES } from './arguments.js';

export interface HelpContext {
  registry: ModelRegistry;
  publicUrl: string;
  callerDefault: ModelAlias | undefined;
  /** A sentence or two on the caller's monthly budget and what is left of it. */
  budget?: string | undefined;
}

export function buildHelpText({ registry, publicUrl, callerDefault, budget }: HelpContext): string {
  const defaultAlias = callerDefault ?? DEFAULT_ALIAS;
  return [
    '# Image Studio — how to use it',
    '',
    'Call `generate_image` once per picture. Each call is billed, so do not retry a successful call to "improve" it unless the person asks.',
    '',
    '## Parameters of generate_image',
    `- \`prompt\` (required): what to draw, up to ${MAX_PROMPT_CHARS} characters.`,
    '- `aspect_ratio` (default 1:1): see each model below for the ratios it accepts. Spaces such as `16 : 9` are fine.',
    `- \`image_size\` (default 1K): ${registry.models.map((m) => `${m.alias}: ${m.sizes.join(', ')}`).join('; ')}.`,
    `- \`model\`: leave it out unless the person explicitly asked for one. Left out, it uses the person's default (now ${defaultAlias}). Accepts the alias, the full model id or the product name.`,
    `- \`reference_images\`: up to ${MAX_REFERENCE_IMAGES} filenames or URLs returned earlier, to edit, combine or keep a look consistent.`,
    '',
    '## Models and list prices (USD per image)',
    ...registry.models.flatMap((model) => describeModel(model)),
    '',
    '## Iterating on an image',
    'Each result gives a filename such as `0123456789abcdef0123456789abcdef.jpg` and a URL. To change an image, call `generate_image` again with a prompt that says what to change and `reference_images: ["<that filename>"]`. Several references can be combined (for example a character and a background).',
    '',
    ...(budget === undefined ? [] : ['## Your budget', budget, '']),
    '## Where the images are',
    `Each image has its own unguessable link under ${publicUrl}/i/. The dashboard at ${publicUrl}/ui shows your gallery and spending and lets you choose your default model. Over MCP, \`list_images\` finds earlier images (by words of their prompt) and \`get_usage\` shows what you have spent.`,
  ].join('\n');
}

function describeModel(model: ModelSpec): string[] {
  const prices = model.sizes.map((size) => `${size} ${formatUsd(model.prices[size] ?? 0)}`).join(', ');
  return [
    `- **${model.alias}** — ${model.displayName} (\`${model.id}\`): ${model.summary}.`,
    `  - Prices: ${prices}.`,
    `  - Aspect ratios: ${model.aspectRatios.join(', ')}.`,
  ];
}
