import { describe, expect, it } from 'vitest';
import { createImageStem, extractImageName, isImageName, sidecarNameOf } from './names.js';

const STEM = '0123456789abcdef0123456789abcdef';

describe('image names', () => {
  it.each([`${STEM}.png`, `${STEM}.jpg`])('accepts %s', (name) => {
    expect(isImageName(name)).toBe(true);
  });

  it.each([
    `${STEM}.json`,
    `${STEM}.jpeg`,
    `${STEM}.PNG`,
    `${STEM.toUpperCase()}.png`,
    `${STEM.slice(1)}.png`,
    `${STEM}0.png`,
    `../${STEM}.png`,
    `${STEM}.png/`,
    `${STEM}.png.json`,
    'prefs.json',
    `${STEM}%2epng`,
    `.${STEM}.png`,
    `${STEM}.png\n`,
  ])('refuses %j', (name) => {
    expect(isImageName(name)).toBe(false);
  });

  it('makes 32 lowercase hex stems from uuid4', () => {
    const stems = new Set(Array.from({ length: 200 }, () => createImageStem()));
    expect(stems.size).toBe(200);
    for (const stem of stems) expect(stem).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses an id generator that does not make uuids', () => {
    expect(() => createImageStem(() => '../../etc/passwd')).toThrow(/uuid/);
  });

  it('names the sidecar after the stem', () => {
    expect(sidecarNameOf(`${STEM}.jpg`)).toBe(`${STEM}.json`);
  });
});

describe('reference extraction', () => {
  const PUBLIC = 'https://img.example.com';

  it.each([
    [`${STEM}.jpg`, `${STEM}.jpg`],
    [`  ${STEM}.png `, `${STEM}.png`],
    [`https://img.example.com/i/${STEM}.jpg`, `${STEM}.jpg`],
    [`https://IMG.example.com/i/${STEM}.jpg`, `${STEM}.jpg`],
    [`https://img.example.com/i/${STEM}.jpg?download=1`, `${STEM}.jpg`],
    [`https://img.example.com/i/${STEM}.jpg/`, `${STEM}.jpg`],
    [`https://img.example.com/i/${STEM}.png#top`, `${STEM}.png`],
    [`/i/${STEM}.png`, `${STEM}.png`],
    [`https://img.example.com/v/${STEM}.png?plain=1`, `${STEM}.png`],
    [`https://img.example.com/d/${STEM}.jpg`, `${STEM}.jpg`],
  ])('finds the name in %j', (input, name) => {
    expect(extractImageName(input, PUBLIC)).toBe(name);
  });

  it.each([
    '',
    'cat.png',
    `${STEM}.json`,
    `https://img.example.com/i/${STEM}.gif`,
    `${STEM}`,
    `https://img.example.com/i/${STEM}.jpg/extra`,
    `https://evil.example/i/${STEM}.jpg`,
    `http://img.example.com/i/${STEM}.jpg`,
    `https://img.example.com:8443/i/${STEM}.jpg`,
    `https://img.example.com/ui/thumbs/${STEM}.jpg`,
    `https://img.example.com/${STEM}.jpg`,
    `https://img.example.com/i/../${STEM}.json`,
    `file:///srv/images/${STEM}.jpg`,
  ])('finds nothing in %j', (input) => {
    expect(extractImageName(input, PUBLIC)).toBeUndefined();
  });
});
