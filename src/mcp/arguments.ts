// Turns the raw `generate_image` arguments into a validated request: prompt rules, model
// choice (explicit argument, else the caller's dashboard default, else flash), size, aspect ratio and the
// reference-image names. Pure; every rejection is an `invalid_argument` error that says what is allowed.
import { invalidArgument } from '../errors.js';
import { extractImageName } from '../images/names.js';
import {
  DEFAULT_ALIAS,
  type ImageSize,
  type ModelAlias,
  type ModelRegistry,
  type ModelSpec,
} from '../models/index.js';

export const MAX_PROMPT_CHARS = 10_000;
export const MAX_REFERENCE_IMAGES = 14;

export interface RawGenerateArgs {
  prompt: string;
  aspect_ratio?: string | undefined;
  reference_images?: readonly string[] | undefined;
  model?: string | undefined;
  image_size?: string | undefined;
}

export interface GenerateRequest {
  prompt: string;
  model: ModelSpec;
  /** Where the model choice came from, for logs and the result text. */
  modelSource: 'argument' | 'dashboard-default' | 'server-default';
  imageSize: ImageSize;
  aspectRatio: string;
  referenceNames: readonly string[];
  cost: number;
}

export function resolveGenerateArgs(
  raw: RawGenerateArgs,
  registry: ModelRegistry,
  savedDefault: ModelAlias | undefined,
  publicUrl: string,
): GenerateRequest {
  const prompt = checkPrompt(raw.prompt);
  const { model, modelSource } = chooseModel(raw.model, registry, savedDefault);
  const imageSize = registry.resolveSize(model, blankToUndefined(raw.image_size));
  const aspectRatio = registry.resolveAspectRatio(model, blankToUndefined(raw.aspect_ratio));
  const referenceNames = checkReferences(raw.reference_images ?? [], publicUrl);
  return {
    prompt,
    model,
    modelSource,
    imageSize,
    aspectRatio,
    referenceNames,
    cost: registry.priceOf(model, imageSize),
  };
}

function checkPrompt(value: string): string {
  const prompt = value.trim();
  if (prompt === '') throw invalidArgument('The prompt is empty. Describe the image you want.');
  if (prompt.length > MAX_PROMPT_CHARS)
    throw invalidArgument(
      `The prompt has ${prompt.length} characters; the limit is ${MAX_PROMPT_CHARS}. Shorten it and try again.`,
    );
  return prompt;
}

function chooseModel(
  requested: string | undefined,
  registry: ModelRegistry,
  savedDefault: ModelAlias | undefined,
): { model: ModelSpec; modelSource: GenerateRequest['modelSource'] } {
  const explicit = blankToUndefined(requested);
  if (explicit !== undefined) return { model: registry.resolveModel(explicit), modelSource: 'argument' };
  if (savedDefault !== undefined)
    return { model: registry.get(savedDefault), modelSource: 'dashboard-default' };
  return { model: registry.get(DEFAULT_ALIAS), modelSource: 'server-default' };
}

function checkReferences(values: readonly string[], publicUrl: string): string[] {
  if (values.length > MAX_REFERENCE_IMAGES)
    throw invalidArgument(
      `${values.length} reference images were given; at most ${MAX_REFERENCE_IMAGES} are allowed in one request.`,
    );
  const names = values.map((value) => {
    const name = extractImageName(value, publicUrl);
    if (name === undefined)
      throw invalidArgument(
        `"${truncate(value, 120)}" is not an image of this server. Pass a filename returned by generate_image ` +
          '(32 hex characters plus .png or .jpg) or the URL of this server it returned.',
      );
    return name;
  });
  return [...new Set(names)];
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function truncate(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
