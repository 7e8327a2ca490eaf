#!/usr/bin/env node
// Draws the Quadrant logo (four coloured quadrants on a transparent ground) at the sizes the manifest names and
// writes them as RGBA PNGs with node:zlib, so the icons need no image tool: `node addin/scripts/make-icons.mjs`.
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

/** Ribbon icons are 16, 32 and 80 px; the add-in icon 32 px and its high-resolution version 64 px. */
export const ICON_SIZES = [16, 32, 64, 80];
export const ASSETS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'assets');

const QUADRANT_COLOURS = [
  [0x1f, 0x6f, 0xeb], // top left
  [0x2d, 0xa4, 0x4e], // top right
  [0xbf, 0x87, 0x00], // bottom left
  [0xcf, 0x22, 0x2e], // bottom right
];

/** Icon file name for a size, as the manifest's URLs spell it. */
export function iconFileName(size) {
  return `icon-${size}.png`;
}

/**
 * RGBA pixels of the logo: a margin of size/16 (at least 1 px) around four equal squares, with a gap of about the
 * same width between them, widened by a pixel when needed so that the squares are whole pixels.
 */
export function drawLogo(size) {
  const pixels = new Uint8Array(size * size * 4);
  const margin = Math.max(1, Math.round(size / 16));
  const gap = Math.max(1, Math.round(size / 16)) + ((size - Math.max(1, Math.round(size / 16)) - 2 * margin) % 2);
  const half = (size - 2 * margin - gap) / 2;
  const quadrant = (p) => {
    const q = p - margin;
    if (q < 0 || q >= 2 * half + gap) return -1;
    if (q < half) return 0;
    return q >= half + gap ? 1 : -1;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [row, column] = [quadrant(y), quadrant(x)];
      if (row < 0 || column < 0) continue;
      const colour = QUADRANT_COLOURS[row * 2 + column];
      pixels.set([...colour, 0xff], (y * size + x) * 4);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO 3309, as PNG chunks use) of a byte sequence. */
export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A PNG file (8-bit RGBA, no interlace, filter 0 on every row) holding `rgba` pixels, row-major. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (1 + width * 4) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes every icon size into `dir`; returns the written paths. */
export function makeIcons(dir = ASSETS_DIR) {
  mkdirSync(dir, { recursive: true });
  return ICON_SIZES.map((size) => {
    const file = join(dir, iconFileName(size));
    writeFileSync(file, encodePng(size, size, drawLogo(size)));
    return file;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of makeIcons()) console.log(`wrote ${file}`);
}
