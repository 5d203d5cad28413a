import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, createJar, type Harness, send, signIn } from '../../test/helpers/ui-harness.js';
import { AppError } from '../errors.js';

let harness: Harness;
afterEach(() => harness.cleanup());

describe('dashboard error pages', () => {
  it("shows why sign-in cannot start when Google is unreachable, as an HTML page with the dashboard's CSP", async () => {
    harness = await createHarness();
    harness.google.startLogin = () => {
      throw new AppError('upstream_unavailable', "Google's sign-in service could not be reached; try again.");
    };
    const response = await send(harness, createJar(), '/ui/login');
    expect(response.status).toBe(502);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<h1 id="message-heading">Unavailable</h1>');
    expect(html).toContain('Google&#39;s sign-in service could not be reached; try again.');
  });

  it('hides the details of an unexpected failure behind a generic page and logs it', async () => {
    harness = await createHarness();
    const jar = await signIn(harness, 'ann@example.com');
    harness.index.usage = () => {
      throw new AppError('internal', 'secret path /srv/images/x.json is unreadable');
    };
    const response = await send(harness, jar, '/ui');
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain('Something went wrong on the server.');
    expect(html).not.toContain('/srv/images');
    expect(harness.logs.some((line) => line.includes('"event":"ui_error"'))).toBe(true);
  });
});
