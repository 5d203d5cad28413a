// The facts every tool reports about one stored image (generate_image's result, each list_images entry,
// image_info's answer): its links, model, size, ratio, dimensions, type and list price. One builder, so
// the three tools name and fill these fields the same way. Pure.
import type { ImageRecord } from '../images/index.js';

export interface ImageSummary<R extends ImageRecord> {
  name: string;
  url: string;
  share_url: string;
  model: R['model_alias'];
  model_id: string;
  image_size: R['image_size'];
  aspect_ratio: string;
  width: number;
  height: number;
  mime_type: ImageRecord['mime'];
  cost_usd: number;
}

/** Alias and size keep the record's own types: never null for a record this server just wrote. */
export function summariseImage<R extends ImageRecord>(record: R, publicUrl: string): ImageSummary<R> {
  return {
    name: record.name,
    url: `${publicUrl}/i/${record.name}`,
    share_url: `${publicUrl}/v/${record.name}`,
    model: record.model_alias,
    model_id: record.model,
    image_size: record.image_size,
    aspect_ratio: record.aspect_ratio,
    width: record.width,
    height: record.height,
    mime_type: record.mime,
    cost_usd: record.cost,
  };
}
