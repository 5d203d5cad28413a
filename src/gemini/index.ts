// The Gemini capability: a client factory that generates one image per call, plus the pure pieces other
// folders may want on their own (response parsing, error translation, the retry policy).
export {
  createGeminiClient,
  type GeminiClient,
  type GeminiClientOptions,
  type GeneratedImage,
  type GenerateRequest,
  GOOGLE_GEMINI_BASE_URL,
} from './client.js';
export { type ErrorContext, parseErrorBody, translateGeminiError } from './errors.js';
export { type ParsedImage, parseGenerateResponse } from './parse.js';
export { DEFAULT_RETRY_POLICY, type RetryDecision, type RetryPolicy, retryDecision } from './retry.js';
