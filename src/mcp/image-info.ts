// What `image_info` answers, as pure functions: which image a caller means (a filename or any /i/, /v/ or
// /d/ link of this server), whether they may see it (their own; everything for admins and with sign-in
// off), and the description returned for it. The tool file only adapts this to MCP.

import type { Caller } from '../auth/index.js';
import { normaliseEmail } from '../email.js';
import { AppError, invalidArgument } from '../errors.js';
import { extractImageName, type ImageRecord } from '../images/index.js';
import type { ModelRegistry } from '../models/index.js';
import { formatUsd } from '../money.js';
import { summariseImage } from './image-summary.js';

export interface ImageDescription {
  name: string;
  url: string;
  share_url: string;
  download_url: string;
  prompt: string;
  email: string;
  /** The alias it was made with; null for records of the original that did not say. */
  model: string | null;
  model_id: string;
  model_name: string;
  image_size: string | null;
  aspect_ratio: string;
  width: number;
  height: number;
  mime_type: string;
  cost_usd: number;
  created: string;
  reference_images: string[];
  from_original_server: boolean;
}

export interface ImageInfoContext {
  publicUrl: string;
  registry: ModelRegistry;
  records: { get(name: string): ImageRecord | undefined };
  access: { isAdmin(email: string): boolean };
}

/** The record the caller asked for, or an error that says what to pass instead. */
export function findVisibleImage(
  input: string,
  caller: Caller,
  context: Pick<ImageInfoContext, 'publicUrl' | 'records' | 'access'>,
): ImageRecord {
  const name = extractImageName(input, context.publicUrl);
  if (name === undefined)
    throw invalidArgument(
      `"${input.trim().slice(0, 200)}" is not an image of this server. Pass the filename that generate_image returned (32 hex characters and .png or .jpg) or its /i/, /v/ or /d/ link.`,
    );
  const record = context.records.get(name);
  if (record === undefined || !mayView(caller, record, context.access))
    throw new AppError(
      'not_found',
      `No image named ${name} that you can see on this server. It may have been deleted, or belong to someone else.`,
    );
  return record;
}

export function mayView(
  caller: Caller,
  record: ImageRecord,
  access: { isAdmin(email: string): boolean },
): boolean {
  if (caller.via === 'auth-disabled' || access.isAdmin(caller.email)) return true;
  return normaliseEmail(record.email) === normaliseEmail(caller.email);
}

export function describeImage(
  record: ImageRecord,
  context: Pick<ImageInfoContext, 'publicUrl'> & { modelName: string },
): ImageDescription {
  return {
    ...summariseImage(record, context.publicUrl),
    download_url: `${context.publicUrl}/d/${record.name}`,
    prompt: record.prompt,
    email: record.email,
    model_name: context.modelName,
    created: record.created,
    reference_images: [...record.reference_images],
    from_original_server: record.original === true,
  };
}

export function describeAsText(info: ImageDescription): string {
  return [
    `${info.name}: "${info.prompt}"`,
    `Made ${info.created} by ${info.email} with ${info.model_name}, ${info.image_size ?? 'size not recorded'}, aspect ratio ${info.aspect_ratio}, ${info.width}×${info.height} ${info.mime_type === 'image/png' ? 'PNG' : 'JPEG'}, list price ${formatUsd(info.cost_usd)}.`,
    `Full image: ${info.url}`,
    `Share page: ${info.share_url}`,
    info.reference_images.length === 0
      ? 'Made without reference images.'
      : `References: ${info.reference_images.join(', ')}`,
  ].join('\n');
}
