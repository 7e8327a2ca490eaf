/**
 * Reads a PNG far enough to trust it: the signature, every chunk's CRC-32, the IHDR size and colour type, and the
 * image data inflating to exactly one filter byte plus the pixels of each row.
 */
import { inflateSync } from 'node:zlib';

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** @throws Error saying what is wrong when `bytes` is not a complete, consistent 8-bit PNG. */
export function readPng(bytes: Buffer): PngInfo {
  if (!bytes.subarray(0, 8).equals(SIGNATURE)) throw new Error('readPng: no PNG signature');
  let offset = 8;
  let info: PngInfo | undefined;
  const data: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length)) {
      throw new Error(`readPng: bad CRC in ${type}`);
    }
    if (type === 'IHDR') {
      info = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8], colourType: body[9] };
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!info) throw new Error('readPng: no IHDR chunk');
  const rowBytes = 1 + info.width * CHANNELS[info.colourType] * (info.bitDepth / 8);
  const pixels = inflateSync(Buffer.concat(data));
  if (pixels.length !== info.height * rowBytes) {
    throw new Error(`readPng: image data holds ${pixels.length} bytes, ${info.height * rowBytes} expected`);
  }
  return info;
}
