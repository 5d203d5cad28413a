// The read-only `image_info` tool: one image's prompt, model, size, ratio, price, date, dimensions and
// links, by filename or any link of this server. People see their own images; admins (and everyone when
// sign-in is off) see all. The rules live in ../image-info.ts.
import type { McpServer, RegisteredTool } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { Caller } from '../../auth/index.js';
import type { Logger } from '../../log.js';
import { modelLabel } from '../../models/index.js';
import { describeAsText, describeImage, findVisibleImage, type ImageInfoContext } from '../image-info.js';
import { errorResult } from '../results.js';

export interface ImageInfoDeps extends ImageInfoContext {
  logger: Logger;
  /** Settles once the records on disk are indexed; lookups wait for it. */
  indexReady?: Promise<void> | undefined;
}

export const imageInfoInput = z.object({
  image: z
    .string()
    .max(2048)
    .describe(
      "The filename generate_image returned, or the image's /i/, /v/ (share) or /d/ (download) link on this server",
    ),
});

export const imageInfoOutput = z.object({
  name: z.string(),
  url: z.string().describe('Full-size image'),
  share_url: z.string().describe('Share page'),
  download_url: z.string(),
  prompt: z.string(),
  email: z.string().describe('Who made it'),
  model: z.string().nullable().describe('Model alias used; null when an old record did not say'),
  model_id: z.string().describe('Model id as recorded, retired ids included'),
  model_name: z.string(),
  image_size: z.string().nullable().describe('Size tier; null when an old record did not say'),
  aspect_ratio: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  mime_type: z.string(),
  cost_usd: z.number().describe('List price of this image'),
  created: z.string().describe('UTC, ISO-8601'),
  reference_images: z.array(z.string()),
  from_original_server: z.boolean().describe('Made by the Python server this one replaced'),
});

export function registerImageInfo(server: McpServer, deps: ImageInfoDeps, caller: Caller): RegisteredTool {
  return server.registerTool(
    'image_info',
    {
      title: 'Image details',
      description:
        'Looks up one image made on this server: its prompt, model, size, aspect ratio, price, date, dimensions and links. Costs nothing.',
      inputSchema: imageInfoInput,
      outputSchema: imageInfoOutput,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ image }) => {
      try {
        await deps.indexReady;
        const record = findVisibleImage(image, caller, deps);
        const info = describeImage(record, {
          publicUrl: deps.publicUrl,
          modelName: modelLabel(record),
        });
        return { content: [{ type: 'text', text: describeAsText(info) }], structuredContent: { ...info } };
      } catch (error) {
        return errorResult(error, deps.logger);
      }
    },
  );
}
