import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log.js';
import { formatLogLine } from './log-pretty.js';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe('readable development logs', () => {
  it('draws a line as time, level, message and the remaining fields', () => {
    const line = JSON.stringify({
      level: 40,
      time: '2026-11-30T10:11:12.345Z',
      service: 'image-studio',
      msg: 'gemini call failed; retrying',
      model: 'gemini-3-pro-image',
      attempt: 2,
      reason: 'rate limited',
    });
    expect(formatLogLine(line)).toBe(
      '10:11:12.345 WARN  gemini call failed; retrying model=gemini-3-pro-image attempt=2 reason="rate limited"\n',
    );
  });

  it('sums a request up as method, path, status and duration', () => {
    const line = JSON.stringify({
      level: 30,
      time: '2026-11-30T10:11:12.345Z',
      event: 'request',
      requestId: 'f1b2',
      method: 'POST',
      path: '/mcp',
      status: 200,
      durationMs: 12.5,
      email: 'dev@local',
      msg: 'request',
    });
    expect(formatLogLine(line)).toBe('10:11:12.345 INFO  POST /mcp → 200 (12.5 ms) email=dev@local\n');
  });

  it('does not repeat a value the message already names', () => {
    const line = JSON.stringify({
      level: 30,
      time: '2026-11-30T10:11:12.345Z',
      mcpUrl: 'http://localhost:8777/mcp',
      msg: 'MCP endpoint http://localhost:8777/mcp',
    });
    expect(formatLogLine(line)).toBe('10:11:12.345 INFO  MCP endpoint http://localhost:8777/mcp\n');
  });

  it('passes a line that is not JSON through unchanged', () => {
    expect(formatLogLine('plain words')).toBe('plain words\n');
  });

  it('still redacts secrets, since pino redacts before the line is drawn', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ format: 'pretty', destination: stream });
    logger.info({ apiKey: 'AIza-very-secret', headers: { authorization: 'Bearer abc' } }, 'calling');
    expect(lines.join('')).not.toContain('very-secret');
    expect(lines.join('')).not.toContain('Bearer abc');
    expect(lines.join('')).toContain('[redacted]');
  });

  it('keeps JSON lines by default', () => {
    const { lines, stream } = capture();
    createLogger({ destination: stream }).info({ event: 'start' }, 'hello');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ msg: 'hello', event: 'start', level: 30 });
  });
});
