// Readable log lines for development (`LOG_FORMAT=pretty`, set by `npm run dev` and `npm run demo`).
// pino still produces its JSON line, redaction included; this only re-draws each line as
// "time LEVEL message key=value …" before it reaches the terminal. Production keeps the JSON.
import { Writable } from 'node:stream';

const LEVELS: Record<number, { label: string; color: string }> = {
  10: { label: 'TRACE', color: '90' },
  20: { label: 'DEBUG', color: '36' },
  30: { label: 'INFO ', color: '32' },
  40: { label: 'WARN ', color: '33' },
  50: { label: 'ERROR', color: '31' },
  60: { label: 'FATAL', color: '35' },
};

/** Fields every line carries, or that the message already says. */
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service', 'event', 'requestId']);

type Fields = Record<string, unknown>;

/** Re-draws one pino JSON line; anything that is not a JSON object passes through unchanged. */
export function formatLogLine(line: string, options: { color?: boolean } = {}): string {
  const fields = parseObject(line);
  if (fields === undefined) return line.endsWith('\n') ? line : `${line}\n`;
  const level = LEVELS[Number(fields.level)] ?? { label: String(fields.level).padEnd(5), color: '0' };
  const label = options.color ? `\u001b[${level.color}m${level.label}\u001b[0m` : level.label;
  const message = fields.event === 'request' ? requestSummary(fields) : String(fields.msg ?? '');
  const rest = Object.entries(fields)
    .filter(([key, value]) => !HIDDEN.has(key) && value !== undefined && !mentioned(message, value))
    .filter(([key]) => fields.event !== 'request' || !REQUEST_KEYS.has(key))
    .map(([key, value]) => `${key}=${show(key, value)}`);
  const text = [clock(fields.time), label, message, ...rest].join(' ');
  return `${text}\n`;
}

const REQUEST_KEYS = new Set(['method', 'path', 'status', 'durationMs']);

function requestSummary(fields: Fields): string {
  return `${String(fields.method)} ${String(fields.path)} → ${String(fields.status)} (${String(fields.durationMs)} ms)`;
}

/** A field whose text the message already contains (the start-up line names its URLs) is not repeated. */
function mentioned(message: string, value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && message.includes(value);
}

function show(key: string, value: unknown): string {
  if (key === 'err' && typeof value === 'object' && value !== null) {
    const error = value as { message?: unknown; stack?: unknown };
    return `\n${String(error.stack ?? error.message ?? JSON.stringify(value))}`;
  }
  if (typeof value === 'string') return /[\s"=]/.test(value) || value === '' ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

function clock(time: unknown): string {
  // pino writes ISO times here; keep HH:MM:SS.mmm, which is all a terminal session needs.
  const match = typeof time === 'string' ? /T(\d\d:\d\d:\d\d\.\d{3})/.exec(time) : null;
  return match?.[1] ?? new Date().toISOString().slice(11, 23);
}

function parseObject(line: string): Fields | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Fields)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A stream for pino that writes each JSON line re-drawn to `out` (stdout by default). */
export function createPrettyStream(
  out: NodeJS.WritableStream = process.stdout,
  options: { color?: boolean } = {},
): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line !== '') out.write(formatLogLine(line, options));
      done();
    },
  });
}
