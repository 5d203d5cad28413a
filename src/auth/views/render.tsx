// Sends one of the authorization server's pages with its security headers and a doctype. The only
// place where a view meets the request context; the views themselves stay pure.
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { MessagePage, PAGE_SECURITY_HEADERS } from './page.js';

export function renderPage(
  c: Context,
  status: ContentfulStatusCode,
  page: JSX.Element,
): Response | Promise<Response> {
  for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) c.header(name, value);
  return c.html(
    <>
      {raw('<!DOCTYPE html>')}
      {page}
    </>,
    status,
  );
}

export function renderMessage(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  message: string,
): Response | Promise<Response> {
  return renderPage(c, status, <MessagePage title={title} message={message} />);
}
