import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  createHostGuard,
  hostnameOfHostHeader,
  hostPolicyFor,
  isAllowedHostname,
  isAllowedOrigin,
} from './host-guard.js';

describe('host rules', () => {
  it.each([
    ['img.example.com', 'img.example.com', true],
    ['IMG.example.com', 'img.example.com', true],
    ['evil.example.com', 'img.example.com', false],
    ['localhost', 'img.example.com', false],
    ['127.0.0.1', 'localhost', true],
    ['[::1]', 'localhost', true],
    ['localhost', '127.0.0.1', true],
    ['attacker.com', 'localhost', false],
  ])('%s against public host %s → %s', (host, publicHost, allowed) => {
    expect(isAllowedHostname(host, publicHost)).toBe(allowed);
  });

  it.each([
    ['img.example.com:443', 'img.example.com'],
    ['[::1]:8766', '[::1]'],
    ['localhost', 'localhost'],
    ['evil.com/x', undefined],
    ['user@evil.com', undefined],
    ['', undefined],
  ])('reads the host header %j', (header, hostname) => {
    expect(hostnameOfHostHeader(header)).toBe(hostname);
  });
});

describe('origin rules', () => {
  it.each([
    ['https://img.example.com', 'https://img.example.com', true],
    ['http://img.example.com', 'https://img.example.com', false],
    ['https://img.example.com:8443', 'https://img.example.com', false],
    ['https://evil.example.com', 'https://img.example.com', false],
    ['http://localhost:3000', 'http://localhost:8766', true],
    ['http://127.0.0.1:6274', 'http://localhost:8766', true],
    ['chrome-extension://localhost', 'http://localhost:8766', false],
    ['null', 'http://localhost:8766', false],
    ['http://localhost:3000', 'https://img.example.com', false],
  ])('%s for public URL %s → %s', (origin, publicUrl, allowed) => {
    expect(isAllowedOrigin(origin, publicUrl)).toBe(allowed);
  });
});

describe('which routes get which checks', () => {
  it.each([
    ['/health', 'none'],
    ['/i/0123456789abcdef0123456789abcdef.jpg', 'none'],
    ['/.well-known/oauth-authorization-server', 'host'],
    ['/register', 'host'],
    ['/token', 'host'],
    ['/revoke', 'host'],
    ['/mcp', 'host-and-origin'],
    ['/ui', 'host-and-origin'],
    ['/ui/prefs/model', 'host-and-origin'],
    ['/authorize', 'host-and-origin'],
    ['/consent', 'host-and-origin'],
    ['/auth/callback', 'host-and-origin'],
    ['/anything-else', 'host-and-origin'],
  ])('%s → %s', (path, policy) => {
    expect(hostPolicyFor(path)).toBe(policy);
  });
});

describe('host guard middleware', () => {
  const app = new Hono();
  app.use('*', createHostGuard('https://img.example.com'));
  app.all('*', (c) => c.text('ok'));

  it.each([
    ['/mcp', { host: 'img.example.com' }, 200],
    ['/mcp', { host: 'evil.example' }, 403],
    ['/mcp', { host: 'img.example.com', origin: 'https://img.example.com' }, 200],
    ['/mcp', { host: 'img.example.com', origin: 'https://evil.example' }, 403],
    ['/ui', { host: 'evil.example' }, 403],
    ['/ui/prefs/model', { host: 'img.example.com', origin: 'http://img.example.com' }, 403],
    ['/token', { host: 'img.example.com', origin: 'http://localhost:6274' }, 200],
    ['/token', { host: 'evil.example' }, 403],
    ['/health', { host: '127.0.0.1:8766' }, 200],
    ['/i/x', { host: 'cdn.example' }, 200],
  ])('%s with %j → %i', async (path, headers, status) => {
    const res = await app.request(path, { method: 'POST', headers });
    expect(res.status).toBe(status);
  });

  it('accepts any loopback name and port when the server is public on loopback', async () => {
    const local = new Hono();
    local.use('*', createHostGuard('http://localhost:8766'));
    local.all('*', (c) => c.text('ok'));
    const ok = await local.request('/mcp', {
      method: 'POST',
      headers: { host: '127.0.0.1:9999', origin: 'http://127.0.0.1:6274' },
    });
    expect(ok.status).toBe(200);
    const rebound = await local.request('/ui', { headers: { host: 'evil.example:8766' } });
    expect(rebound.status).toBe(403);
  });
});
