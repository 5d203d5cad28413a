// Turns indexed sidecars into gallery card props: links to the thumbnail and the full image, the model's
// display name from the live registry, and the facts shown on each card. Pure.
import type { ImageRecord } from '../images/index.js';
import type { ModelRegistry } from '../models/index.js';
import { deleteHref, downloadHref, imageHref, shareHref, thumbHref } from './paths.js';
import type { GalleryCard } from './views/gallery-page.js';

export function toGalleryCard(sidecar: ImageRecord, registry: ModelRegistry): GalleryCard {
  return {
    name: sidecar.name,
    thumbSrc: thumbHref(sidecar.name),
    fullHref: imageHref(sidecar.name),
    shareHref: shareHref(sidecar.name),
    downloadHref: downloadHref(sidecar.name),
    deleteHref: deleteHref(sidecar.name),
    prompt: sidecar.prompt,
    created: sidecar.created,
    model: modelLabel(sidecar, registry),
    size: sidecar.image_size ?? `${sidecar.width}×${sidecar.height}`,
    aspectRatio: sidecar.aspect_ratio,
    cost: sidecar.cost,
    actualCost: sidecar.usage_cost,
    width: sidecar.width,
    height: sidecar.height,
  };
}

/**
 * How a record's model is shown: the product name when the record used the id its alias has today,
 * otherwise the recorded id as it is (retired ids, ids from before an override, the original's records).
 */
export function modelLabel(
  record: Pick<ImageRecord, 'model' | 'model_alias'>,
  registry: ModelRegistry,
): string {
  if (record.model_alias === null) return record.model;
  const spec = registry.get(record.model_alias);
  const name = spec.id === record.model ? spec.displayName : record.model;
  return `${name} (${record.model_alias})`;
}
