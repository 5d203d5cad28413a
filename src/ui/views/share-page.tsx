// The public share page of one image (/v/{name}): the image, its prompt, model, size, ratio, price and
// date, and a download button; or, with `plain`, the image alone. Search engines are told not to index
// it; Open Graph and Twitter card tags point at the full image so a pasted link previews. Pure.
import type { FC } from 'hono/jsx';
import { formatUsdTenthCent } from '../../money.js';
import { foldPrompt, formatUtc } from '../format.js';
import { PageHead } from './layout.js';

export interface SharePageProps {
  styleHref: string;
  plain: boolean;
  /** Absolute URLs, for the preview tags. */
  pageUrl: string;
  imageUrl: string;
  /** Same-origin paths, for the page itself. */
  imageSrc: string;
  downloadHref: string;
  mime: string;
  prompt: string;
  model: string;
  size: string;
  aspectRatio: string;
  cost: number;
  created: string;
  width: number;
  height: number;
}

const DESCRIPTION_CHARS = 200;
const TITLE_CHARS = 70;

export const SharePage: FC<SharePageProps> = (props) => {
  const title = foldPrompt(props.prompt, TITLE_CHARS).head || 'An image';
  return (
    <html lang="en">
      <PageHead title={title} styleHref={props.styleHref}>
        <meta name="robots" content="noindex, nofollow" />
        <PreviewTags {...props} title={title} />
      </PageHead>
      <body class={props.plain ? 'share plain' : 'share'}>
        {props.plain ? <Picture {...props} /> : <Details {...props} />}
      </body>
    </html>
  );
};

const PreviewTags: FC<SharePageProps & { title: string }> = (props) => {
  const description = foldPrompt(props.prompt, DESCRIPTION_CHARS).head;
  return (
    <>
      <meta name="description" content={description} />
      <meta property="og:type" content="website" />
      <meta property="og:site_name" content="Image Studio" />
      <meta property="og:title" content={props.title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={props.pageUrl} />
      <meta property="og:image" content={props.imageUrl} />
      <meta property="og:image:type" content={props.mime} />
      <meta property="og:image:width" content={String(props.width)} />
      <meta property="og:image:height" content={String(props.height)} />
      <meta property="og:image:alt" content={description} />
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={props.title} />
      <meta name="twitter:description" content={description} />
      <meta name="twitter:image" content={props.imageUrl} />
    </>
  );
};

const Picture: FC<SharePageProps> = (props) => (
  <img
    class="shared"
    src={props.imageSrc}
    width={props.width}
    height={props.height}
    alt={foldPrompt(props.prompt).head}
  />
);

const Details: FC<SharePageProps> = (props) => (
  <main class="share-main">
    <figure class="share-figure">
      <Picture {...props} />
      <figcaption class="panel">
        <p class="prompt">{props.prompt}</p>
        <dl class="facts share-facts">
          <dt>Model</dt>
          <dd>{props.model}</dd>
          <dt>Size</dt>
          <dd>{`${props.size} · ${props.width}×${props.height}`}</dd>
          <dt>Aspect ratio</dt>
          <dd>{props.aspectRatio}</dd>
          <dt>Price</dt>
          <dd>{formatUsdTenthCent(props.cost)}</dd>
          <dt>Made</dt>
          <dd>
            <time datetime={props.created}>{formatUtc(props.created)}</time>
          </dd>
        </dl>
        <p>
          <a class="button" href={props.downloadHref} download>
            Download
          </a>
        </p>
      </figcaption>
    </figure>
  </main>
);
