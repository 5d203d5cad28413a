// The strict field check Google applies to a GenerateContentRequest: every JSON key must be a known
// proto field, in camelCase or snake_case (proto JSON mapping). Unknown keys are refused with the same
// "Unknown name … at '<snake_case path>'" text as the real API. Returns a copy with camelCase keys.
import { unknownFieldError } from './gemini-envelopes.js';

/** `scalar`: a leaf; `opaque`: anything goes below (tools, schemas); otherwise the message's fields. */
type FieldNode = 'scalar' | 'opaque' | { readonly [camelName: string]: FieldNode };

const BLOB: FieldNode = { mimeType: 'scalar', data: 'scalar' };
const PART: FieldNode = {
  text: 'scalar',
  inlineData: BLOB,
  fileData: { mimeType: 'scalar', fileUri: 'scalar' },
  functionCall: 'opaque',
  functionResponse: 'opaque',
  executableCode: 'opaque',
  codeExecutionResult: 'opaque',
  thought: 'scalar',
  thoughtSignature: 'scalar',
  videoMetadata: 'opaque',
  partMetadata: 'opaque',
  mediaResolution: 'opaque',
};
const CONTENT: FieldNode = { role: 'scalar', parts: PART };

const GENERATION_CONFIG: FieldNode = {
  stopSequences: 'scalar',
  responseMimeType: 'scalar',
  responseSchema: 'opaque',
  responseJsonSchema: 'opaque',
  responseModalities: 'scalar',
  candidateCount: 'scalar',
  maxOutputTokens: 'scalar',
  temperature: 'scalar',
  topP: 'scalar',
  topK: 'scalar',
  seed: 'scalar',
  presencePenalty: 'scalar',
  frequencyPenalty: 'scalar',
  responseLogprobs: 'scalar',
  logprobs: 'scalar',
  mediaResolution: 'scalar',
  speechConfig: 'opaque',
  thinkingConfig: { includeThoughts: 'scalar', thinkingBudget: 'scalar', thinkingLevel: 'scalar' },
  imageConfig: { aspectRatio: 'scalar', imageSize: 'scalar' },
};

export const REQUEST_FIELDS: FieldNode = {
  model: 'scalar',
  contents: CONTENT,
  systemInstruction: CONTENT,
  generationConfig: GENERATION_CONFIG,
  safetySettings: { category: 'scalar', threshold: 'scalar' },
  tools: 'opaque',
  toolConfig: 'opaque',
  cachedContent: 'scalar',
  store: 'scalar',
  serviceTier: 'scalar',
};

export function toCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

export function toSnake(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Walks `value` against the field tree; throws a GoogleRejection at the first unknown key. */
export function checkFields(value: unknown, node: FieldNode = REQUEST_FIELDS, path = ''): unknown {
  if (node === 'scalar' || node === 'opaque') return value;
  if (Array.isArray(value)) return value.map((item, i) => checkFields(item, node, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const camel = toCamel(key);
    const child = node[camel];
    if (child === undefined) throw unknownFieldError(key, path);
    const childPath = path === '' ? toSnake(camel) : `${path}.${toSnake(camel)}`;
    out[camel] = checkFields(inner, child, childPath);
  }
  return out;
}
