// The frame of the two pages the authorization server shows a person: the consent page and the message
// page for refused requests. One small inline stylesheet, allowed by its hash in the page's CSP (see
// PAGE_SECURITY_HEADERS), so the pages load nothing else and cannot be framed. Pure components.
import { createHash } from 'node:crypto';
import type { Child, FC } from 'hono/jsx';

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1b1f; --bg: #f6f6f8; --card: #fff; --muted: #5b5b66; --accent: #3853d8; --on-accent: #fff; --warn: #8a5a00; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececf1; --bg: #15151a; --card: #202028; --muted: #a5a5b2; --accent: #8ea2ff; --on-accent: #10142b; --warn: #f0b54a; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 30rem; margin: 8vh auto; padding: 0 1rem; }
.card { background: var(--card); border-radius: 12px; padding: 1.5rem; box-shadow: 0 1px 4px rgb(0 0 0 / 0.15); }
h1 { font-size: 1.3rem; margin: 0 0 1rem; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0.3rem 1rem; margin: 1rem 0; }
dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
.badge { font-size: 0.8rem; color: var(--accent); } .warn { color: var(--warn); }
.actions { display: flex; gap: 0.75rem; margin-top: 1.5rem; }
button { flex: 1; font: inherit; padding: 0.6rem; border-radius: 8px; border: 1px solid var(--muted); background: transparent; color: var(--fg); cursor: pointer; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--on-accent); }
button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** Headers for every page: no framing, nothing loaded but our own inline style, nothing cached. */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; frame-ancestors 'none'; base-uri 'none'`,
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
  // same-origin, not no-referrer: under no-referrer a browser posts the consent form with `Origin: null`,
  // which the DNS-rebinding guard refuses. Other sites (Google) still receive no referrer.
  'Referrer-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
};

export const Page: FC<{ title: string; children?: Child }> = ({ title, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="same-origin" />
      <title>{`${title} · Image Studio`}</title>
      <style dangerouslySetInnerHTML={{ __html: STYLE }} />
    </head>
    <body>
      <main>
        <div class="card">{children}</div>
      </main>
    </body>
  </html>
);

export const MessagePage: FC<{ title: string; message: string }> = ({ title, message }) => (
  <Page title={title}>
    <h1>{title}</h1>
    <p>{message}</p>
  </Page>
);
