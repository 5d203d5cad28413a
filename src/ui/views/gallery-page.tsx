// One user's gallery: newest first, a real thumbnail per card linking to the full image, the prompt
// (folded with <details> when long, so no script is needed), date, model, size, ratio and cost, and links
// to its share page, its download and the confirmation step before deleting it.
// Cursor links page through older images. Pure: cards arrive as plain props.
import type { FC } from 'hono/jsx';
import { fitBox, foldPrompt, formatUsd, formatUtc } from '../format.js';
import { type HeaderProps, Layout } from './layout.js';

export const THUMB_BOX = 256;

export interface GalleryCard {
  name: string;
  thumbSrc: string;
  fullHref: string;
  /** The public share page. */
  shareHref: string;
  downloadHref: string;
  /** The confirmation page before deleting. */
  deleteHref: string;
  prompt: string;
  created: string;
  model: string;
  size: string;
  aspectRatio: string;
  /** List price paid. */
  cost: number;
  /** What Gemini's reported usage implies, when it itemised it. */
  actualCost?: number | null | undefined;
  width: number;
  height: number;
}

export interface GalleryPageProps {
  styleHref: string;
  header: HeaderProps;
  owner: string;
  isOwn: boolean;
  total: number;
  notice?: string | undefined;
  cards: readonly GalleryCard[];
  /** Link to the page after this one (older images). */
  olderHref?: string | undefined;
  /** Link back to the newest images, set when this is not the first page. */
  newestHref?: string | undefined;
}

export const GalleryPage: FC<GalleryPageProps> = (props) => (
  <Layout
    title={props.isOwn ? 'My images' : `Images of ${props.owner}`}
    styleHref={props.styleHref}
    header={{ ...props.header, active: props.isOwn ? 'gallery' : undefined }}
  >
    <div class="gallery-head">
      <h1>{props.isOwn ? 'My images' : `Images of ${props.owner}`}</h1>
      <p class="muted">{`${props.total} ${props.total === 1 ? 'image' : 'images'}, newest first`}</p>
    </div>
    {props.notice === undefined ? null : (
      <p class="notice" role="status">
        {props.notice}
      </p>
    )}
    {props.cards.length === 0 ? (
      <p class="panel empty muted">No images here yet.</p>
    ) : (
      <ul class="cards">
        {props.cards.map((card) => (
          <Card {...card} />
        ))}
      </ul>
    )}
    <Pager olderHref={props.olderHref} newestHref={props.newestHref} />
  </Layout>
);

const Card: FC<GalleryCard> = (card) => {
  const box = fitBox(card.width, card.height, THUMB_BOX);
  const { head, folded } = foldPrompt(card.prompt);
  return (
    <li class="card">
      <a class="thumb" href={card.fullHref} aria-label={`Open the full image (${card.width}×${card.height})`}>
        <img
          src={card.thumbSrc}
          width={box.width}
          height={box.height}
          alt={head}
          loading="lazy"
          decoding="async"
        />
      </a>
      <div class="body">
        {folded ? (
          <details class="prompt">
            <summary>{head}</summary>
            <p class="prompt rest">{card.prompt}</p>
          </details>
        ) : (
          <p class="prompt">{head}</p>
        )}
        <dl class="facts">
          <dt>Date</dt>
          <dd>
            <time datetime={card.created}>{formatUtc(card.created)}</time>
          </dd>
          <dt>Model</dt>
          <dd>{card.model}</dd>
          <dt>Size</dt>
          <dd>{`${card.size} · ${card.aspectRatio}`}</dd>
          <dt>Cost</dt>
          <dd>
            {formatUsd(card.cost)}
            {card.actualCost === null || card.actualCost === undefined ? null : (
              <span class="muted">{` · ${formatUsd(card.actualCost)} by Gemini's usage`}</span>
            )}
          </dd>
        </dl>
        <p class="card-links">
          <a href={card.shareHref}>Share</a>
          <a href={card.downloadHref} download>
            Download
          </a>
          <a href={card.deleteHref} class="danger-link">
            Delete
          </a>
        </p>
      </div>
    </li>
  );
};

const Pager: FC<{ olderHref?: string | undefined; newestHref?: string | undefined }> = ({
  olderHref,
  newestHref,
}) =>
  olderHref === undefined && newestHref === undefined ? null : (
    <nav class="pager" aria-label="Pages">
      {newestHref === undefined ? <span /> : <a href={newestHref}>← Newest images</a>}
      {olderHref === undefined ? <span /> : <a href={olderHref}>Older images →</a>}
    </nav>
  );
