// Turns the raw body of a generateContent call into what the fake needs to answer it, refusing anything
// the real API would refuse (as the live API showed): bad JSON, unknown fields, wrong types, missing
// contents, an aspect ratio or size the model lacks, too many images, and unusable inline images.
import { z } from 'zod';
import { fieldError, reject } from './gemini-envelopes.js';
import { checkFields, toSnake } from './gemini-fields.js';
import { type CheckedImage, checkInlineImage, type InlineImage } from './gemini-input-images.js';
import { type FakeModel, fakeModel } from './gemini-tables.js';

export interface ValidRequest {
  model: FakeModel;
  prompt: string;
  aspectRatio: string;
  imageSize: string;
  modalities: readonly string[];
  references: readonly CheckedImage[];
}

export const MAX_INLINE_IMAGES = 14;
const MODALITIES = ['TEXT', 'IMAGE', 'AUDIO'];

const partSchema = z.object({
  text: z.string().optional(),
  thought: z.boolean().optional(),
  thoughtSignature: z.string().optional(),
  inlineData: z.object({ mimeType: z.string().optional(), data: z.string().optional() }).optional(),
});
const contentSchema = z.object({ role: z.string().optional(), parts: z.array(partSchema).optional() });
const requestSchema = z.object({
  contents: z.array(contentSchema).optional(),
  generationConfig: z
    .object({
      responseModalities: z.array(z.string()).optional(),
      imageConfig: z
        .object({ aspectRatio: z.string().optional(), imageSize: z.string().optional() })
        .optional(),
    })
    .optional(),
});
type ParsedRequest = z.infer<typeof requestSchema>;
type ParsedContent = z.infer<typeof contentSchema>;

/** Parses and validates; throws a GoogleRejection carrying the exact error answer. */
export async function validateRequest(rawBody: string, modelId: string): Promise<ValidRequest> {
  const request = parseBody(rawBody);
  const model = fakeModel(modelId);
  const contents = request.contents ?? [];
  if (contents.length === 0) throw fieldError('contents', 'contents is not specified');
  checkRoles(contents, model);
  const modalities = checkModalities(request.generationConfig?.responseModalities);
  const imageConfig = request.generationConfig?.imageConfig ?? {};
  const aspectRatio = checkChoice('aspect_ratio', imageConfig.aspectRatio, model.ratios, '1:1');
  const imageSize = checkChoice('image_size', imageConfig.imageSize, model.sizes, '1K');
  const inline = collectInlineImages(contents);
  if (inline.length > MAX_INLINE_IMAGES)
    throw fieldError(
      'contents',
      `at most ${MAX_INLINE_IMAGES} inline images are allowed per request, got ${inline.length}`,
    );
  const references: CheckedImage[] = [];
  for (const image of inline) references.push(await checkInlineImage(image));
  return { model, prompt: promptOf(contents), aspectRatio, imageSize, modalities, references };
}

/** Returns the JSON body object (for recording) — or undefined when it is not JSON. */
export function tryParseJson(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    return undefined;
  }
}

function parseBody(rawBody: string): ParsedRequest {
  const json = tryParseJson(rawBody);
  if (json === undefined || json === null || typeof json !== 'object' || Array.isArray(json))
    throw reject(400, 'Invalid JSON payload received. Expected a JSON object as the request body.');
  const result = requestSchema.safeParse(checkFields(json));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : toSnake(String(p))));
  const where = path.join('.').replaceAll('.[', '[');
  throw reject(400, `Invalid value at '${where}': ${issue?.message ?? 'wrong type'}.`);
}

function checkRoles(contents: readonly ParsedContent[], model: FakeModel): void {
  contents.forEach((content, c) => {
    const role = content.role ?? 'user';
    if (role !== 'user' && role !== 'model') throw reject(400, 'Please use a valid role: user, model.');
    if (role !== 'model' || !model.checksThoughtSignatures) return;
    (content.parts ?? []).forEach((part, p) => {
      if (part.inlineData !== undefined && part.thoughtSignature === undefined)
        throw reject(
          400,
          `Image part is missing a thought_signature in content position ${c + 1}, part position ${p + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures#model-behavior for more details.`,
        );
    });
  });
}

function checkModalities(modalities: readonly string[] | undefined): readonly string[] {
  const path = 'generation_config.response_modalities';
  const bad = (modalities ?? []).find((m) => !MODALITIES.includes(m));
  if (bad !== undefined) throw reject(400, `Invalid value at '${path}' (Modality), "${bad}"`);
  if (modalities === undefined || !modalities.includes('IMAGE'))
    throw fieldError(path, 'response_modalities must include IMAGE for an image model (this fake insists).');
  return modalities;
}

function checkChoice(field: string, value: string | undefined, allowed: readonly string[], fallback: string) {
  if (value === undefined) return fallback;
  if (allowed.includes(value)) return value;
  const quoted = allowed.map((v) => `'${v}'`);
  const rule =
    quoted.length === 1
      ? `must be ${quoted[0]}`
      : `must be one of ${quoted.slice(0, -1).join(', ')}, or ${quoted.at(-1) ?? ''}`;
  throw fieldError(`generation_config.image_config.${field}`, `${field} ${rule}.`);
}

function collectInlineImages(contents: readonly ParsedContent[]): InlineImage[] {
  return contents.flatMap((content, c) =>
    (content.parts ?? []).flatMap((part, p) =>
      part.inlineData === undefined
        ? []
        : [
            {
              path: `contents[${c}].parts[${p}].inline_data`,
              mimeType: part.inlineData.mimeType,
              data: part.inlineData.data,
            },
          ],
    ),
  );
}

function promptOf(contents: readonly ParsedContent[]): string {
  return contents
    .filter((content) => (content.role ?? 'user') === 'user')
    .flatMap((content) => content.parts ?? [])
    .map((part) => part.text ?? '')
    .filter((text) => text !== '')
    .join(' ');
}
