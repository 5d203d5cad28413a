// The `list_images` tool: the caller's images, newest first, filtered by words of the prompt and paged
// with an opaque cursor; admins may name another person. Read-only. The search itself is in listing.ts.

import type { CallToolResult, McpServer, RegisteredTool } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { Caller } from '../../auth/index.js';
import type { ImageRecord } from '../../images/index.js';
import type { Logger } from '../../log.js';
import { assertMayGenerate } from '../generation.js';
import { summariseImage } from '../image-summary.js';
import { type ListingIndex, listImages } from '../listing.js';
import { errorResult } from '../results.js';
import { type AdminCheck, resolveSubject } from '../subject.js';

export const DEFAULT_LIST_LIMIT = 20;
export const MAX_LIST_LIMIT = 100;

const listImagesInput = z.object({
  query: z
    .string()
    .max(500)
    .optional()
    .describe(
      'Words that must all appear in the prompt (any order, case ignored). Leave out to list everything.',
    ),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIST_LIMIT)
    .optional()
    .describe(`How many images to return, 1 to ${MAX_LIST_LIMIT}; default ${DEFAULT_LIST_LIMIT}.`),
  cursor: z
    .string()
    .max(2000)
    .optional()
    .describe('The next_cursor of a previous call with the same query, to get the following (older) page.'),
  email: z
    .string()
    .max(320)
    .optional()
    .describe("Admins only: whose images to list. Leave out to list the caller's own."),
});

const listedImage = z.object({
  name: z.string().describe('Filename, usable in reference_images'),
  url: z.string().describe('Full-size image'),
  share_url: z.string().describe('Share page with the details and a download button'),
  prompt: z.string(),
  created: z.string(),
  model: z.string().nullable().describe('Alias (flash, pro…); null for old records that did not say'),
  model_id: z.string(),
  image_size: z.string().nullable().describe('Null for old records that did not say'),
  aspect_ratio: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  mime_type: z.string(),
  cost_usd: z.number().describe('List price paid'),
  actual_cost_usd: z.number().nullable().describe("Cost computed from Gemini's reported usage, when known"),
});

export const listImagesOutput = z.object({
  email: z.string(),
  images: z.array(listedImage),
  next_cursor: z
    .string()
    .optional()
    .describe('Pass back as cursor for older images; absent on the last page'),
});

export interface ListToolDeps {
  index: ListingIndex;
  /** Settles once the index holds every image on disk; listings wait for it. */
  indexReady?: Promise<void> | undefined;
  access: AdminCheck & { canGenerate(caller: Caller): boolean };
  publicUrl: string;
  logger: Logger;
}

export function registerListImages(server: McpServer, deps: ListToolDeps, caller: Caller): RegisteredTool {
  return server.registerTool(
    'list_images',
    {
      title: 'List my images',
      description:
        'Lists images made on this server, newest first, with their links, prompts, models and prices. Use it to find an earlier image again (for example after a timeout) or to pick one for reference_images. Filter with words of the prompt; page with next_cursor.',
      inputSchema: listImagesInput,
      outputSchema: listImagesOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (args) => {
      try {
        assertMayGenerate(deps, caller);
        const email = resolveSubject(deps.access, caller, args.email);
        await deps.indexReady;
        const listing = listImages(deps.index, {
          email,
          query: args.query,
          limit: args.limit ?? DEFAULT_LIST_LIMIT,
          cursor: args.cursor,
        });
        const images = listing.items.map((item) => toListed(item, deps.publicUrl));
        const structured: z.infer<typeof listImagesOutput> = {
          email,
          images,
          ...(listing.nextCursor === undefined ? {} : { next_cursor: listing.nextCursor }),
        };
        return listingResult(structured, args.query);
      } catch (error) {
        return errorResult(error, deps.logger);
      }
    },
  );
}

function toListed(sidecar: ImageRecord, publicUrl: string): z.infer<typeof listedImage> {
  return {
    ...summariseImage(sidecar, publicUrl),
    prompt: sidecar.prompt,
    created: sidecar.created,
    actual_cost_usd: sidecar.usage_cost,
  };
}

function listingResult(
  structured: z.infer<typeof listImagesOutput>,
  query: string | undefined,
): CallToolResult {
  const { images, email, next_cursor } = structured;
  const filter = query === undefined || query.trim() === '' ? '' : ` matching "${query.trim()}"`;
  const lines =
    images.length === 0
      ? [`No images${filter} for ${email}${next_cursor === undefined ? '' : ' on this page'}.`]
      : [
          `${images.length} image${images.length === 1 ? '' : 's'}${filter} for ${email}, newest first:`,
          ...images.map(
            (image) =>
              `- ${image.created.slice(0, 16).replace('T', ' ')} UTC · ${image.name} · ${image.model ?? image.model_id} ${image.image_size ?? ''} ${image.aspect_ratio} · $${image.cost_usd.toFixed(3)}\n  ${shorten(image.prompt)}\n  ${image.url}`,
          ),
        ];
  if (next_cursor !== undefined)
    lines.push(`More images are older than these: call list_images again with cursor "${next_cursor}".`);
  return { content: [{ type: 'text', text: lines.join('\n') }], structuredContent: structured };
}

function shorten(prompt: string): string {
  const flat = prompt.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}
