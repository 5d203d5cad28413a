// A fake Gemini API on loopback over real HTTP, faithful to the live API's recorded behaviour: the
// generateContent route for v1beta and v1, API-key checks, known models, strict request validation and a
// scenario switch (set by the test, queued per request, or `[scenario:name]` in the prompt) that covers
// every success and failure shape we must handle. Also used standalone by `npm run demo`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  API_KEY_INVALID,
  GoogleRejection,
  googleError,
  modelNotFound,
  ROUTE_NOT_FOUND,
  UNREGISTERED_CALLER,
} from './gemini-envelopes.js';
import { baseUrlOf, flattenHeaders, readBody, send } from './gemini-http.js';
import {
  isScenarioName,
  jsonReply,
  type Reply,
  replyFor,
  SCENARIOS,
  type ScenarioName,
} from './gemini-scenarios.js';
import { DEFAULT_KNOWN_MODELS } from './gemini-tables.js';
import { tryParseJson, validateRequest } from './gemini-validate.js';

export type { ScenarioName } from './gemini-scenarios.js';
export { SCENARIOS } from './gemini-scenarios.js';

export interface FakeGeminiOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Model ids that exist; leave one out to "retire" it. */
  knownModels?: readonly string[];
  /** The key answered with 400 API_KEY_INVALID. Default `bad-key`. */
  badKey?: string;
  /** How long the `slow` scenario waits before answering. Default 2000 ms. */
  slowMs?: number;
  /** RetryInfo delay of the 429 scenarios. Default 2 s. */
  quotaRetryDelaySeconds?: number;
  /** Largest request body accepted, as Google's inline limit. Default 20 MiB. */
  maxBodyBytes?: number;
  random?: () => number;
  /** Receives one line per request; the fake is silent without it. */
  log?: (line: string) => void;
}

export interface RecordedRequest {
  method: string;
  path: string;
  version?: string;
  model?: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  /** The parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
  /** The scenario this request was answered with, when it got that far. */
  scenario?: ScenarioName;
  status?: number;
}

export interface FakeGemini {
  url: string;
  requests: RecordedRequest[];
  /** The scenario for every request from now on (undefined → `ok`). */
  setScenario(name: ScenarioName | undefined): void;
  /** Scenarios used one per request, before the prompt keyword and the set scenario. */
  queueScenarios(names: readonly ScenarioName[]): void;
  setKnownModels(ids: readonly string[]): void;
  /** Forgets recorded requests, queued and set scenarios, and restores the known models. */
  reset(): void;
  close(): Promise<void>;
}

const ROUTE = /^\/(v1beta|v1)\/models\/([^/:]+):generateContent$/;
const SCENARIO_KEYWORD = /\[scenario:([a-z0-9_]+)\]/;

interface State {
  options: Required<Omit<FakeGeminiOptions, 'log' | 'port' | 'host'>>;
  log: (line: string) => void;
  requests: RecordedRequest[];
  queue: ScenarioName[];
  current: ScenarioName | undefined;
  known: Set<string>;
  timers: Set<NodeJS.Timeout>;
}

export async function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeGemini> {
  const state = createState(options);
  const server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      state.log(`fake gemini: internal failure ${String(error)}`);
      if (!res.headersSent) send(res, jsonReply(googleError(500, 'An internal error has occurred.')));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    url: baseUrlOf(server.address()),
    requests: state.requests,
    setScenario: (name) => {
      state.current = name;
    },
    queueScenarios: (names) => {
      state.queue.push(...names);
    },
    setKnownModels: (ids) => {
      state.known = new Set(ids);
    },
    reset: () => {
      state.requests.length = 0;
      state.queue.length = 0;
      state.current = undefined;
      state.known = new Set(state.options.knownModels);
    },
    close: () => closeServer(server, state),
  };
}

function createState(options: FakeGeminiOptions): State {
  const resolved = {
    knownModels: options.knownModels ?? DEFAULT_KNOWN_MODELS,
    badKey: options.badKey ?? 'bad-key',
    slowMs: options.slowMs ?? 2000,
    quotaRetryDelaySeconds: options.quotaRetryDelaySeconds ?? 2,
    maxBodyBytes: options.maxBodyBytes ?? 20 * 1024 * 1024,
    random: options.random ?? Math.random,
  };
  return {
    options: resolved,
    log: options.log ?? (() => {}),
    requests: [],
    queue: [],
    current: undefined,
    known: new Set(resolved.knownModels),
    timers: new Set(),
  };
}

async function handle(state: State, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake.invalid');
  const raw = await readBody(req, state.options.maxBodyBytes);
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    headers: flattenHeaders(req),
    query: Object.fromEntries(url.searchParams),
    body: raw === undefined ? undefined : tryParseJson(raw),
  };
  state.requests.push(record);
  const reply = await answer(state, record, raw, res);
  record.status = reply.status;
  state.log(`fake gemini: ${record.method} ${record.path} → ${reply.status} (${record.scenario ?? '-'})`);
  send(res, reply);
}

async function answer(
  state: State,
  record: RecordedRequest,
  raw: string | undefined,
  res: ServerResponse,
): Promise<Reply> {
  const match = ROUTE.exec(record.path);
  if (match === null || record.method !== 'POST') return jsonReply(ROUTE_NOT_FOUND);
  const [, version = '', model = ''] = match;
  record.version = version;
  record.model = model;
  const key = record.headers['x-goog-api-key'] ?? record.query.key;
  if (key === undefined || key === '') return jsonReply(UNREGISTERED_CALLER);
  if (key === state.options.badKey) return jsonReply(API_KEY_INVALID);
  if (!state.known.has(model)) return jsonReply(modelNotFound(model, version));
  if (raw === undefined) {
    const limit = state.options.maxBodyBytes;
    return jsonReply(googleError(400, `Request payload size exceeds the limit: ${limit} bytes.`));
  }
  try {
    const scenario = pickScenario(state, raw);
    record.scenario = scenario;
    const request = await validateRequest(raw, model);
    if (scenario === 'slow') await pause(state, state.options.slowMs, res);
    const { random, quotaRetryDelaySeconds } = state.options;
    return await replyFor(scenario, { model, version, request, random, quotaRetryDelaySeconds });
  } catch (error) {
    if (error instanceof GoogleRejection) return jsonReply(error.answer);
    throw error;
  }
}

function pickScenario(state: State, raw: string): ScenarioName {
  const queued = state.queue.shift();
  if (queued !== undefined) return queued;
  const keyword = SCENARIO_KEYWORD.exec(raw)?.[1];
  if (keyword !== undefined) {
    if (isScenarioName(keyword)) return keyword;
    const known = SCENARIOS.join(', ');
    throw new GoogleRejection(
      googleError(400, `The fake Gemini has no scenario named '${keyword}'. Known: ${known}.`),
    );
  }
  return state.current ?? 'ok';
}

/** Waits, but stops early when the client goes away so a timed-out test leaves nothing behind. */
function pause(state: State, ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      state.timers.delete(timer);
      resolve();
    };
    const timer = setTimeout(done, ms);
    state.timers.add(timer);
    res.once('close', done);
  });
}

function closeServer(server: ReturnType<typeof createServer>, state: State): Promise<void> {
  for (const timer of state.timers) clearTimeout(timer);
  state.timers.clear();
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}
