// The `generate_image` tool: its schema (enums and a description per parameter, so clients can show
// them), its output schema, and the adapter from an MCP call to generation.ts. Progress notifications keep
// long generations alive in clients that reset their timeout on progress.

import type { CallToolResult, McpServer, RegisteredTool, ServerContext } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { Caller } from '../../auth/index.js';
import { IMAGE_SIZES, MODEL_ALIASES, type ModelRegistry } from '../../models/index.js';
import { formatUsd } from '../../money.js';
import { MAX_PROMPT_CHARS, MAX_REFERENCE_IMAGES } from '../arguments.js';
import { type GenerationOutcome, type GenerationPorts, generateImage } from '../generation.js';
import { summariseImage } from '../image-summary.js';
import { errorResult } from '../results.js';

/** The input schema, built from the live registry so that descriptions follow the configured models. */
export function generateImageInput(registry: ModelRegistry) {
  return z.object({
    prompt: z
      .string()
      .describe(
        `What the image should show, in plain words (at most ${MAX_PROMPT_CHARS} characters). When editing an earlier image, say what to change.`,
      ),
    aspect_ratio: z
      .string()
      .meta({ enum: unionOf(registry.models.map((m) => m.aspectRatios)) })
      .optional()
      .describe(
        `Width:height of the image; default 1:1. ${registry.models.map((m) => `${m.alias}: ${m.aspectRatios.join(', ')}`).join('. ')}.`,
      ),
    reference_images: z
      .array(z.string())
      .optional()
      .describe(
        `Up to ${MAX_REFERENCE_IMAGES} images made earlier by this server, to edit, combine or keep a style or character consistent. Each is a filename or URL that generate_image returned.`,
      ),
    model: z
      .string()
      .meta({ enum: [...MODEL_ALIASES] })
      .optional()
      .describe(
        `Leave this out unless the person explicitly asked for a particular model or quality tier; never choose one on your own. ${registry.models.map((m) => `"${m.alias}" (${m.displayName}): ${m.summary}`).join('; ')}. When left out, the person's saved default is used.`,
      ),
    // Coerced so that clients which send `512` as a number (the Inspector CLI does) are understood.
    image_size: z.coerce
      .string()
      .meta({ enum: IMAGE_SIZES.filter((size) => registry.models.some((m) => m.sizes.includes(size))) })
      .optional()
      .describe(
        `Resolution tier; default 1K. ${registry.models.map((m) => `${m.alias}: ${m.sizes.join(', ')}`).join('; ')}. Larger sizes cost more and take longer.`,
      ),
  });
}

export const generateImageOutput = z.object({
  name: z.string().describe('Filename to pass in reference_images to build on this image'),
  url: z.string().describe('Full-size image URL'),
  share_url: z.string().describe('Share page with the image, its details and a download button'),
  model: z.enum(MODEL_ALIASES),
  model_id: z.string(),
  image_size: z.enum(IMAGE_SIZES),
  aspect_ratio: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  mime_type: z.enum(['image/png', 'image/jpeg']),
  cost_usd: z.number().describe('List price of this image'),
});

type GenerateImageInput = ReturnType<typeof generateImageInput>;
const inputSchemas = new WeakMap<ModelRegistry, GenerateImageInput>();

/** One schema per registry: the server is built per request, the registry once per process. */
function inputSchemaFor(registry: ModelRegistry): GenerateImageInput {
  let schema = inputSchemas.get(registry);
  if (schema === undefined) {
    schema = generateImageInput(registry);
    inputSchemas.set(registry, schema);
  }
  return schema;
}

/** Every value of the lists, once each, in the order first seen. */
function unionOf(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

export interface GenerateToolDeps extends GenerationPorts {
  progressIntervalMs: number;
}

export function registerGenerateImage(
  server: McpServer,
  deps: GenerateToolDeps,
  caller: Caller,
): RegisteredTool {
  return server.registerTool(
    'generate_image',
    {
      title: 'Generate image',
      description:
        'Creates an image with Google Gemini ("Nano Banana") from a text prompt, optionally based on earlier images, stores it and returns a preview plus a link to the full-size file. Every call costs money, so call it once per image the person wants.',
      inputSchema: inputSchemaFor(deps.registry),
      outputSchema: generateImageOutput,
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: true,
      },
    },
    async (args, ctx) => {
      const stopProgress = startProgress(ctx, deps.progressIntervalMs);
      try {
        const outcome = await generateImage(deps, caller, args, { clientGone: ctx.mcpReq.signal });
        return successResult(outcome, deps.publicUrl);
      } catch (error) {
        return errorResult(error, deps.logger);
      } finally {
        stopProgress();
      }
    },
  );
}

function successResult(outcome: GenerationOutcome, publicUrl: string): CallToolResult {
  const { sidecar, preview } = outcome;
  const structured: z.infer<typeof generateImageOutput> = summariseImage(sidecar, publicUrl);
  const { url, share_url: shareUrl } = structured;
  const text = [
    `Image ready: ${url}`,
    `Share page (image, details and a download button): ${shareUrl}`,
    `Filename for reference_images: ${sidecar.name}`,
    `${sidecar.width}×${sidecar.height} ${sidecar.mime === 'image/png' ? 'PNG' : 'JPEG'}, ${sidecar.model_alias} (${sidecar.model}) at ${sidecar.image_size}, aspect ratio ${sidecar.aspect_ratio}, list price ${formatUsd(sidecar.cost)}.`,
    'The picture above is a small preview; the link opens the full-size image.',
  ].join('\n');
  return {
    content: [
      { type: 'image', data: preview.data.toString('base64'), mimeType: preview.mime },
      { type: 'text', text },
      {
        type: 'resource_link',
        uri: url,
        name: sidecar.name,
        title: 'Full-size image',
        description: `${sidecar.width}×${sidecar.height}, ${sidecar.model_alias} at ${sidecar.image_size}`,
        mimeType: sidecar.mime,
        size: sidecar.bytes,
      },
    ],
    structuredContent: structured,
  };
}

/** Sends `notifications/progress` every interval while a generation runs, if the client asked for it. */
function startProgress(ctx: ServerContext, intervalMs: number): () => void {
  const token = ctx.mcpReq._meta?.progressToken;
  if (token === undefined) return () => {};
  const started = Date.now();
  const timer = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    ctx.mcpReq
      .notify({
        method: 'notifications/progress',
        params: {
          progressToken: token,
          progress: seconds,
          message: `Still generating (${seconds} s so far)…`,
        },
      })
      .catch(() => clearInterval(timer));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
