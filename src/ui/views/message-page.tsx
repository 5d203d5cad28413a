// A standalone page for everything that is not the dashboard itself: sign-in refused ("invitation
// only"), signed out, an expired form (CSRF), a broken sign-in. One heading, a few sentences saying what
// happened and what to do, and at most one link onward. Pure.
import type { FC } from 'hono/jsx';
import { Layout } from './layout.js';

export interface MessagePageProps {
  styleHref: string;
  title: string;
  paragraphs: readonly string[];
  action?: { href: string; label: string } | undefined;
}

export const MessagePage: FC<MessagePageProps> = ({ styleHref, title, paragraphs, action }) => (
  <Layout title={title} styleHref={styleHref}>
    <section class="panel message" aria-labelledby="message-heading">
      <h1 id="message-heading">{title}</h1>
      {paragraphs.map((text) => (
        <p>{text}</p>
      ))}
      {action === undefined ? null : (
        <p>
          <a class="button" href={action.href}>
            {action.label}
          </a>
        </p>
      )}
    </section>
  </Layout>
);
