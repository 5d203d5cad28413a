// Translates what a Gemini call can throw — the SDK's ApiError (HTTP status + the JSON error body as its
// message, as Google words it), aborts and timeouts, network failures — into AppErrors whose messages say
// what happened and what to do. `details` carries the facts the retry policy needs. Pure.
import { z } from 'zod';
import { AppError } from '../errors.js';

export interface ErrorContext {
  /** The model id that was called, e.g. `gemini-3-pro-image`. */
  modelId: string;
  /** The env var that chooses this model, e.g. `IMG_MODEL_PRO`. */
  envVar: string;
  /** The overall budget of the call, for the timeout message. */
  timeoutMs: number;
}

const apiErrorSchema = z.object({
  name: z.literal('ApiError'),
  status: z.number().int(),
  message: z.string(),
});
const detailSchema = z.looseObject({
  '@type': z.string().optional(),
  reason: z.string().optional(),
  retryDelay: z.string().optional(),
  violations: z.array(z.looseObject({ quotaId: z.string().optional() })).optional(),
});
const bodySchema = z.object({
  error: z.looseObject({
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(z.unknown()).optional(),
  }),
});

export interface GoogleErrorBody {
  message: string;
  status: string | undefined;
  details: z.infer<typeof detailSchema>[];
}

/** Reads the JSON error envelope the SDK put in `ApiError.message`; falls back to the raw text. */
export function parseErrorBody(raw: string): GoogleErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { message: raw, status: undefined, details: [] };
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) return { message: raw, status: undefined, details: [] };
  const details = (parsed.data.error.details ?? []).flatMap((d) => {
    const detail = detailSchema.safeParse(d);
    return detail.success ? [detail.data] : [];
  });
  return { message: parsed.data.error.message ?? raw, status: parsed.data.error.status, details };
}

/** Turns anything a Gemini call threw into an AppError (AppErrors pass through untouched). */
export function translateGeminiError(error: unknown, context: ErrorContext): AppError {
  if (error instanceof AppError) return error;
  const api = apiErrorSchema.safeParse(error);
  if (api.success) return fromHttpStatus(api.data.status, parseErrorBody(api.data.message), context, error);
  if (isAbort(error)) return timeoutError(context, error);
  const network = networkCode(error);
  if (network !== undefined)
    return new AppError(
      'gemini_unavailable',
      `Could not reach Gemini (${network}). Check the server's network access, then try again.`,
      { cause: error, details: { network: true, networkCode: network } },
    );
  if (error instanceof SyntaxError)
    return new AppError(
      'gemini_unavailable',
      'Gemini sent a reply that is not valid JSON. This is on Google’s side; try again in a moment.',
      { cause: error, details: { malformed: true } },
    );
  const text = error instanceof Error ? error.message : String(error);
  return new AppError('internal', `Calling Gemini failed unexpectedly: ${text}`, { cause: error });
}

function fromHttpStatus(status: number, body: GoogleErrorBody, ctx: ErrorContext, cause: unknown): AppError {
  const base = { httpStatus: status, googleStatus: body.status };
  const google = quote(body.message);
  if (status === 401 || status === 403 || hasReason(body, 'API_KEY_INVALID'))
    return new AppError(
      'gemini_auth',
      `Gemini refused the API key (HTTP ${status}: ${google}). The operator's GEMINI_API_KEY is missing or ` +
        'invalid, or the key is not allowed to use the Generative Language API; the operator must fix it.',
      { cause, details: base },
    );
  if (status === 404)
    return new AppError(
      'gemini_model_retired',
      `Gemini no longer offers the model "${ctx.modelId}" (HTTP 404: ${google}). Google has probably ` +
        `retired it. The operator should set ${ctx.envVar} to a current model id ` +
        '(see https://ai.google.dev/gemini-api/docs/models) and restart the server.',
      { cause, details: { ...base, modelId: ctx.modelId, envVar: ctx.envVar } },
    );
  if (status === 429) return quotaError(body, ctx, cause);
  if (status === 503)
    return new AppError(
      'gemini_overloaded',
      `Gemini is overloaded right now (HTTP 503: ${google}). Wait a minute and try again, or try the other model.`,
      { cause, details: base },
    );
  if (status >= 500 || status === 408)
    return new AppError(
      'gemini_unavailable',
      `Gemini failed on Google's side (HTTP ${status}: ${google}). Try again in a minute.`,
      { cause, details: base },
    );
  return new AppError(
    'gemini_bad_request',
    `Gemini rejected the request (HTTP ${status}: ${google}). Check the prompt, aspect ratio, size and ` +
      'reference images, then try again.',
    { cause, details: base },
  );
}

function quotaError(body: GoogleErrorBody, ctx: ErrorContext, cause: unknown): AppError {
  const daily = isDailyQuota(body);
  const retryDelayMs = retryDelayOf(body);
  const details = { httpStatus: 429, googleStatus: body.status, daily, retryDelayMs };
  if (daily)
    return new AppError(
      'gemini_quota',
      `The Gemini quota for ${ctx.modelId} is used up for today (or the project has no quota for this ` +
        'model, "limit: 0"). It resets daily; try again tomorrow, or the operator can enable billing or ' +
        'raise the quota in Google AI Studio.',
      { cause, details },
    );
  const wait =
    retryDelayMs === undefined ? 'in a minute' : `in about ${Math.max(1, Math.ceil(retryDelayMs / 1000))} s`;
  return new AppError(
    'gemini_quota',
    `Gemini's rate limit for ${ctx.modelId} was reached (HTTP 429). Try again ${wait}.`,
    { cause, details },
  );
}

/** A per-day quota, or a quota of zero, cannot be waited out within one request. */
export function isDailyQuota(body: GoogleErrorBody): boolean {
  if (/\blimit:\s*0\b/.test(body.message)) return true;
  return body.details.some((d) => (d.violations ?? []).some((v) => /PerDay/i.test(v.quotaId ?? '')));
}

/** The delay Google asks for: RetryInfo.retryDelay ("32s", "1.5s") or "Please retry in 32.87s". */
export function retryDelayOf(body: GoogleErrorBody): number | undefined {
  const info = body.details.find((d) => d.retryDelay !== undefined)?.retryDelay;
  const fromInfo = info === undefined ? undefined : /^(\d+(?:\.\d+)?)s$/.exec(info.trim())?.[1];
  const fromText = /retry in (\d+(?:\.\d+)?)\s*(ms|s)\b/i.exec(body.message);
  if (fromInfo !== undefined) return Math.round(Number(fromInfo) * 1000);
  if (fromText?.[1] !== undefined)
    return Math.round(Number(fromText[1]) * (fromText[2]?.toLowerCase() === 'ms' ? 1 : 1000));
  return undefined;
}

function hasReason(body: GoogleErrorBody, reason: string): boolean {
  return body.details.some((d) => d.reason === reason) || body.message.includes('API key not valid');
}

export function timeoutError(context: ErrorContext, cause?: unknown): AppError {
  const ms = context.timeoutMs;
  const limit = ms < 10_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
  return new AppError(
    'gemini_timeout',
    `Gemini did not finish within ${limit} (retries included). Try again, pick a smaller image size, ` +
      'or ask the operator to raise IMG_GEMINI_TIMEOUT_S.',
    { cause, details: { timeoutMs: context.timeoutMs } },
  );
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

const NETWORK_CODES = /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/;

/** The system error code of a failed fetch (`fetch failed` with a cause such as ECONNREFUSED). */
function networkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = 'code' in current ? current.code : undefined;
    if (typeof code === 'string' && NETWORK_CODES.test(code)) return code;
    current = current.cause;
  }
  if (error instanceof TypeError && error.message === 'fetch failed') return 'network error';
  return undefined;
}

/** Google's message, trimmed of newlines and HTML, short enough to show a person. */
function quote(message: string): string {
  const flat = message
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `"${flat.length > 240 ? `${flat.slice(0, 239)}…` : flat}"`;
}
