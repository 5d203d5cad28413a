// Records written by the Python original, read as they are. Its sidecars hold nine fields (name, email,
// prompt, aspect_ratio, cost, model, model_alias, image_size, created), older ones with an empty alias and
// size, retired model ids and mixed-case e-mails; its images are all named `.png`, often holding JPEG.
// The missing facts (type, width, height, bytes) come from the image's header; the files are never
// rewritten. The result is an ImageRecord, the shape the index, dashboard, share page and tools use.
import { z } from 'zod';
import { normaliseEmail } from '../email.js';
import type { HeaderFacts } from './dimensions.js';
import { IMAGE_NAME_PATTERN } from './names.js';
import { type Sidecar, sidecarSchema } from './sidecar.js';

/** A sidecar of ours, or one of the original's completed from its image file. */
export type ImageRecord = Omit<Sidecar, 'model_alias' | 'image_size' | 'duration_ms'> & {
  /** Null when the original left it empty or named something we do not know. */
  model_alias: Sidecar['model_alias'] | null;
  /** Null when the original left it empty. */
  image_size: Sidecar['image_size'] | null;
  duration_ms: number | null;
  /** True for a record the Python original wrote. */
  original?: true;
};

/** Python's `isoformat()`, with `+00:00`, fractions of a second, or (in hand-made files) no offset at all. */
const createdSchema = z
  .string()
  .refine((text) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) && toUtcIso(text) !== undefined, {
    message: 'created is not an ISO-8601 date and time',
  });

export const originalSidecarSchema = z.object({
  name: z.string().regex(IMAGE_NAME_PATTERN),
  email: z.string().trim().min(1),
  prompt: z.string(),
  aspect_ratio: z.string(),
  cost: z.number().nonnegative().finite(),
  model: z.string(),
  model_alias: z.string().default(''),
  image_size: z.string().default(''),
  created: createdSchema,
});

export type OriginalSidecar = z.infer<typeof originalSidecarSchema>;

const aliasSchema = sidecarSchema.shape.model_alias;
const sizeSchema = sidecarSchema.shape.image_size;

/** Completes an original record with what the image file tells: its true type, size in pixels and bytes. */
export function completeOriginal(record: OriginalSidecar, facts: HeaderFacts, bytes: number): ImageRecord {
  const alias = aliasSchema.safeParse(record.model_alias.trim().toLowerCase());
  const size = sizeSchema.safeParse(record.image_size.trim().toUpperCase());
  return {
    name: record.name,
    email: normaliseEmail(record.email),
    prompt: record.prompt,
    aspect_ratio: record.aspect_ratio,
    cost: record.cost,
    model: record.model,
    model_alias: alias.success ? alias.data : null,
    image_size: size.success ? size.data : null,
    created: toUtcIso(record.created) ?? record.created,
    mime: facts.mime,
    width: facts.width,
    height: facts.height,
    bytes,
    reference_images: [],
    usage: null,
    usage_cost: null,
    duration_ms: null,
    gemini_model_version: null,
    gemini_response_id: null,
    attempts: 1,
    original: true,
  };
}

/** UTC ISO-8601 with `Z`; a time without an offset is taken as UTC (the original always wrote UTC). */
export function toUtcIso(text: string): string | undefined {
  const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const ms = Date.parse(hasOffset ? text : `${text}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
