// Per-user preferences in `{root}/prefs.json`, beside the images: today only the default model picked on the
// dashboard. Every write goes through one in-process queue that re-reads the file first, so concurrent
// writers never lose an update. A corrupt or foreign file is read as empty, and before the next write it
// is moved aside to `prefs.json.corrupt-{timestamp}` rather than silently overwritten.

import { join } from 'node:path';
import { z } from 'zod';
import { normaliseEmail } from '../email.js';
import { AppError, invalidArgument } from '../errors.js';
import { moveAside, readJsonFile, writeFileAtomic } from '../fs/index.js';
import type { Logger } from '../log.js';
import { MODEL_ALIASES, type ModelAlias } from '../models/index.js';

export const PREFS_FILE = 'prefs.json';

/** Unknown fields inside an entry are kept, so a newer version's settings survive a write by this one. */
const prefsFileSchema = z.record(z.string(), z.looseObject({ model: z.enum(MODEL_ALIASES) }));
type Entry = z.infer<typeof prefsFileSchema>[string];

export type Prefs = Readonly<Record<string, Readonly<Entry>>>;

export interface PrefsStoreOptions {
  root: string;
  logger: Logger;
  /** Names the file a corrupt prefs.json is moved to. */
  clock?: () => Date;
}

export interface PrefsStore {
  getDefaultModel(email: string): Promise<ModelAlias | undefined>;
  setDefaultModel(email: string, alias: ModelAlias): Promise<void>;
  /** Every stored preference, keyed by lower-cased e-mail. */
  all(): Promise<Prefs>;
}

type FileState =
  | { kind: 'ok'; prefs: Map<string, Entry> }
  | { kind: 'missing' }
  | { kind: 'corrupt'; reason: string };

export function createPrefsStore(options: PrefsStoreOptions): PrefsStore {
  const { logger } = options;
  const path = join(options.root, PREFS_FILE);
  const clock = options.clock ?? (() => new Date());
  const queue = createQueue();
  let cache: Map<string, Entry> | undefined;

  /** The first read also goes through the queue, so it can never overwrite a newer cached write. */
  const current = async (): Promise<Map<string, Entry>> => {
    if (cache !== undefined) return cache;
    return queue.run(async () => {
      if (cache !== undefined) return cache;
      const state = await readPrefsFile(path);
      if (state.kind === 'corrupt')
        logger.warn({ file: PREFS_FILE, reason: state.reason }, 'prefs file unusable; reading it as empty');
      cache = state.kind === 'ok' ? state.prefs : new Map();
      return cache;
    });
  };

  const update = (email: string, alias: ModelAlias): Promise<void> =>
    queue.run(async () => {
      const state = await readPrefsFile(path);
      if (state.kind === 'corrupt') await moveCorruptAside(path, state.reason, clock(), logger);
      const prefs = state.kind === 'ok' ? new Map(state.prefs) : new Map<string, Entry>();
      prefs.set(email, { ...prefs.get(email), model: alias });
      await writePrefsFile(path, prefs);
      cache = prefs;
    });

  return {
    async getDefaultModel(email) {
      return (await current()).get(normaliseEmail(email))?.model;
    },
    async setDefaultModel(email, alias) {
      const key = normaliseEmail(email);
      if (key === '') throw invalidArgument('An e-mail address is needed to store a default model.');
      if (!MODEL_ALIASES.includes(alias))
        throw invalidArgument(`Unknown model "${alias}"; choose one of ${MODEL_ALIASES.join(', ')}.`);
      await update(key, alias);
    },
    async all() {
      return Object.fromEntries(await current());
    },
  };
}

/** Reads and parses prefs.json. Keys are normalised; a later spelling of the same e-mail wins. */
async function readPrefsFile(path: string): Promise<FileState> {
  let state: Awaited<ReturnType<typeof readJsonFile<typeof prefsFileSchema>>>;
  try {
    state = await readJsonFile(path, prefsFileSchema, 'not a prefs map');
  } catch (error) {
    throw new AppError('internal', `Could not read ${PREFS_FILE}; check the data folder's permissions.`, {
      cause: error,
    });
  }
  if (state.kind !== 'ok') return state;
  const prefs = new Map(Object.entries(state.value).map(([email, entry]) => [normaliseEmail(email), entry]));
  return { kind: 'ok', prefs };
}

async function moveCorruptAside(path: string, reason: string, now: Date, logger: Logger): Promise<void> {
  let target: string;
  try {
    target = await moveAside(path, now);
  } catch (error) {
    throw new AppError(
      'internal',
      `${PREFS_FILE} is unusable and could not be moved aside; fix or remove it.`,
      {
        cause: error,
      },
    );
  }
  logger.warn(
    { file: PREFS_FILE, movedTo: target, reason },
    'moved unusable prefs file aside before writing',
  );
}

async function writePrefsFile(path: string, prefs: ReadonlyMap<string, Entry>): Promise<void> {
  try {
    await writeFileAtomic(path, serialise(prefs), { mode: 0o600 });
  } catch (error) {
    throw new AppError('internal', `Could not save ${PREFS_FILE}; check that the data folder is writable.`, {
      cause: error,
    });
  }
}

function serialise(prefs: ReadonlyMap<string, Entry>): string {
  const sorted = [...prefs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${JSON.stringify(Object.fromEntries(sorted), null, 2)}\n`;
}

/** Runs tasks one after another; a failed task does not stop the ones queued behind it. */
function createQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
