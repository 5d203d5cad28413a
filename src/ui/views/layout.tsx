// The page frame every dashboard view renders into: head with the external stylesheet (no inline styles,
// so the CSP stays strict), a header with navigation and the sign-out button, and a skip link. Pure: it
// gets props, never the request. Hono JSX escapes every text and attribute value.
import type { Child, FC } from 'hono/jsx';
import type { HtmlEscapedString } from 'hono/utils/html';
import { UI_BASE } from '../paths.js';

export type Tab = 'overview' | 'gallery' | 'admin';

export interface HeaderProps {
  email: string;
  isAdmin: boolean;
  authDisabled: boolean;
  csrf: string;
  active?: Tab | undefined;
}

export interface LayoutProps {
  title: string;
  styleHref: string;
  header?: HeaderProps | undefined;
  children?: Child;
}

/** The `<head>` every page shares; `children` adds page-specific tags before the style sheet. */
export const PageHead: FC<{ title: string; styleHref: string; children?: Child }> = ({
  title,
  styleHref,
  children,
}) => (
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    {children}
    <title>{`${title} · Image Studio`}</title>
    <link rel="stylesheet" href={styleHref} />
  </head>
);

export const Layout: FC<LayoutProps> = ({ title, styleHref, header, children }) => (
  <html lang="en">
    <PageHead title={title} styleHref={styleHref}>
      <meta name="referrer" content="same-origin" />
    </PageHead>
    <body>
      <a class="skip" href="#main">
        Skip to content
      </a>
      {header === undefined ? null : <TopBar {...header} />}
      <main id="main">{children}</main>
    </body>
  </html>
);

const TopBar: FC<HeaderProps> = ({ email, isAdmin, authDisabled, csrf, active }) => (
  <header class="top">
    <div class="top-inner">
      <a class="brand" href={UI_BASE}>
        Image Studio
      </a>
      <nav class="tabs" aria-label="Dashboard">
        <a href={UI_BASE} aria-current={active === 'overview' ? 'page' : undefined}>
          Overview
        </a>
        <a href={`${UI_BASE}/gallery`} aria-current={active === 'gallery' ? 'page' : undefined}>
          My images
        </a>
        {isAdmin ? (
          <a href={`${UI_BASE}/admin`} aria-current={active === 'admin' ? 'page' : undefined}>
            Admin
          </a>
        ) : null}
      </nav>
      <div class="who">
        <span>{email}</span>
        {isAdmin ? <span class="badge">admin</span> : null}
        {authDisabled ? (
          <span class="badge warn">sign-in disabled</span>
        ) : (
          <form method="post" action={`${UI_BASE}/logout`}>
            <input type="hidden" name="csrf" value={csrf} />
            <button type="submit" class="quiet">
              Sign out
            </button>
          </form>
        )}
      </div>
    </div>
  </header>
);

/** What a JSX expression evaluates to in Hono. */
export type PageNode = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Renders a page to a complete HTML document. */
export async function renderDocument(page: PageNode): Promise<string> {
  // A node renders synchronously unless a component is async; awaiting covers both.
  const body: string = await (await page).toString();
  return `<!doctype html>${body}`;
}
