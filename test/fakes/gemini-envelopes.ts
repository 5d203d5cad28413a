// Error bodies in Google's `google.rpc.Status` envelope, worded like the real ones recorded from
// the live API. The fake server throws `GoogleRejection` from anywhere in request
// handling and turns it into one of these answers.

export interface FakeAnswer {
  status: number;
  body: unknown;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export function googleError(code: number, message: string, details?: readonly unknown[]): FakeAnswer {
  const status = STATUS_NAMES[code] ?? 'UNKNOWN';
  const error = details === undefined ? { code, message, status } : { code, message, status, details };
  return { status: code, body: { error } };
}

/** A request the fake refuses; carries the finished answer so handlers can simply throw. */
export class GoogleRejection extends Error {
  readonly answer: FakeAnswer;
  constructor(answer: FakeAnswer) {
    super(`fake Gemini rejected the request with HTTP ${answer.status}`);
    this.name = 'GoogleRejection';
    this.answer = answer;
  }
}

export function reject(code: number, message: string, details?: readonly unknown[]): GoogleRejection {
  return new GoogleRejection(googleError(code, message, details));
}

/** A 400 for one field, in the "* GenerateContentRequest.<path>: <text>" style Google uses. */
export function fieldError(path: string, text: string): GoogleRejection {
  return reject(400, `* GenerateContentRequest.${path}: ${text}\n`);
}

export function unknownFieldError(name: string, at: string): GoogleRejection {
  const message =
    at === ''
      ? `Invalid JSON payload received. Unknown name "${name}": Cannot find field.`
      : `Invalid JSON payload received. Unknown name "${name}" at '${at}': Cannot find field.`;
  const violation = { field: at, description: message };
  return reject(400, message, [
    { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [violation] },
  ]);
}

export const UNREGISTERED_CALLER = googleError(
  403,
  "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
);

export const API_KEY_INVALID = googleError(400, 'API key not valid. Please pass a valid API key.', [
  {
    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
    reason: 'API_KEY_INVALID',
    domain: 'googleapis.com',
    metadata: { service: 'generativelanguage.googleapis.com' },
  },
  {
    '@type': 'type.googleapis.com/google.rpc.LocalizedMessage',
    locale: 'en-US',
    message: 'API key not valid. Please pass a valid API key.',
  },
]);

export function modelNotFound(model: string, version: string): FakeAnswer {
  return googleError(
    404,
    `models/${model} is not found for API version ${version}, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
  );
}

export const ROUTE_NOT_FOUND = googleError(404, 'Method not found.');

export const UNABLE_TO_PROCESS_IMAGE =
  'Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting';

export interface QuotaOptions {
  model: string;
  retryDelaySeconds: number;
  daily: boolean;
}

/** A 429 like Google's: explanation, QuotaFailure with the quota id, RetryInfo with the delay. */
export function quotaExceeded({ model, retryDelaySeconds, daily }: QuotaOptions): FakeAnswer {
  const metric = daily
    ? 'generativelanguage.googleapis.com/generate_content_free_tier_requests'
    : 'generativelanguage.googleapis.com/generate_content_paid_tier_requests';
  const limit = daily ? 0 : 20;
  const quotaId = daily
    ? 'GenerateRequestsPerDayPerProjectPerModel-FreeTier'
    : 'GenerateRequestsPerMinutePerProjectPerModel';
  const message =
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/rate-limit. ' +
    `\n* Quota exceeded for metric: ${metric}, limit: ${limit}, model: ${model}\nPlease retry in ${retryDelaySeconds}s.`;
  return googleError(429, message, [
    {
      '@type': 'type.googleapis.com/google.rpc.Help',
      links: [
        {
          description: 'Learn more about Gemini API quotas',
          url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
        },
      ],
    },
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [{ quotaMetric: metric, quotaId, quotaDimensions: { location: 'global', model } }],
    },
    { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryDelaySeconds}s` },
  ]);
}
