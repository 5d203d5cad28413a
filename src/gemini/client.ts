// The one place that talks to Gemini through `@google/genai`: builds the generateContent request
// (prompt, references, image config), bounds the whole call (retries included) by one deadline, retries transient failures
// by our own policy (SDK retries stay off), and hands the response to the pure parser. Errors come out
// as AppErrors from ./errors.ts. The API key is never logged.

import { setTimeout as sleepFor } from 'node:timers/promises';
import { GoogleGenAI } from '@google/genai';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { timeoutError, translateGeminiError } from './errors.js';
import { type ParsedImage, parseGenerateResponse } from './parse.js';
import { DEFAULT_RETRY_POLICY, retryDecision } from './retry.js';

/** Google's endpoint, pinned so that a stray GOOGLE_GEMINI_BASE_URL cannot redirect our key. */
export const GOOGLE_GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com';

export interface GeminiClientOptions {
  apiKey?: string | undefined;
  baseUrl?: string | undefined;
  /** Upper bound for one `generate` call, retries and waits included. */
  timeoutMs: number;
  logger: Logger;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  maxAttempts?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

export interface GenerateRequest {
  model: { id: string; envVar: string };
  prompt: string;
  aspectRatio: string;
  imageSize: string;
  /** Reference images with their TRUE MIME type (sniffed by the caller). */
  references: readonly { bytes: Buffer; mime: string }[];
  signal?: AbortSignal;
  onAttempt?: (attempt: number) => void;
}

export type GeneratedImage = Omit<ParsedImage, 'kind'> & { attempts: number; durationMs: number };

export interface GeminiClient {
  generate(request: GenerateRequest): Promise<GeneratedImage>;
}

export function createGeminiClient(options: GeminiClientOptions): GeminiClient {
  const apiKey = options.apiKey?.trim() ?? '';
  const sdk = apiKey === '' ? undefined : createSdk(apiKey, options);
  const now = options.now ?? Date.now;
  return {
    async generate(request) {
      if (sdk === undefined)
        throw new AppError(
          'gemini_auth',
          'No Gemini API key is configured; the operator must set GEMINI_API_KEY and restart the server.',
        );
      const deadline = createDeadline(options.timeoutMs, request.signal);
      try {
        return await runAttempts({ sdk, request, options, deadline, now });
      } finally {
        deadline.dispose();
      }
    },
  };
}

function createSdk(apiKey: string, options: GeminiClientOptions): GoogleGenAI {
  // vertexai:false and an explicit baseUrl keep GOOGLE_GENAI_USE_VERTEXAI / GOOGLE_GEMINI_BASE_URL out;
  // the explicit apiKey wins over GOOGLE_API_KEY. No retryOptions: the SDK makes exactly one request.
  return new GoogleGenAI({
    apiKey,
    vertexai: false,
    apiVersion: 'v1beta',
    httpOptions: {
      baseUrl: options.baseUrl ?? GOOGLE_GEMINI_BASE_URL,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    },
  });
}

interface AttemptLoop {
  sdk: GoogleGenAI;
  request: GenerateRequest;
  options: GeminiClientOptions;
  deadline: Deadline;
  now: () => number;
}

async function runAttempts(loop: AttemptLoop): Promise<GeneratedImage> {
  const { request, options, now } = loop;
  const started = now();
  const contents = contentsOf(request);
  for (let attempt = 1; ; attempt++) {
    request.onAttempt?.(attempt);
    try {
      const remainingMs = started + options.timeoutMs - now();
      const response = await callOnce(loop, contents, remainingMs);
      const { kind: _kind, ...image } = parseGenerateResponse(response);
      return { ...image, attempts: attempt, durationMs: now() - started };
    } catch (thrown) {
      await waitBeforeRetry(loop, thrown, attempt, now() - started);
    }
  }
}

/** Throws the translated error when the failure is final; otherwise logs and waits the backoff delay. */
async function waitBeforeRetry(loop: AttemptLoop, thrown: unknown, attempt: number, elapsedMs: number) {
  const { request, options, deadline } = loop;
  const context = { modelId: request.model.id, envVar: request.model.envVar, timeoutMs: options.timeoutMs };
  const error = deadline.reasonFor(thrown) ?? translateGeminiError(thrown, context);
  const decision = retryDecision(error, attempt, elapsedMs, options.timeoutMs, {
    maxAttempts: options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
    random: options.random ?? Math.random,
  });
  if (!decision.retry) throw error;
  const { delayMs } = decision;
  const fields = { event: 'gemini_retry', model: request.model.id, attempt, code: error.code, delayMs };
  options.logger.warn({ ...fields, httpStatus: error.details.httpStatus }, 'gemini call failed; retrying');
  const sleep = options.sleep ?? defaultSleep;
  await sleep(delayMs, deadline.signal).catch((aborted: unknown) => {
    throw deadline.reasonFor(aborted) ?? timeoutError(context, aborted);
  });
}

/** The user turn: the prompt, then each reference with its true MIME type. */
function contentsOf(request: GenerateRequest) {
  const references = request.references.map((ref) => ({
    inlineData: { mimeType: ref.mime, data: ref.bytes.toString('base64') },
  }));
  return [{ role: 'user', parts: [{ text: request.prompt }, ...references] }];
}

function callOnce(
  { sdk, request, deadline }: AttemptLoop,
  contents: ReturnType<typeof contentsOf>,
  remainingMs: number,
) {
  return sdk.models.generateContent({
    model: request.model.id,
    contents,
    config: {
      responseModalities: ['TEXT', 'IMAGE'],
      imageConfig: { aspectRatio: request.aspectRatio, imageSize: request.imageSize },
      abortSignal: deadline.signal,
      // Per attempt: what is left of the budget; also tells Google our deadline (X-Server-Timeout).
      httpOptions: { timeout: Math.max(1, remainingMs) },
    },
  });
}

interface Deadline {
  signal: AbortSignal;
  /** The AppError to report when `thrown` came from our own deadline or the caller's cancel. */
  reasonFor(thrown: unknown): AppError | undefined;
  dispose(): void;
}

/** One AbortSignal that fires at the overall timeout or when the caller's signal aborts. */
function createDeadline(timeoutMs: number, callerSignal: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  const context = { modelId: '', envVar: '', timeoutMs };
  const timer = setTimeout(() => controller.abort(timeoutError(context)), timeoutMs);
  const onCallerAbort = () => controller.abort(cancelledError(callerSignal?.reason));
  if (callerSignal?.aborted === true) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    reasonFor(thrown) {
      if (thrown instanceof AppError) return undefined;
      const reason: unknown = controller.signal.reason;
      return controller.signal.aborted && reason instanceof AppError ? reason : undefined;
    },
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** The caller gave up (client went away, server shutting down): keep their AppError if they sent one. */
function cancelledError(reason: unknown): AppError {
  if (reason instanceof AppError) return reason;
  return new AppError(
    'gemini_timeout',
    'The image request was cancelled before Gemini answered; nothing was stored.',
    { cause: reason, details: { cancelled: true } },
  );
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return sleepFor(ms, undefined, { signal });
}
