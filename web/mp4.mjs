// Real, playable H.264 MP4s for finished video tasks: made once per shape (size, seconds, watermark) with
// Debian's ffmpeg, kept in the system's temp folder, and served with byte ranges as a CDN does.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const DIR = path.join(os.tmpdir(), 'jimeng-standin-video');
const made = new Map(); // file name → Promise<Buffer>

/** The MP4 of a video of this shape: a moving test pattern at 24 fps; a watermarked one has a box drawn in. */
export function videoFile({ width, height, durationS, watermarked }) {
  const name = `${width}x${height}-${durationS}s${watermarked ? '-wm' : ''}.mp4`;
  if (!made.has(name)) made.set(name, make(name, width, height, durationS, watermarked));
  return made.get(name);
}

async function make(name, width, height, seconds, watermarked) {
  const file = path.join(DIR, name);
  if (fs.existsSync(file)) return fs.readFileSync(file);
  fs.mkdirSync(DIR, { recursive: true });
  // Written beside, then renamed: stand-ins running together never read half a file.
  const part = `${file}.${process.pid}.${Date.now()}.part.mp4`;
  const mark = watermarked ? `,drawbox=x=iw-iw/4-16:y=ih-ih/10-16:w=iw/4:h=ih/10:color=white@0.8:t=fill` : '';
  await new Promise((resolve, reject) =>
    execFile(
      'ffmpeg',
      [
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        `testsrc2=size=${width}x${height}:rate=24:duration=${seconds}${mark}`,
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-crf',
        '35',
        '-pix_fmt',
        'yuv420p',
        '-movflags',
        '+faststart',
        part,
      ],
      (e) => (e ? reject(e) : resolve()),
    ),
  );
  fs.renameSync(part, file);
  return fs.readFileSync(file);
}

/** The answer to a GET of `bytes`, honouring one `Range: bytes=a-b` (what a <video> element asks for). */
export function rangeOf(bytes, header) {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!m || (!m[1] && !m[2])) return { status: 200, body: bytes, headers: { 'content-length': bytes.length } };
  const start = m[1] ? Number(m[1]) : Math.max(0, bytes.length - Number(m[2]));
  const end = m[1] && m[2] ? Math.min(Number(m[2]), bytes.length - 1) : bytes.length - 1;
  if (start >= bytes.length || start > end)
    return { status: 416, body: Buffer.alloc(0), headers: { 'content-range': `bytes */${bytes.length}` } };
  return {
    status: 206,
    body: bytes.subarray(start, end + 1),
    headers: { 'content-range': `bytes ${start}-${end}/${bytes.length}`, 'content-length': end - start + 1 },
  };
}
