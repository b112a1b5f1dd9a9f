// Real PNGs of the requested size, cheap to make: 8-bit indexed colour (one byte a pixel) with a palette
// and pattern derived from the seed and image index, so the same task always serves the same pictures.
import zlib from 'node:zlib';

const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The colour a text-to-image picture is mostly made of (its gradient's middle). */
export const baseColour = (seed, index) => hsl(((seed * 37 + index * 90) % 360) + 32, 0.55, 0.5);

/**
 * `colours` (a blend's references, in order): the picture is that many vertical bands, each in shades of
 * one reference's colour, so a test can see which references were used. Without: a diagonal gradient.
 */
export function makePng(width, height, seed, index, colours = null) {
  const hue = (seed * 37 + index * 90) % 360;
  const palette = Buffer.alloc(256 * 3);
  const bands = colours?.length ?? 0;
  const shades = bands ? Math.floor(256 / bands) : 256;
  for (let i = 0; i < 256; i++) {
    const rgb = bands
      ? colours[Math.min(bands - 1, Math.floor(i / shades))].map((v) =>
          Math.min(255, Math.round(v * (0.9 + 0.2 * ((i % shades) / shades)))),
        )
      : hsl(hue + i / 4, 0.55, 0.25 + (i / 255) * 0.5);
    palette.set(rgb, i * 3);
  }
  // One filter byte then one palette index per pixel.
  const stride = width + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    for (let x = 0; x < width; x++)
      raw[row + 1 + x] = bands
        ? Math.min(bands - 1, Math.floor((x * bands) / width)) * shades + Math.floor((((x + y) % 64) * shades) / 64)
        : (((x + y) * 255) / (width + height) + ((y >> 5) & 1) * 24) & 0xff;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 3, 0, 0, 0], 8); // bit depth 8, colour type 3 (indexed)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', palette),
    chunk('IDAT', zlib.deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function hsl(h, s, l) {
  h = ((h % 360) + 360) % 360;
  const c = (1 - Math.abs(2 * l - 1)) * s,
    x = c * (1 - Math.abs(((h / 60) % 2) - 1)),
    m = l - c / 2;
  const [r, g, b] =
    h < 60
      ? [c, x, 0]
      : h < 120
        ? [x, c, 0]
        : h < 180
          ? [0, c, x]
          : h < 240
            ? [0, x, c]
            : h < 300
              ? [x, 0, c]
              : [c, 0, x];
  return [r, g, b].map((v) => Math.round((v + m) * 255));
}
