// Turns indexed sidecars into gallery card props: links to the thumbnail and the full image, the model's
// display name from the live registry, and the facts shown on each card. Pure.
import type { Sidecar } from '../images/sidecar.js';
import type { ModelRegistry } from '../models/index.js';
import { imageHref, thumbHref } from './paths.js';
import type { GalleryCard } from './views/gallery-page.js';

export function toGalleryCard(sidecar: Sidecar, registry: ModelRegistry): GalleryCard {
  const model = registry.get(sidecar.model_alias);
  return {
    name: sidecar.name,
    thumbSrc: thumbHref(sidecar.name),
    fullHref: imageHref(sidecar.name),
    prompt: sidecar.prompt,
    created: sidecar.created,
    model: `${model.displayName} (${sidecar.model_alias})`,
    size: sidecar.image_size,
    aspectRatio: sidecar.aspect_ratio,
    cost: sidecar.cost,
    actualCost: sidecar.usage_cost,
    width: sidecar.width,
    height: sidecar.height,
  };
}
