// The live model registry: the catalog plus the operator's env overrides (model ids, prices), and the
// resolution rules that turn what a caller typed into a model, a size and an aspect ratio.
// Every rejection is an `invalid_argument` AppError whose message lists what is allowed.
import { AppError, invalidArgument } from '../errors.js';
import {
  DEFAULT_ASPECT_RATIO,
  DEFAULT_SIZE,
  type ImageSize,
  MODEL_ALIASES,
  MODEL_FACTS,
  type ModelAlias,
  type ModelFacts,
  type PriceTable,
  type TokenRates,
} from './catalog.js';

export interface ModelSpec {
  alias: ModelAlias;
  /** The id sent to Gemini (the env override when set). */
  id: string;
  displayName: string;
  envVar: string;
  sizes: readonly ImageSize[];
  aspectRatios: readonly string[];
  prices: Partial<Record<ImageSize, number>>;
  rates: TokenRates;
  summary: string;
}

export interface ModelRegistryOptions {
  ids: Record<ModelAlias, string>;
  prices: PriceTable;
}

export interface ModelRegistry {
  readonly models: readonly ModelSpec[];
  get(alias: ModelAlias): ModelSpec;
  /** Resolves an alias, a model id or a documentation name; throws `invalid_argument` otherwise. */
  resolveModel(input: string): ModelSpec;
  resolveSize(model: ModelSpec, input: string | undefined): ImageSize;
  resolveAspectRatio(model: ModelSpec, input: string | undefined): string;
  priceOf(model: ModelSpec, size: ImageSize): number;
}

const ENV_VARS: Record<ModelAlias, string> = { flash: 'IMG_MODEL_FLASH', pro: 'IMG_MODEL_PRO' };

export function createModelRegistry(options: ModelRegistryOptions): ModelRegistry {
  const specs = MODEL_ALIASES.map((alias) => toSpec(MODEL_FACTS[alias], options));
  const byAlias = new Map(specs.map((spec) => [spec.alias, spec]));
  const byName = buildNameIndex(specs);

  const get = (alias: ModelAlias): ModelSpec => {
    const spec = byAlias.get(alias);
    if (spec === undefined) throw new AppError('internal', `Unknown model alias ${alias}.`);
    return spec;
  };

  return {
    models: specs,
    get,
    resolveModel(input) {
      const alias = byName.get(normaliseName(input));
      if (alias === undefined) {
        const choices = specs.map((s) => `"${s.alias}" (${s.displayName}, ${s.id})`).join(' or ');
        throw invalidArgument(`Unknown model "${input.trim()}". Use ${choices}.`);
      }
      return get(alias);
    },
    resolveSize: resolveSize,
    resolveAspectRatio: resolveAspectRatio,
    priceOf(model, size) {
      return model.prices[size] ?? 0;
    },
  };
}

function toSpec(facts: ModelFacts, options: ModelRegistryOptions): ModelSpec {
  return {
    alias: facts.alias,
    id: options.ids[facts.alias],
    displayName: facts.displayName,
    envVar: ENV_VARS[facts.alias],
    sizes: facts.sizes,
    aspectRatios: facts.aspectRatios,
    prices: { ...options.prices[facts.alias] },
    rates: facts.rates,
    summary: facts.summary,
  };
}

function buildNameIndex(specs: readonly ModelSpec[]): Map<string, ModelAlias> {
  const index = new Map<string, ModelAlias>();
  for (const spec of specs) {
    const facts = MODEL_FACTS[spec.alias];
    const names = [spec.alias, spec.id, facts.displayName, ...facts.knownIds, ...facts.nicknames];
    for (const name of names) index.set(normaliseName(name), spec.alias);
  }
  return index;
}

/** Case-insensitive, surrounding spaces ignored, inner runs of spaces folded, `models/` prefix dropped. */
export function normaliseName(input: string): string {
  return input
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^models\//, '');
}

export function resolveSize(model: ModelSpec, input: string | undefined): ImageSize {
  const wanted = input === undefined ? DEFAULT_SIZE : input.trim().toUpperCase().replace(/PX$/, '');
  const size = model.sizes.find((s) => s === wanted);
  if (size !== undefined) return size;
  const allowed = model.sizes.join(', ');
  const hint = wanted === '512' ? ` The 512 size exists only on the flash model.` : '';
  throw invalidArgument(
    `Image size "${input?.trim() ?? ''}" is not available on ${model.alias} (${model.displayName}). ` +
      `Allowed sizes: ${allowed}.${hint}`,
  );
}

export function resolveAspectRatio(model: ModelSpec, input: string | undefined): string {
  if (input === undefined) return DEFAULT_ASPECT_RATIO;
  const wanted = input.replace(/\s+/g, '');
  const ratio = model.aspectRatios.find((r) => r === wanted);
  if (ratio !== undefined) return ratio;
  const other = model.alias === 'pro' && MODEL_FACTS.flash.aspectRatios.includes(wanted);
  const hint = other ? ` The flash model supports ${wanted}.` : '';
  throw invalidArgument(
    `Aspect ratio "${input.trim()}" is not available on ${model.alias} (${model.displayName}). ` +
      `Allowed ratios: ${model.aspectRatios.join(', ')}.${hint}`,
  );
}
