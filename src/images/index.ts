// The storage capability's public face: other folders import images/ through this file only.
// Store (images + sidecars on disk), prefs, previews and thumbnails (sharp), the in-memory index,
// and the name and sidecar rules shared with the /i/ route and the MCP tool. The file helpers live in
// src/fs.
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
  type PreparedImage,
  type PreparedReference,
  type Preview,
  prepareGenerated,
  prepareReference,
  REFERENCE_MAX_BYTES,
  REFERENCE_MAX_SIDE,
  readImageInfo,
  THUMBNAIL_MAX_BYTES,
  THUMBNAIL_MAX_SIDE,
  type Thumbnail,
} from './preview.js';
export { type ReconcileReport, reconcileDataFolder } from './reconcile.js';
export * from './sidecar.js';
export { type ImageFormat, type SniffedImage, sniffImage, storableType } from './sniff.js';
export {
  createImageStore,
  DEFAULT_IMAGE_CACHE_BYTES,
  type GeneratedRecord,
  type ImageStore,
  type ImageStoreOptions,
  type StoredImage,
} from './store.js';
export type { ThumbnailFile } from './thumbnails.js';
