// A stand-in for Gemini that answers every generateContent call with an answer recorded from the fake
// Gemini, optionally after a fixed wait. The fake renders a fresh picture per call, which costs CPU and
// time that would be counted against the server under test; replaying a recorded answer costs neither.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGemini } from '../test/fakes/gemini.js';
import { callTool, connectClient } from '../test/helpers/mcp-client.js';
import { spawnServer } from '../test/helpers/server.js';

export interface RecordedAnswer {
  path: string;
  body: unknown;
  answer: string;
  imageBytes: number;
}

export interface ReplayGemini {
  url: string;
  /** The answer every call gets from now on. */
  setAnswer(answer: string): void;
  close(): Promise<void>;
}

export async function startReplayGemini(options: { delayMs?: number } = {}): Promise<ReplayGemini> {
  let answer = '';
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const reply = () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
      if (options.delayMs === undefined) reply();
      else setTimeout(reply, options.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setAnswer(next) {
      answer = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** One real request per case through a server to learn its exact shape, then the fake's answer to it. */
export async function recordAnswers(
  cases: readonly { args: Record<string, unknown> }[],
): Promise<RecordedAnswer[]> {
  const gemini = await startFakeGemini();
  const root = await mkdtemp(join(tmpdir(), 'generation-record-'));
  const server = await spawnServer({
    entry: ['dist/main.js'],
    env: { IMG_ROOT: root, GEMINI_API_KEY: 'bench-key', GEMINI_BASE_URL: gemini.url },
  });
  const client = await connectClient(server.url);
  try {
    const records = [];
    for (const { args } of cases) {
      await callTool(client, 'generate_image', { ...args });
      const request = gemini.requests.at(-1);
      if (request === undefined) throw new Error('the fake Gemini saw no request');
      const answer = await post(`${gemini.url}${request.path}`, request.body);
      records.push({ path: request.path, body: request.body, answer, imageBytes: imageSizeOf(answer) });
    }
    return records;
  } finally {
    await client.close();
    server.child.kill('SIGTERM');
    await server.exited;
    await gemini.close();
    await rm(root, { recursive: true, force: true });
  }
}

export async function post(url: string, body: unknown): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'bench-key' },
    body: JSON.stringify(body),
  });
  return response.text();
}

function imageSizeOf(answer: string): number {
  const json = JSON.parse(answer) as {
    candidates?: { content?: { parts?: { inlineData?: { data?: string } }[] } }[];
  };
  const parts = json.candidates?.[0]?.content?.parts ?? [];
  const data = parts.findLast((part) => part.inlineData?.data !== undefined)?.inlineData?.data ?? '';
  return Buffer.from(data, 'base64').length;
}
