// The consent page shown before anyone is sent to Google: it names the application asking for access,
// what it is granted (generating images as you; from Google, only your e-mail address) and where the
// answer will be delivered, so a person can refuse a client they did not start (the confused-deputy
// defence of the MCP security guidance). The form carries the sealed request and a CSRF token bound to
// this browser. Pure component; routes/authorize.tsx fills its props.
import type { FC } from 'hono/jsx';
import { Page } from './page.js';

export interface ConsentProps {
  serverHost: string;
  clientName: string;
  /** Where the code goes: scheme + host for an app scheme, the host name for web and loopback. */
  destination: string;
  redirectUri: string;
  /** Host that published the client's metadata document, when the client id is such a URL. */
  verifiedHost: string | undefined;
  /** Set when the answer stays on this device: a loopback listener or an app's own scheme. */
  device: 'loopback' | 'app' | undefined;
  /** The scopes asked of Google, shown so the person can check them against Google's own screen. */
  googleScopes: readonly string[];
  sealedRequest: string;
  csrf: string;
}

export const ConsentPage: FC<ConsentProps> = (props) => (
  <Page title="Allow access?">
    <h1>Allow “{props.clientName}” to use Image Studio?</h1>
    <p>
      After you sign in with Google, <strong>{props.clientName}</strong> connects to Image Studio on{' '}
      <strong>{props.serverHost}</strong> as you:
    </p>
    <ul>
      <li>
        it will be able to <strong>generate images as you</strong>, for as long as it stays connected;
      </li>
      <li>
        Google will share <strong>only your e-mail address</strong> with this server (scopes:{' '}
        {props.googleScopes.join(', ')}), nothing from your mail, files or contacts.
      </li>
    </ul>
    <dl>
      <dt>Application</dt>
      <dd>
        {props.clientName}
        {props.verifiedHost === undefined ? null : (
          <span class="badge">
            {' '}
            · verified by {props.verifiedHost}, which publishes its metadata document
          </span>
        )}
      </dd>
      <dt>Sends you back to</dt>
      <dd>
        <strong>{props.destination}</strong>
        <br />
        <small>{props.redirectUri}</small>
      </dd>
    </dl>
    {props.device === undefined ? null : (
      <p class="warn">
        The answer goes to an app on this device:{' '}
        {props.device === 'loopback' ? 'a program on this computer (localhost)' : props.destination}. Continue
        only if you just started it.
      </p>
    )}
    <p>If you did not just ask to connect this application, choose Deny.</p>
    <form method="post" action="/consent">
      <input type="hidden" name="request" value={props.sealedRequest} />
      <input type="hidden" name="csrf" value={props.csrf} />
      <div class="actions">
        <button type="submit" name="decision" value="deny">
          Deny
        </button>
        <button type="submit" name="decision" value="approve" class="primary">
          Continue with Google
        </button>
      </div>
    </form>
  </Page>
);
