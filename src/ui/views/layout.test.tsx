import { describe, expect, it } from 'vitest';
import { Layout, renderDocument } from './layout.js';
import { MessagePage } from './message-page.js';
import { invitationOnly } from './messages.js';

describe('Layout', () => {
  it('loads only the given same-origin stylesheet and has no inline style or script', async () => {
    const html = await renderDocument(
      <Layout title="Overview" styleHref="/ui/style.css?v=abc">
        <p>hello</p>
      </Layout>,
    );
    expect(html).toContain('<link rel="stylesheet" href="/ui/style.css?v=abc"/>');
    expect(html).not.toMatch(/<script|<style| style=/);
    expect(html).toContain('<title>Overview · Image Studio</title>');
  });

  it('puts the CSRF token in the sign-out form and marks the active tab', async () => {
    const header = {
      email: 'ann@example.com',
      isAdmin: true,
      authDisabled: false,
      csrf: 'tok"en',
      active: 'gallery' as const,
    };
    const html = await renderDocument(<Layout title="x" styleHref="/s.css" header={header} />);
    expect(html).toContain(
      '<form method="post" action="/ui/logout"><input type="hidden" name="csrf" value="tok&quot;en"/>',
    );
    expect(html).toContain('<a href="/ui/gallery" aria-current="page">');
    expect(html).toContain('<span class="badge">admin</span>');
  });

  it('shows no sign-out button when sign-in is disabled', async () => {
    const header = { email: 'dev@local', isAdmin: true, authDisabled: true, csrf: 't' };
    const html = await renderDocument(<Layout title="x" styleHref="/s.css" header={header} />);
    expect(html).not.toContain('/ui/logout');
    expect(html).toContain('sign-in disabled');
  });
});

describe('MessagePage', () => {
  it('explains an invitation-only refusal with the escaped e-mail and a way to sign in again', async () => {
    const html = await renderDocument(
      <MessagePage styleHref="/s.css" {...invitationOnly('<b>eve</b>@example.com')} />,
    );
    expect(html).toContain('<h1 id="message-heading">Invitation only</h1>');
    expect(html).toContain('&lt;b&gt;eve&lt;/b&gt;@example.com');
    expect(html).toContain('<a class="button" href="/ui/login">Sign in again</a>');
  });
});
