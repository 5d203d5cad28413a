// The storage capability's public face: other folders import images/ through this file only.
// Store (images + sidecars on disk), prefs, previews and thumbnails (sharp), the in-memory index,
// the name and sidecar rules shared with the /i/ route and the MCP tool, and the atomic writer and safe
// reader that auth/state-store.ts uses for its own file.
export { writeFileAtomic } from './atomic.js';
export { type HeaderFacts, readHeaderFacts } from './dimensions.js';
export {
  createImageIndex,
  type ImageIndex,
  type IndexTotals,
  type Page,
  type PageOptions,
  type UsageRow,
} from './index-store.js';
export * from './names.js';
export {
  completeOriginal,
  type ImageRecord,
  type OriginalSidecar,
  originalSidecarSchema,
  toUtcIso,
} from './original-sidecar.js';
export { createPrefsStore, type Prefs, type PrefsStore, type PrefsStoreOptions } from './prefs.js';
export {
  type ImageInfo,
  MAX_INPUT_PIXELS,
  makePreview,
  makeThumbnail,
  PREVIEW_MAX_BYTES,
  PREVIEW_MAX_SIDE,
  type PreparedReference,
  type Preview,
  prepareReference,
  REFERENCE_MAX_BYTES,
  REFERENCE_MAX_SIDE,
  readImageInfo,
  THUMBNAIL_MAX_BYTES,
  THUMBNAIL_MAX_SIDE,
  type Thumbnail,
} from './preview.js';
export { readRegularFile } from './safe-read.js';
export * from './sidecar.js';
export { type ImageFormat, type SniffedImage, sniffImage, storableType } from './sniff.js';
export {
  createImageStore,
  type GeneratedRecord,
  type ImageStore,
  type ImageStoreOptions,
  type StoredImage,
} from './store.js';
export type { ThumbnailFile } from './thumbnails.js';
