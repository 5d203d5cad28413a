// The dashboard's one stylesheet, served from /ui/style.css so the Content-Security-Policy can stay at
// `style-src 'self'` with no inline styles. Light and dark follow prefers-color-scheme; the layout is a
// fluid grid that collapses to one column on a phone; focus is always visible for keyboard users.
import { createHash } from 'node:crypto';
import { UI_BASE } from './paths.js';

export const DASHBOARD_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --panel: #ffffff; --text: #1b1f24; --muted: #5b6470; --line: #dde1e6;
  --accent: #2f5bd3; --accent-text: #ffffff; --accent-soft: #e7edfc; --ok: #1d7a46; --warn: #a24b00;
  --focus: #f0a000; --radius: 10px; --danger: #b3261e;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 16px; line-height: 1.5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #121418; --panel: #1b1f25; --text: #e7e9ec; --muted: #a2abb7; --line: #2e343d;
    --accent: #8aa8ff; --accent-text: #0d1426; --accent-soft: #222c44; --ok: #6fd49a; --warn: #ffb067;
    --danger: #ff8a80;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, summary:focus-visible, input:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 4px;
}
.skip { position: absolute; left: -999px; top: 0; }
.skip:focus { left: 1rem; top: 1rem; background: var(--panel); padding: .5rem 1rem; z-index: 10; }
header.top { background: var(--panel); border-bottom: 1px solid var(--line); }
.top-inner, main { max-width: 1200px; margin: 0 auto; padding: 0 1rem; }
.top-inner { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; min-height: 3.5rem; }
.brand { font-weight: 700; color: var(--text); text-decoration: none; }
nav.tabs { display: flex; gap: .25rem; flex: 1; }
nav.tabs a { padding: .4rem .75rem; border-radius: 999px; text-decoration: none; color: var(--muted); }
nav.tabs a[aria-current="page"] { background: var(--accent-soft); color: var(--text); font-weight: 600; }
.who { display: flex; align-items: center; gap: .75rem; color: var(--muted); font-size: .9rem; }
.who form { margin: 0; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .75rem;
  border: 1px solid var(--line); color: var(--muted); }
.badge.warn { color: var(--warn); border-color: currentColor; }
main { padding-top: 1.5rem; padding-bottom: 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 0 0 .75rem; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius);
  padding: 1.25rem; margin-bottom: 1.5rem; }
.muted { color: var(--muted); }
.notice { border-left: 4px solid var(--ok); background: var(--panel); padding: .75rem 1rem;
  margin-bottom: 1.5rem; border-radius: 0 var(--radius) var(--radius) 0; }
button, .button { font: inherit; cursor: pointer; border-radius: 8px; padding: .5rem 1rem;
  border: 1px solid var(--accent); background: var(--accent); color: var(--accent-text);
  text-decoration: none; display: inline-block; }
button.quiet { background: transparent; color: var(--accent); padding: .3rem .75rem; }
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
caption { caption-side: bottom; text-align: left; padding-top: .75rem; font-size: .85rem; }
th, td { text-align: left; padding: .55rem .75rem; border-bottom: 1px solid var(--line); }
td.num, th.num, td.when { white-space: nowrap; }
tbody th { overflow-wrap: break-word; font-weight: 600; }
td.num, th.num { text-align: right; }
tfoot th, tfoot td { font-weight: 700; border-bottom: 0; border-top: 2px solid var(--line); }
fieldset { border: 0; margin: 0 0 1rem; padding: 0; display: grid; gap: .5rem; }
legend { font-weight: 600; margin-bottom: .5rem; }
.choice { display: flex; gap: .75rem; align-items: flex-start; padding: .75rem 1rem;
  border: 1px solid var(--line); border-radius: 8px; cursor: pointer; }
.choice:has(input:checked) { border-color: var(--accent); background: var(--accent-soft); }
.choice input { margin-top: .3rem; }
.choice .price { display: block; }
.choice small { display: block; color: var(--muted); }
.gallery-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: .5rem; }
ul.cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 1rem;
  grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius);
  overflow: hidden; display: flex; flex-direction: column; }
.card a.thumb { display: flex; align-items: center; justify-content: center; aspect-ratio: 1 / 1;
  background: var(--line); }
.card a.thumb img { display: block; max-width: 100%; max-height: 100%; width: auto; height: auto; }
.card .body { padding: .75rem; display: grid; gap: .5rem; font-size: .9rem; }
.prompt { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
details.prompt summary { cursor: pointer; list-style: none; }
details.prompt summary::-webkit-details-marker { display: none; }
details.prompt summary::after { content: " more"; color: var(--accent); font-weight: 600; white-space: nowrap; }
details.prompt[open] summary::after { content: " less"; }
details.prompt[open] summary { color: var(--muted); }
details.prompt .rest { margin: .5rem 0 0; }
dl.facts { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: .1rem .75rem; color: var(--muted); }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; color: var(--text); }
.card-links { margin: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.danger-link { color: var(--danger); }
button.danger { background: var(--danger); border-color: var(--danger); color: var(--accent-text); }
.confirm { max-width: 36rem; margin: 2rem auto 0; display: grid; gap: .75rem; }
.confirm img { display: block; max-width: 100%; height: auto; border-radius: 8px; }
.confirm p { margin: 0; }
.actions { display: flex; align-items: center; gap: 1.25rem; margin-top: .5rem; }
.small { font-size: .85rem; }
ul.budgets { list-style: none; margin: 0 0 .75rem; padding: 0; display: grid; gap: 1rem; }
.budget p { margin: .25rem 0 0; }
.budget-head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .25rem 1rem; }
.budget-head .who-line { font-weight: 600; overflow-wrap: anywhere; }
.budget-head .num { font-variant-numeric: tabular-nums; }
.budget meter { display: block; width: 100%; height: 1rem; margin-top: .35rem; }
.pager { display: flex; gap: 1rem; justify-content: space-between; margin-top: 1.5rem; }
.empty { text-align: center; padding: 3rem 1rem; }
body.share { min-height: 100vh; }
body.plain { margin: 0; display: flex; align-items: center; justify-content: center; background: #000; }
body.plain img.shared { max-width: 100vw; max-height: 100vh; width: auto; height: auto; display: block; }
.share-main { max-width: 1100px; }
.share-figure { margin: 0; display: grid; gap: 1rem; grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr);
  align-items: start; }
.share-figure img.shared { display: block; width: 100%; height: auto; border-radius: var(--radius);
  background: var(--line); }
.share-figure figcaption { margin: 0; display: grid; gap: 1rem; }
.share-figure figcaption p { margin: 0; }
.share-facts { grid-template-columns: auto 1fr; }
ul.models { list-style: none; margin: 0; padding: 0; font-size: .9rem; }
svg.chart { display: block; width: 100%; height: auto; max-width: 720px; margin: 0 0 1rem; }
svg.chart .bar { fill: var(--accent); }
svg.chart .axis { stroke: var(--line); stroke-width: 1; }
svg.chart .label { fill: var(--muted); font-size: 11px; font-family: inherit; }
table.days { max-width: 28rem; }
table.people { min-width: 44rem; }
.message { max-width: 36rem; margin: 10vh auto 0; }
@media (max-width: 640px) {
  .top-inner { padding: .5rem 1rem; }
  nav.tabs { order: 3; flex-basis: 100%; }
  h1 { font-size: 1.35rem; }
  .panel { padding: 1rem; }
  ul.cards { grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: .75rem; }
  th, td { padding: .45rem .5rem; }
  th.num { white-space: normal; }
  tbody th { overflow-wrap: anywhere; }
  .wide-only { display: none; }
  dl.facts { grid-template-columns: 1fr; font-size: .85rem; }
  .share-figure { grid-template-columns: 1fr; }
  svg.chart .label { font-size: 22px; }
  dl.facts.share-facts { grid-template-columns: auto 1fr; }
  dl.facts.share-facts dt { position: static; width: auto; height: auto; overflow: visible; clip-path: none; }
  dl.facts dt { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
}
`.trim();

/** Short content hash of the stylesheet, used as its cache-busting query and its ETag. */
export function stylesheetHash(css: string = DASHBOARD_CSS): string {
  return createHash('sha256').update(css).digest('base64url').slice(0, 16);
}

/** Where every page links the stylesheet: its path, with the content hash as a cache-busting query. */
export function stylesheetHref(hash: string = stylesheetHash()): string {
  return `${UI_BASE}/style.css?v=${hash}`;
}
