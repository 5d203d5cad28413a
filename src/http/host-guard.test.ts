import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createHostGuard, hostnameOfHostHeader, isAllowedHostname } from './host-guard.js';

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

describe('host guard middleware', () => {
  const app = new Hono();
  app.use('*', createHostGuard('http://localhost:8766'));
  app.post('/mcp', (c) => c.text('ok'));

  it.each([
    [{ host: 'localhost:8766' }, 200],
    [{ host: '127.0.0.1:9999' }, 200],
    [{ host: 'evil.example:8766' }, 403],
    [{ host: 'localhost:8766', origin: 'http://localhost:3000' }, 200],
    [{ host: 'localhost:8766', origin: 'http://127.0.0.1:6274' }, 200],
    [{ host: 'localhost:8766', origin: 'https://evil.example' }, 403],
    [{ host: 'localhost:8766', origin: 'null' }, 403],
  ])('answers %j with %i', async (headers, status) => {
    const res = await app.request('/mcp', { method: 'POST', headers });
    expect(res.status).toBe(status);
  });
});
