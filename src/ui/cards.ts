// Turns indexed sidecars into gallery card props: links to the thumbnail and the full image, the product
// name of the exact model id the record names (old records keep their old model), and the facts shown on
// each card. Pure.
import type { Sidecar } from '../images/sidecar.js';
import { productNameOf } from '../models/index.js';
import { imageHref, thumbHref } from './paths.js';
import type { GalleryCard } from './views/gallery-page.js';

export function toGalleryCard(sidecar: Sidecar): GalleryCard {
  return {
    name: sidecar.name,
    thumbSrc: thumbHref(sidecar.name),
    fullHref: imageHref(sidecar.name),
    prompt: sidecar.prompt,
    created: sidecar.created,
    model: `${productNameOf(sidecar.model)} (${sidecar.model_alias})`,
    size: sidecar.image_size,
    aspectRatio: sidecar.aspect_ratio,
    cost: sidecar.cost,
    width: sidecar.width,
    height: sidecar.height,
  };
}
