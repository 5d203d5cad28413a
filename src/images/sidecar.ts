// The sidecar record written beside every image (`{stem}.json`) and its schema. Sidecars are outside data when
// read back (a person could edit the folder), so they are parsed with zod, never cast.
import { z } from 'zod';
import { MODEL_ALIASES } from '../models/index.js';
import { IMAGE_NAME_PATTERN } from './names.js';

export const usageSchema = z.object({
  promptTokenCount: z.number().int().nonnegative().optional(),
  candidatesTokenCount: z.number().int().nonnegative().optional(),
  thoughtsTokenCount: z.number().int().nonnegative().optional(),
  totalTokenCount: z.number().int().nonnegative().optional(),
  imageOutputTokens: z.number().int().nonnegative().optional(),
});

export const sidecarSchema = z.object({
  name: z.string().regex(IMAGE_NAME_PATTERN),
  email: z.string().min(1),
  prompt: z.string(),
  aspect_ratio: z.string(),
  /** List price of that model at that size, USD. */
  cost: z.number().nonnegative(),
  /** Full model id sent to Gemini. */
  model: z.string(),
  model_alias: z.enum(MODEL_ALIASES),
  image_size: z.enum(['512', '1K', '2K', '4K']),
  /** UTC ISO-8601. */
  created: z.string().datetime({ offset: true }),
  mime: z.enum(['image/png', 'image/jpeg']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  reference_images: z.array(z.string().regex(IMAGE_NAME_PATTERN)).default([]),
  usage: usageSchema.nullable().default(null),
  /** Cost estimated from the usage token counts, USD; null when Gemini did not itemise them. */
  usage_cost: z.number().nonnegative().nullable().default(null),
  duration_ms: z.number().int().nonnegative(),
  gemini_model_version: z.string().nullable().default(null),
  gemini_response_id: z.string().nullable().default(null),
  attempts: z.number().int().positive().default(1),
  /**
   * Set on a record rebuilt at start-up for an image whose own record was lost in a crash: the e-mail,
   * prompt and model are unknown and the cost is the list price of the dearest model that fits its size.
   */
  recovered: z.boolean().optional(),
});

export type Sidecar = z.infer<typeof sidecarSchema>;
export type SidecarInput = z.input<typeof sidecarSchema>;

/** Parses a sidecar read back from disk; returns undefined (and a reason) for anything malformed. */
export function parseSidecar(json: unknown): { ok: true; sidecar: Sidecar } | { ok: false; reason: string } {
  const result = sidecarSchema.safeParse(json);
  if (result.success) return { ok: true, sidecar: result.data };
  return { ok: false, reason: z.prettifyError(result.error).replace(/\n/g, '; ') };
}

export function serialiseSidecar(sidecar: Sidecar): string {
  return `${JSON.stringify(sidecar, null, 2)}\n`;
}
