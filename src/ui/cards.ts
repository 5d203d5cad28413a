// Turns indexed records into gallery card props: links to the thumbnail, the full image, the share page,
// the download and the delete step, the product name of the exact model id the record names (old
// records keep their old model), and the facts shown on each card. Pure.
import type { ImageRecord } from '../images/index.js';
import { modelLabel } from '../models/index.js';
import { deleteHref, downloadHref, imageHref, shareHref, thumbHref } from './paths.js';
import type { GalleryCard } from './views/gallery-page.js';

export function toGalleryCard(sidecar: ImageRecord): GalleryCard {
  return {
    name: sidecar.name,
    thumbSrc: thumbHref(sidecar.name),
    fullHref: imageHref(sidecar.name),
    shareHref: shareHref(sidecar.name),
    downloadHref: downloadHref(sidecar.name),
    deleteHref: deleteHref(sidecar.name),
    prompt: sidecar.prompt,
    created: sidecar.created,
    model: modelLabel(sidecar),
    size: sidecar.image_size ?? `${sidecar.width}×${sidecar.height}`,
    aspectRatio: sidecar.aspect_ratio,
    cost: sidecar.cost,
    actualCost: sidecar.usage_cost,
    width: sidecar.width,
    height: sidecar.height,
  };
}
