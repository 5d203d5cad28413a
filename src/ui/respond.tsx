// Turning views into responses: every dashboard page is sent as a complete document with
// `Cache-Control: no-store` (pages show personal data and carry a CSRF token).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../http/types.js';
import type { UiRuntime } from './deps.js';
import { type PageNode, renderDocument } from './views/layout.js';
import { MessagePage } from './views/message-page.js';
import type { Message } from './views/messages.js';

export async function sendPage(
  c: Context<AppEnv>,
  page: PageNode,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  c.header('Cache-Control', 'no-store');
  return c.html(await renderDocument(page), status);
}

export function sendMessage(
  c: Context<AppEnv>,
  rt: UiRuntime,
  message: Message,
  status: ContentfulStatusCode,
): Promise<Response> {
  return sendPage(c, <MessagePage styleHref={rt.styleHref} {...message} />, status);
}
