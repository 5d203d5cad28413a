import { describe, expect, it } from 'vitest';
import { isLoopbackHostname, isSecureOrLoopbackUrl } from './loopback.js';

describe('loopback host names', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['[::1]', true],
    ['::1', true],
    ['localhost.evil.io', false],
    ['10.0.0.1', false],
    ['img.example.com', false],
  ])('treats %s as loopback: %s', (host, expected) => {
    expect(isLoopbackHostname(host)).toBe(expected);
  });

  it.each([
    ['https://img.example.com', true],
    ['http://localhost:8766', true],
    ['http://127.0.0.1:9000/cb', true],
    ['http://img.example.com', false],
    ['ftp://localhost/x', false],
  ])('%s is https or loopback http: %s', (url, expected) => {
    expect(isSecureOrLoopbackUrl(new URL(url))).toBe(expected);
  });
});
