// Reading a small JSON file that a person could have edited or damaged, and moving such a file aside.
// Both prefs.json and the auth state file need exactly this: read it as a regular file only, parse the
// JSON, check it with a zod schema, and on failure keep the bad file under a `.corrupt-{time}` name so
// nothing is silently overwritten.
import { rename } from 'node:fs/promises';
import { z } from 'zod';
import { readRegularFile } from './safe-read.js';

export type JsonFileState<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'missing' }
  | { kind: 'corrupt'; reason: string };

/**
 * Reads `path` and checks it against `schema`. A missing file (or anything that is not a regular file)
 * is `missing`; bad JSON or a schema mismatch is `corrupt` with a one-line reason that starts with
 * `describe` (e.g. "not a prefs map"). A read failure (permissions, I/O) is thrown.
 */
export async function readJsonFile<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  describe: string,
): Promise<JsonFileState<z.infer<Schema>>> {
  const contents = await readRegularFile(path);
  if (contents === undefined) return { kind: 'missing' };
  let json: unknown;
  try {
    json = JSON.parse(contents.bytes.toString('utf8'));
  } catch {
    return { kind: 'corrupt', reason: 'not valid JSON' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { kind: 'ok', value: parsed.data };
  return { kind: 'corrupt', reason: `${describe}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}` };
}

/** The name a corrupt file is moved to: `{path}.corrupt-{ISO time with : and . replaced by -}`. */
export function corruptNameFor(path: string, now: Date): string {
  return `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
}

/** Renames `path` to its corrupt name and returns that name; a failed rename is thrown. */
export async function moveAside(path: string, now: Date): Promise<string> {
  const target = corruptNameFor(path, now);
  await rename(path, target);
  return target;
}
