// Keeps the authorization server's replay and revocation records across restarts, in
// `{IMG_ROOT}/.auth/state.json`: spent code ids, revoked access-token ids and sign-ins, and the newest
// refresh generation of each sign-in, each with its expiry. Ids, numbers and times only: never a token,
// an e-mail or a secret. The ledger (ledger.ts) stays pure; this file reads its snapshot once at
// start-up and saves it, debounced, after each change. A corrupt or foreign file is logged and moved
// aside, never fatal.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { moveAside, readJsonFile, writeFileAtomic } from '../fs/index.js';
import type { Logger } from '../log.js';

/** An id and the epoch second it stops mattering. */
export type ExpiringEntry = readonly [id: string, expiresAtSec: number];
/** A sign-in, its newest refresh generation, and when that stops mattering. */
export type FamilyEntry = readonly [family: string, generation: number, expiresAtSec: number];

export const AUTH_STATE_FOLDER = '.auth';
export const AUTH_STATE_FILE = 'state.json';
/** A burst of grants within this window costs one write. */
const SAVE_DELAY_MS = 200;

export interface AuthState {
  spentCodes: ExpiringEntry[];
  revokedAccessTokens: ExpiringEntry[];
  revokedSignIns: ExpiringEntry[];
  signIns: FamilyEntry[];
}

export const EMPTY_AUTH_STATE: Readonly<AuthState> = Object.freeze({
  spentCodes: [],
  revokedAccessTokens: [],
  revokedSignIns: [],
  signIns: [],
});

const id = z.string().min(1).max(256);
const epochSec = z.number().finite();
const expiring = z.array(z.tuple([id, epochSec]));
const stateFileSchema = z.object({
  version: z.literal(1),
  spentCodes: expiring,
  revokedAccessTokens: expiring,
  revokedSignIns: expiring,
  signIns: z.array(z.tuple([id, z.number().int().positive(), epochSec])),
});

export interface AuthStateStore {
  /** What the file held at start-up, expired entries left out. */
  readonly initial: AuthState;
  /** Saves `read()` about 200 ms from now; calls until then share that one write. */
  schedule(read: () => AuthState): void;
  /** Saves what is scheduled now and waits until every write is done. */
  flush(): Promise<void>;
}

export interface AuthStateStoreOptions {
  root: string;
  logger: Logger;
  /** Epoch milliseconds: prunes expired entries and names a moved-aside file. */
  clock?: () => number;
  delayMs?: number;
  /** The atomic writer; tests count its calls. */
  writeFile?: (path: string, data: string, options: { mode: number }) => Promise<void>;
}

/** Reads the saved state (never throws for a bad file) and returns the store that keeps it saved. */
export async function openAuthStateStore(options: AuthStateStoreOptions): Promise<AuthStateStore> {
  const { logger } = options;
  const clock = options.clock ?? Date.now;
  const folder = join(options.root, AUTH_STATE_FOLDER);
  const path = join(folder, AUTH_STATE_FILE);
  const writeFile = options.writeFile ?? writeFileAtomic;
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const initial = pruneAuthState(await readStateFile(path, clock, logger), clock() / 1000);
  const save = async (state: AuthState) => {
    const body = { version: 1, ...pruneAuthState(state, clock() / 1000) };
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await writeFile(path, `${JSON.stringify(body)}\n`, { mode: 0o600 });
  };
  return { initial, ...createSaveScheduler(save, options.delayMs ?? SAVE_DELAY_MS, logger) };
}

/** Drops every entry whose expiry is not after `nowSec`. */
export function pruneAuthState(state: AuthState, nowSec: number): AuthState {
  const live = (entries: ExpiringEntry[]) => entries.filter(([, until]) => until > nowSec);
  return {
    spentCodes: live(state.spentCodes),
    revokedAccessTokens: live(state.revokedAccessTokens),
    revokedSignIns: live(state.revokedSignIns),
    signIns: state.signIns.filter(([, , until]) => until > nowSec),
  };
}

/**
 * Debounces saves and runs them one at a time: a change while a write is in flight schedules one more
 * write after it, which reads the state afresh, so the newest state always lands last.
 */
function createSaveScheduler(save: (state: AuthState) => Promise<void>, delayMs: number, logger: Logger) {
  let read: (() => AuthState) | undefined;
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  const arm = () => {
    timer = setTimeout(start, delayMs);
    timer.unref();
  };
  const start = () => {
    timer = undefined;
    if (!dirty || read === undefined || inFlight !== undefined) return;
    dirty = false;
    inFlight = save(read())
      .catch((error: unknown) => logger.error({ err: error }, 'could not save the auth state file'))
      .finally(() => {
        inFlight = undefined;
        if (dirty) arm();
      });
  };
  return {
    schedule(next: () => AuthState) {
      read = next;
      dirty = true;
      if (timer === undefined && inFlight === undefined) arm();
    },
    async flush() {
      while (inFlight !== undefined || dirty) {
        if (inFlight !== undefined) await inFlight;
        else {
          clearTimeout(timer);
          start();
        }
      }
    },
  };
}

async function readStateFile(path: string, clock: () => number, logger: Logger): Promise<AuthState> {
  let state: Awaited<ReturnType<typeof readJsonFile<typeof stateFileSchema>>>;
  try {
    state = await readJsonFile(path, stateFileSchema, 'not an auth state file');
  } catch (error) {
    logger.error({ err: error, file: path }, 'could not read the auth state file; starting without it');
    return EMPTY_AUTH_STATE;
  }
  if (state.kind === 'missing') return EMPTY_AUTH_STATE;
  if (state.kind === 'ok') {
    const { version: _version, ...rest } = state.value;
    return rest;
  }
  await moveCorruptAside(path, state.reason, clock, logger);
  return EMPTY_AUTH_STATE;
}

async function moveCorruptAside(
  path: string,
  reason: string,
  clock: () => number,
  logger: Logger,
): Promise<void> {
  try {
    const target = await moveAside(path, new Date(clock()));
    logger.warn(
      { file: path, movedTo: target, reason },
      'auth state file unusable; moved aside, starting empty',
    );
  } catch (error) {
    logger.error(
      { err: error, file: path, reason },
      'auth state file unusable and could not be moved aside; starting empty, the next save replaces it',
    );
  }
}
