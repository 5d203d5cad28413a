// One image generation from validated arguments to a stored, indexed image: access check, argument
// resolution, reference loading, the Gemini call, the write, the index update and the preview. Kept apart
// from the MCP transport so it reads as the product's main path; the tool file only adapts it to MCP.

import type { Caller } from '../auth/index.js';
import type { Reservation } from '../budgets/index.js';
import { AppError, invalidArgument } from '../errors.js';
import type { PreparedImage, Sidecar } from '../images/index.js';
import type { Logger } from '../log.js';
import { costFromUsage, type ModelAlias, type ModelRegistry, type UsageCounts } from '../models/index.js';
import { type GenerateRequest, type RawGenerateArgs, resolveGenerateArgs } from './arguments.js';

export interface GeminiPort {
  generate(req: {
    model: { id: string; envVar: string };
    prompt: string;
    aspectRatio: string;
    imageSize: string;
    references: { bytes: Buffer; mime: string }[];
    signal?: AbortSignal;
    onAttempt?: (attempt: number) => void;
  }): Promise<{
    bytes: Buffer;
    usage: UsageCounts;
    modelVersion?: string | undefined;
    responseId?: string | undefined;
    attempts: number;
  }>;
}

export interface GenerationPorts {
  registry: ModelRegistry;
  /** Public base URL: reference URLs must point here. */
  publicUrl: string;
  gemini: GeminiPort;
  store: {
    loadReference(name: string): Promise<{ bytes: Buffer; mime: string } | undefined>;
    saveGenerated(input: {
      bytes: Buffer;
      record: Omit<Sidecar, 'name' | 'mime' | 'width' | 'height' | 'bytes'>;
      prepared: PreparedImage;
    }): Promise<Sidecar>;
  };
  prefs: { getDefaultModel(email: string): ModelAlias | undefined | Promise<ModelAlias | undefined> };
  index: { add(sidecar: Sidecar): void };
  /** Records the spend; a line it misses is added from the sidecar at the next start. */
  ledger: { append(entry: Pick<Sidecar, 'name' | 'email' | 'cost' | 'model' | 'created'>): Promise<unknown> };
  access: { canGenerate(caller: Caller): boolean };
  /** One decode of the generated image: its facts, preview and thumbnail. */
  prepareImage(bytes: Buffer): Promise<PreparedImage>;
  /** Holds the call's list price against the caller's monthly budget before Gemini is called. */
  budgets: { reserve(email: string, costUsd: number): Promise<Reservation> };
  inflight: { run<T>(work: () => Promise<T>): Promise<T> };
  logger: Logger;
  clock: () => Date;
}

export interface GenerationOutcome {
  sidecar: Sidecar;
  request: GenerateRequest;
  preview: { data: Buffer; mime: string; width: number; height: number };
  /** Milliseconds spent waiting for Gemini, and spent on everything after it (decode, store, index). */
  timing: { geminiMs: number; afterMs: number };
}

export interface GenerationHooks {
  /**
   * Fires when the client goes away (disconnect, its own timeout). The generation does not stop: Google
   * may already be billing for it, so it still completes, is stored and recorded; only the log notes it.
   */
  clientGone?: AbortSignal;
  onAttempt?: (attempt: number) => void;
}

export async function generateImage(
  ports: GenerationPorts,
  caller: Caller,
  raw: RawGenerateArgs,
  hooks: GenerationHooks = {},
): Promise<GenerationOutcome> {
  const started = Date.now();
  const log = ports.logger.child({ event: 'generation', email: caller.email });
  const stopWatching = watchClient(hooks.clientGone, () =>
    log.warn(
      { clientLeft: true, afterMs: Date.now() - started },
      'the client left before the image was ready; finishing and storing it anyway',
    ),
  );
  let request: GenerateRequest | undefined;
  try {
    assertMayGenerate(ports, caller);
    request = resolveGenerateArgs(
      raw,
      ports.registry,
      await ports.prefs.getDefaultModel(caller.email),
      ports.publicUrl,
    );
    // Budget: hold this call's price first; settle once the image is stored and indexed, else release.
    const reservation = await ports.budgets.reserve(caller.email, request.cost);
    const outcome = await produce(ports, caller, request, hooks, started).catch((error: unknown) => {
      reservation.release();
      throw error;
    });
    await reservation.settle(outcome.sidecar.name);
    log.info(
      {
        outcome: 'ok',
        ...describeRequest(request),
        name: outcome.sidecar.name,
        cost: outcome.sidecar.cost,
        attempts: outcome.sidecar.attempts,
        durationMs: Date.now() - started,
        ...outcome.timing,
        ...(hooks.clientGone?.aborted ? { clientLeft: true } : {}),
      },
      'image generated',
    );
    return outcome;
  } catch (error) {
    // One line for every call that did not produce an image: refusals, bad arguments and Gemini failures.
    const outcome = error instanceof AppError ? error.code : 'internal';
    log.warn(
      {
        outcome,
        ...(request === undefined ? {} : describeRequest(request)),
        durationMs: Date.now() - started,
      },
      'no image generated',
    );
    throw error;
  } finally {
    stopWatching();
  }
}

/** Calls `onLeave` once if the client's signal fires; returns the function that stops watching. */
function watchClient(signal: AbortSignal | undefined, onLeave: () => void): () => void {
  if (signal === undefined) return () => {};
  if (signal.aborted) {
    onLeave();
    return () => {};
  }
  signal.addEventListener('abort', onLeave, { once: true });
  return () => signal.removeEventListener('abort', onLeave);
}

/** Loads the references, calls Gemini, then stores, indexes and previews the image. */
async function produce(
  ports: GenerationPorts,
  caller: Caller,
  request: GenerateRequest,
  hooks: GenerationHooks,
  started: number,
): Promise<GenerationOutcome> {
  const references = await loadReferences(ports, request.referenceNames);
  return ports.inflight.run(async () => {
    const asked = Date.now();
    const result = await ports.gemini.generate({
      model: { id: request.model.id, envVar: request.model.envVar },
      prompt: request.prompt,
      aspectRatio: request.aspectRatio,
      imageSize: request.imageSize,
      references,
      ...(hooks.onAttempt === undefined ? {} : { onAttempt: hooks.onAttempt }),
    });
    const answered = Date.now();
    // The one decode reads the whole image; the store writes while it runs but keeps nothing unless it
    // succeeds, so a damaged image is refused before anything becomes visible.
    const prepared = await ports.prepareImage(result.bytes).catch(damagedImage);
    const preview = prepared.preview.catch(damagedImage);
    // Awaited below; marked handled now so a save that fails first cannot leave it unobserved.
    preview.catch(() => undefined);
    const sidecar = await ports.store.saveGenerated({
      bytes: result.bytes,
      record: buildRecord(caller, request, result, started, ports.clock()),
      prepared: { ...prepared, preview },
    });
    ports.index.add(sidecar);
    await recordSpend(ports, sidecar);
    const timing = { geminiMs: answered - asked, afterMs: Date.now() - answered };
    return { sidecar, request, preview: await preview, timing };
  });
}

function damagedImage(error: unknown): never {
  throw new AppError(
    'gemini_no_image',
    'Gemini sent back an image that cannot be read (it looks damaged), so nothing was stored. Try again.',
    { cause: error },
  );
}

/** The image is stored and its sidecar holds the cost, so a failed ledger write is logged, not fatal. */
async function recordSpend(ports: GenerationPorts, sidecar: Sidecar): Promise<void> {
  try {
    await ports.ledger.append(sidecar);
  } catch (error) {
    ports.logger.error(
      { err: error, name: sidecar.name },
      'could not append to the spend ledger; it will be added from the sidecar at the next start',
    );
  }
}

function describeRequest(request: GenerateRequest): Record<string, unknown> {
  return {
    model: request.model.alias,
    modelSource: request.modelSource,
    size: request.imageSize,
    ratio: request.aspectRatio,
    references: request.referenceNames.length,
  };
}

/** Refuses callers who are not allowed to use the tools; the read-only tools ask it too. */
export function assertMayGenerate(ports: Pick<GenerationPorts, 'access'>, caller: Caller): void {
  if (ports.access.canGenerate(caller)) return;
  const why = caller.emailVerified
    ? `${caller.email} is not on this server's list of people allowed to generate images`
    : `the Google account ${caller.email} has no verified e-mail address`;
  throw new AppError('access_denied', `Access denied: ${why}. Ask the server's operator to invite you.`);
}

async function loadReferences(
  ports: GenerationPorts,
  names: readonly string[],
): Promise<{ bytes: Buffer; mime: string }[]> {
  const loaded = await Promise.all(
    names.map(async (name) => ({ name, image: await ports.store.loadReference(name) })),
  );
  const missing = loaded.filter((entry) => entry.image === undefined).map((entry) => entry.name);
  if (missing.length > 0)
    throw invalidArgument(
      `Reference image${missing.length > 1 ? 's' : ''} not found on this server: ${missing.join(', ')}. ` +
        'Use a filename or URL that generate_image returned.',
    );
  return loaded.flatMap((entry) => (entry.image === undefined ? [] : [entry.image]));
}

function buildRecord(
  caller: Caller,
  request: GenerateRequest,
  result: Awaited<ReturnType<GeminiPort['generate']>>,
  started: number,
  now: Date,
): Omit<Sidecar, 'name' | 'mime' | 'width' | 'height' | 'bytes'> {
  return {
    email: caller.email,
    prompt: request.prompt,
    aspect_ratio: request.aspectRatio,
    cost: request.cost,
    model: request.model.id,
    model_alias: request.model.alias,
    image_size: request.imageSize,
    created: now.toISOString(),
    reference_images: [...request.referenceNames],
    usage: result.usage,
    usage_cost: costFromUsage(result.usage, request.model.rates) ?? null,
    duration_ms: Math.max(0, Date.now() - started),
    gemini_model_version: result.modelVersion ?? null,
    gemini_response_id: result.responseId ?? null,
    attempts: result.attempts,
  };
}
