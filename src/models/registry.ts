// The live model registry: the catalog plus the operator's env overrides (a model id per alias, prices),
// and the rules that turn what a caller typed into a model, a size and an aspect ratio. Sizes, ratios and
// list prices follow the configured id: pinning `IMG_MODEL_FLASH=gemini-3.1-flash-image` brings its 512
// tier back at its own prices. An id the catalog does not know is used as given: Gemini checks sizes and
// ratios itself, and prices come from the operator's variables. Every rejection is an `invalid_argument`
// AppError whose message says what the model takes and which model would take the request.
import { AppError, invalidArgument } from '../errors.js';
import {
  ALL_ASPECT_RATIOS,
  DEFAULT_ASPECT_RATIO,
  DEFAULT_SIZE,
  findKnownModel,
  IMAGE_SIZES,
  type ImageSize,
  KNOWN_MODELS,
  MODEL_ALIASES,
  MODEL_FAMILIES,
  type ModelAlias,
  type ModelFamily,
  type PriceOverrides,
  type SizePrices,
  type TokenRates,
} from './catalog.js';

export interface ModelSpec {
  alias: ModelAlias;
  /** The id sent to Gemini (the env override when set). */
  id: string;
  displayName: string;
  envVar: string;
  /** False for an operator's id the catalog does not know: Gemini then validates sizes and ratios. */
  known: boolean;
  sizes: readonly ImageSize[];
  aspectRatios: readonly string[];
  prices: SizePrices;
  rates: TokenRates;
  summary: string;
}

export interface ModelRegistryOptions {
  ids: Readonly<Record<ModelAlias, string>>;
  prices: Readonly<PriceOverrides>;
}

export interface ModelRegistry {
  readonly models: readonly ModelSpec[];
  get(alias: ModelAlias): ModelSpec;
  /** Resolves an alias, a model id or a product name; throws `invalid_argument` otherwise. */
  resolveModel(input: string): ModelSpec;
  resolveSize(model: ModelSpec, input: string | undefined): ImageSize;
  resolveAspectRatio(model: ModelSpec, input: string | undefined): string;
  priceOf(model: ModelSpec, size: ImageSize): number;
  /** Start-up notices for the operator (unknown ids, deprecated models). */
  notices(): string[];
}

export function createModelRegistry(options: ModelRegistryOptions): ModelRegistry {
  const specs = MODEL_ALIASES.map((alias) => toSpec(MODEL_FAMILIES[alias], options));
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
        const choices = specs.map((s) => `"${s.alias}" (${s.displayName})`).join(', ');
        throw invalidArgument(`Unknown model "${input.trim()}". Choose one of ${choices}.`);
      }
      return get(alias);
    },
    resolveSize: (model, input) => resolveSize(specs, model, input),
    resolveAspectRatio: (model, input) => resolveAspectRatio(specs, model, input),
    priceOf(model, size) {
      return model.prices[size] ?? 0;
    },
    notices: () => specs.flatMap((spec) => noticesFor(spec, options.prices[spec.alias])),
  };
}

function toSpec(family: ModelFamily, options: ModelRegistryOptions): ModelSpec {
  const id = options.ids[family.alias];
  const overrides = options.prices[family.alias];
  const known = findKnownModel(id);
  const base = { alias: family.alias, id, envVar: family.envVar };
  if (known !== undefined) {
    return {
      ...base,
      known: true,
      displayName: known.productName,
      sizes: known.sizes,
      aspectRatios: known.aspectRatios,
      prices: pricesFor(known.sizes, known.listPrices, overrides),
      rates: known.rates,
      summary: known.summary,
    };
  }
  // Unknown id: accept every size and ratio and let Gemini answer; estimate prices from the family's
  // usual model until the operator sets them (start-up says so).
  const usual = findKnownModel(family.defaultId);
  return {
    ...base,
    known: false,
    displayName: id,
    sizes: IMAGE_SIZES,
    aspectRatios: ALL_ASPECT_RATIOS,
    prices: pricesFor(IMAGE_SIZES, usual?.listPrices ?? {}, overrides),
    rates: usual?.rates ?? { input: 0, imageOutput: 0, textOutput: 0 },
    summary: `a model the server does not know (${family.envVar}); Gemini checks its sizes and ratios`,
  };
}

function pricesFor(sizes: readonly ImageSize[], list: SizePrices, overrides: SizePrices): SizePrices {
  const prices: SizePrices = {};
  for (const size of sizes) {
    const price = overrides[size] ?? list[size];
    if (price !== undefined) prices[size] = price;
  }
  return prices;
}

function noticesFor(spec: ModelSpec, overrides: SizePrices): string[] {
  const known = findKnownModel(spec.id);
  if (known === undefined) {
    const unset = IMAGE_SIZES.filter((size) => overrides[size] === undefined);
    const costVars = unset.map((size) => `IMG_COST_${spec.alias.toUpperCase()}_${size}`);
    const priceNote =
      unset.length === 0
        ? 'its prices come from your IMG_COST variables'
        : `set ${costVars.join(', ')} to its prices; until then the ${MODEL_FAMILIES[spec.alias].defaultId} list prices are recorded`;
    return [
      `${spec.envVar}=${spec.id} is not a model this server knows: Gemini will check its sizes and aspect ratios, and ${priceNote}.`,
    ];
  }
  if (known.status !== 'current')
    return [
      `${spec.envVar}=${spec.id} is ${known.productName}, which Google has ${known.status}; calls may fail with "model not found". Unset ${spec.envVar} to use ${MODEL_FAMILIES[spec.alias].defaultId}.`,
    ];
  return [];
}

function buildNameIndex(specs: readonly ModelSpec[]): Map<string, ModelAlias> {
  const index = new Map<string, ModelAlias>();
  for (const model of KNOWN_MODELS) {
    for (const name of [model.id, ...model.otherIds, model.productName])
      index.set(normaliseName(name), model.family);
  }
  for (const family of Object.values(MODEL_FAMILIES))
    for (const name of family.names) index.set(normaliseName(name), family.alias);
  // The alias and the configured id win over everything else.
  for (const spec of specs) {
    index.set(normaliseName(spec.id), spec.alias);
    index.set(spec.alias, spec.alias);
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

function resolveSize(specs: readonly ModelSpec[], model: ModelSpec, input: string | undefined): ImageSize {
  const wanted = input === undefined ? DEFAULT_SIZE : input.trim().toUpperCase().replace(/PX$/, '');
  const size = model.sizes.find((s) => s === wanted);
  if (size !== undefined) return size;
  throw invalidArgument(
    `Image size "${input?.trim() ?? ''}" is not available on ${describe(model)}. ` +
      `It takes ${model.sizes.join(', ')}.${sizeHint(specs, model, wanted)}`,
  );
}

function sizeHint(specs: readonly ModelSpec[], model: ModelSpec, wanted: string): string {
  const others = specs.filter((s) => s !== model && s.sizes.some((size) => size === wanted));
  if (others.length > 0) return ` ${aliasList(others)} ${others.length > 1 ? 'take' : 'takes'} ${wanted}.`;
  const smallest = model.sizes[0];
  const lite = specs.find((s) => s.alias === 'lite' && s !== model);
  if (wanted === '512' && smallest !== undefined)
    return lite === undefined ? ` Use ${smallest}.` : ` Use ${smallest}, or model "lite" for quick drafts.`;
  return '';
}

function resolveAspectRatio(
  specs: readonly ModelSpec[],
  model: ModelSpec,
  input: string | undefined,
): string {
  if (input === undefined) return DEFAULT_ASPECT_RATIO;
  const wanted = input.replace(/\s+/g, '');
  const ratio = model.aspectRatios.find((r) => r === wanted);
  if (ratio !== undefined) return ratio;
  const others = specs.filter((s) => s !== model && s.aspectRatios.includes(wanted));
  const hint =
    others.length > 0 ? ` ${aliasList(others)} ${others.length > 1 ? 'take' : 'takes'} ${wanted}.` : '';
  throw invalidArgument(
    `Aspect ratio "${input.trim()}" is not available on ${describe(model)}. ` +
      `It takes ${model.aspectRatios.join(', ')}.${hint}`,
  );
}

function describe(model: ModelSpec): string {
  return `${model.alias} (${model.displayName})`;
}

function aliasList(specs: readonly ModelSpec[]): string {
  const names = specs.map((s) => `"${s.alias}"`);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  return `Model${specs.length > 1 ? 's' : ''} ${list}`;
}
