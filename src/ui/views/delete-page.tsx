// The confirmation step before deleting an image: its thumbnail and facts, a plain form that posts the
// deletion with the session's CSRF token, and a way back. Works without JavaScript. Says plainly that the
// image's cost stays in the spend totals. Pure.
import type { FC } from 'hono/jsx';
import { fitBox, foldPrompt, formatUsd, formatUtc } from '../format.js';
import { THUMB_BOX } from './gallery-page.js';
import { type HeaderProps, Layout } from './layout.js';

export interface DeletePageProps {
  styleHref: string;
  header: HeaderProps;
  name: string;
  owner: string;
  isOwn: boolean;
  thumbSrc: string;
  prompt: string;
  created: string;
  cost: number;
  width: number;
  height: number;
  action: string;
  cancelHref: string;
}

export const DeletePage: FC<DeletePageProps> = (props) => {
  const box = fitBox(props.width, props.height, THUMB_BOX);
  return (
    <Layout title="Delete image" styleHref={props.styleHref} header={props.header}>
      <section class="panel confirm" aria-labelledby="delete-heading">
        <h1 id="delete-heading">Delete this image?</h1>
        <img src={props.thumbSrc} width={box.width} height={box.height} alt={foldPrompt(props.prompt).head} />
        <p class="prompt">{foldPrompt(props.prompt).head}</p>
        <p class="muted">
          {`Made ${formatUtc(props.created)}${props.isOwn ? '' : ` by ${props.owner}`}, list price ${formatUsd(props.cost)}.`}
        </p>
        <p>
          The image file, its record and its thumbnail are removed for good, and its links stop working. Its
          cost stays in the spend totals: deleting is not a refund.
        </p>
        <form method="post" action={props.action} class="actions">
          <input type="hidden" name="csrf" value={props.header.csrf} />
          <button type="submit" class="danger">
            Delete image
          </button>
          <a href={props.cancelHref}>Keep it</a>
        </form>
      </section>
    </Layout>
  );
};
