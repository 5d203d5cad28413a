// The HTML of the fake Google: the account chooser a browser test fills in (an e-mail field, a
// "verified" box and a button) and the error page shown instead of redirecting when the request is
// wrong, as Google does for a redirect_uri it does not know.

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function chooserPage(hidden: Record<string, string>): string {
  const fields = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in – Fake Google</title></head>
<body>
<h1>Choose an account</h1>
<form method="post" action="/o/oauth2/v2/auth/approve">
${fields}
<label>E-mail <input type="email" name="email" id="email" required></label>
<label><input type="checkbox" name="email_verified" id="email_verified" value="true" checked> verified</label>
<button type="submit" id="continue">Continue</button>
</form>
</body></html>`;
}

export function errorPage(error: string, description: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Error 400: ${escapeHtml(error)}</title></head>
<body><h1>Error 400: ${escapeHtml(error)}</h1><p>${escapeHtml(description)}</p></body></html>`;
}
