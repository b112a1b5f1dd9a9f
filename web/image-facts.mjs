// What ImageX learns from an uploaded file: its format and size, and (for the stand-in's blend tasks) its
// dominant colour. PNGs are decoded (8-bit grey, RGB, RGBA or indexed; every row filter); for JPEG and WebP the
// size comes from their headers and the colour from the bytes' hash, which is enough to tell images apart.
import crypto from 'node:crypto';
import zlib from 'node:zlib';

/** @returns {{format: string, width: number, height: number, colour: number[]} | null} null: not an image */
export function imageFacts(buf) {
  if (buf.length > 24 && buf.readUInt32BE(0) === 0x89504e47) return png(buf);
  if (buf.length > 4 && buf[0] === 0xff && buf[1] === 0xd8) return jpeg(buf);
  if (buf.length > 30 && buf.toString('ascii', 0, 4) === 'RIFF' && buf.toString('ascii', 8, 12) === 'WEBP')
    return webp(buf);
  return null;
}

const hashColour = (buf) => [...crypto.createHash('sha256').update(buf).digest().subarray(0, 3)];

/** An 8-bit PNG (grey, RGB, RGBA or indexed) decoded: its size and the colour at any pixel; null otherwise. */
export function decodePng(buf) {
  const width = buf.readUInt32BE(16),
    height = buf.readUInt32BE(20),
    depth = buf[24],
    type = buf[25];
  const channels = { 0: 1, 2: 3, 3: 1, 6: 4 }[type];
  if (depth !== 8 || !channels || !width || !height) return null;
  let palette = null;
  const idat = [];
  for (let at = 8; at + 8 <= buf.length;) {
    const len = buf.readUInt32BE(at),
      kind = buf.toString('ascii', at + 4, at + 8);
    if (kind === 'PLTE') palette = buf.subarray(at + 8, at + 8 + len);
    if (kind === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  let raw;
  try {
    raw = zlib.inflateSync(Buffer.concat(idat));
  } catch {
    return null;
  }
  const stride = width * channels;
  if (raw.length < (stride + 1) * height || (type === 3 && !palette)) return null;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const prev = y ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    unfilter(
      raw[y * (stride + 1)],
      raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)),
      prev,
      pixels.subarray(y * stride, (y + 1) * stride),
      channels,
    );
  }
  const rgbAt = (x, y) => {
    const p = y * stride + x * channels;
    return type === 3
      ? [...palette.subarray(pixels[p] * 3, pixels[p] * 3 + 3)]
      : type === 0
        ? [pixels[p], pixels[p], pixels[p]]
        : [pixels[p], pixels[p + 1], pixels[p + 2]];
  };
  return { width, height, rgbAt };
}

function png(buf) {
  const width = buf.readUInt32BE(16),
    height = buf.readUInt32BE(20);
  if (!width || !height) return null;
  const facts = { format: 'png', width, height, colour: hashColour(buf) };
  const image = decodePng(buf);
  if (!image) return facts;
  const counts = new Map();
  const step = Math.max(1, Math.floor(Math.min(width, height) / 64));
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      const rgb = image.rgbAt(x, y);
      const key = rgb.map((v) => v >> 4).join(','); // 4096 colour buckets
      const c = counts.get(key) ?? { n: 0, rgb };
      c.n++;
      counts.set(key, c);
    }
  }
  facts.colour = [...counts.values()].sort((a, b) => b.n - a.n)[0].rgb;
  return facts;
}

function unfilter(filter, line, prev, out, bpp) {
  for (let i = 0; i < line.length; i++) {
    const a = i >= bpp ? out[i - bpp] : 0,
      b = prev[i],
      c = i >= bpp ? prev[i - bpp] : 0;
    let v = line[i];
    if (filter === 1) v += a;
    else if (filter === 2) v += b;
    else if (filter === 3) v += (a + b) >> 1;
    else if (filter === 4) {
      const p = a + b - c,
        pa = Math.abs(p - a),
        pb = Math.abs(p - b),
        pc = Math.abs(p - c);
      v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    out[i] = v & 0xff;
  }
}

function jpeg(buf) {
  for (let at = 2; at + 9 < buf.length;) {
    if (buf[at] !== 0xff) return null;
    const marker = buf[at + 1],
      len = buf.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return {
        format: 'jpeg',
        width: buf.readUInt16BE(at + 7),
        height: buf.readUInt16BE(at + 5),
        colour: hashColour(buf),
      };
    at += 2 + len;
  }
  return null;
}

function webp(buf) {
  const kind = buf.toString('ascii', 12, 16);
  let width = 0,
    height = 0;
  if (kind === 'VP8X') {
    width = 1 + buf.readUIntLE(24, 3);
    height = 1 + buf.readUIntLE(27, 3);
  } else if (kind === 'VP8 ') {
    width = buf.readUInt16LE(26) & 0x3fff;
    height = buf.readUInt16LE(28) & 0x3fff;
  } else if (kind === 'VP8L') {
    const b = buf.readUInt32LE(21);
    width = (b & 0x3fff) + 1;
    height = ((b >> 14) & 0x3fff) + 1;
  }
  return width && height ? { format: 'webp', width, height, colour: hashColour(buf) } : null;
}
