import { describe, expect, it } from 'vitest';
import { canonicalResource, isOurResource, normaliseResource } from './resource.js';

const CANONICAL = canonicalResource('https://img.example.com');

describe('resource indicators', () => {
  it('builds the canonical resource from the public URL', () => {
    expect(CANONICAL).toBe('https://img.example.com/mcp');
    expect(canonicalResource('https://img.example.com/')).toBe('https://img.example.com/mcp');
  });

  it.each([
    ['HTTPS://IMG.Example.com/mcp', 'https://img.example.com/mcp'],
    ['https://img.example.com:443/mcp/', 'https://img.example.com/mcp'],
    ['http://localhost:8766/mcp', 'http://localhost:8766/mcp'],
  ])('normalises %s', (input, expected) => {
    expect(normaliseResource(input)).toBe(expected);
  });

  it.each(['ftp://img.example.com/mcp', 'https://img.example.com/mcp#x', 'nonsense'])(
    'rejects %s',
    (input) => {
      expect(normaliseResource(input)).toBeUndefined();
    },
  );

  it.each([
    [undefined, true],
    ['', true],
    ['https://img.example.com/mcp', true],
    ['https://IMG.EXAMPLE.COM/mcp/', true],
    ['https://img.example.com', false],
    ['https://img.example.com/mcp/extra', false],
    ['https://other.example.com/mcp', false],
    ['http://img.example.com/mcp', false],
  ])('resource %j is ours: %s', (requested, expected) => {
    expect(isOurResource(requested, CANONICAL)).toBe(expected);
  });
});
