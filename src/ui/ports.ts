// The slices of other capabilities the dashboard uses, written as narrow structural interfaces so the
// real ImageIndex, ImageStore, PrefsStore, GoogleOidc and AccessPolicy (built in images/ and auth/) fit
// without the UI depending on how they are made, and so tests can pass the real ones or small stand-ins.
import type { GoogleOidc } from '../auth/google.js';
import type { ImageRecord } from '../images/index.js';
import type { ModelAlias } from '../models/index.js';

export type MaybePromise<T> = T | Promise<T>;

export interface UsageRow {
  email: string;
  images: number;
  cost: number;
  /** UTC ISO-8601 of the newest image, when known. */
  lastCreated?: string | undefined;
}

export interface GalleryIndex {
  /** One user's images, newest first; `next` is the cursor for the following (older) page. */
  page(email: string, options: { before?: string; limit: number }): { items: ImageRecord[]; next?: string };
  countFor(email: string): number;
  usage(): UsageRow[];
  get(name: string): ImageRecord | undefined;
  /** Forgets a deleted image. */
  remove(name: string): boolean;
}

export interface Thumbnail {
  bytes: Uint8Array;
  mime: string;
  etag: string;
}

export interface ThumbnailSource {
  /** Undefined when there is no such image (or it cannot be decoded). */
  thumbnail(name: string): Promise<Thumbnail | undefined>;
  /** Removes the image, its sidecar and its thumbnail; false when there was nothing to remove. */
  deleteImage(name: string): Promise<boolean>;
}

export interface DefaultModelPrefs {
  getDefaultModel(email: string): MaybePromise<ModelAlias | undefined>;
  setDefaultModel(email: string, alias: ModelAlias): MaybePromise<void>;
}

/** The Google sign-in, as auth/google.ts provides it (the one module that talks to Google). */
export type OidcLogin = Pick<GoogleOidc, 'startLogin' | 'finishLogin'>;
export type { GoogleIdentity as Identity, LoginExpectation, LoginStart } from '../auth/google.js';

export interface BudgetLookup {
  /** Monthly budget in USD; undefined means no cap. */
  budgetFor(email: string): number | undefined;
}

export interface DashboardAccess {
  isAllowed(email: string): boolean;
  isAdmin(email: string): boolean;
}

/** The spend ledger, as the dashboard reads it: spend per person and every generation ever recorded. */
export interface SpendSource {
  people(): { email: string; count: number; cost: number; lastCreated: string }[];
  entries(): readonly { name: string; email: string; cost: number; model: string; created: string }[];
  /** Records an image's spend (a no-op when it is already recorded). */
  append(entry: {
    name: string;
    email: string;
    cost: number;
    model: string;
    created: string;
  }): Promise<unknown>;
}
