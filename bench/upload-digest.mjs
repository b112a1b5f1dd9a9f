// npm run bench:upload: the core's work on a 10 MB image before its upload (checkImage: the format from the
// bytes, the SHA-256 that keys the upload cache and the CRC-32 the upload carries) against plain JavaScript
// doing the CRC-32 alone (the crc-32 package), and the SigV4 signing of the two ImageX calls. Prints figures;
// asserts nothing. Target: the core ≤ 1.0× the plain-JS CRC-32.
import fs from 'node:fs';
import CRC32 from 'crc-32';
import { core } from '../tests/node/core-module.mjs';

const MB = 10;
const RUNS = 15;
const c = await core();
const bytes = new Uint8Array(MB << 20);
for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
bytes.set([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 8, 0, 0, 0, 6, 0,
]); // a PNG header: 2048×1536

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn) {
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

const check = c.checkImage(bytes);
if (!check.ok) throw new Error(JSON.stringify(check.error));
const jsCrc = (CRC32.buf(bytes) >>> 0).toString(16).padStart(8, '0');
if (jsCrc !== check.image.crc32) throw new Error(`CRC-32 differs: core ${check.image.crc32}, crc-32 ${jsCrc}`);

const coreCheck = time(() => c.checkImage(bytes));
const coreCrcOnly = time(() =>
  c.buildUploadPut(bytes, { upload: { storeUri: 'tos-cn-i-x/a', auth: 'A', uploadHost: 'up.example.com' } }),
);
const plainCrc = time(() => CRC32.buf(bytes));
const credentials = { accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: 'T', serviceId: 'tb4s082cfz' };
const signing =
  time(() => {
    for (let i = 0; i < 100; i++) {
      c.buildApplyUpload({
        credentials,
        fileSize: bytes.length,
        now: 1771893826123 + i,
        entropy: '00112233445566778899aabbccddeeff',
      });
      c.buildCommitUpload({ credentials, sessionKey: 'sk', now: 1771893826123 + i });
    }
  }) / 100;

console.log(`${MB} MB image, median of ${RUNS}:`);
console.log(`  core checkImage (format + SHA-256 + CRC-32, bytes copied in): ${coreCheck.toFixed(1)} ms`);
console.log(`  core buildUploadPut (CRC-32, bytes copied in):                ${coreCrcOnly.toFixed(1)} ms`);
console.log(`  crc-32 package (plain JS, CRC-32 only):                       ${plainCrc.toFixed(1)} ms`);
console.log(
  `  CRC-32, core / plain JS: ${(coreCrcOnly / plainCrc).toFixed(2)}× (target ≤ 1.0×): ${coreCrcOnly <= plainCrc ? 'met' : 'MISSED'}`,
);
console.log(`  signing ApplyImageUpload + CommitImageUpload: ${(signing * 1000).toFixed(0)} µs a pair`);
fs.mkdirSync('artifacts', { recursive: true });
fs.writeFileSync(
  'artifacts/bench-upload.json',
  JSON.stringify(
    { mb: MB, checkImageMs: coreCheck, crcCoreMs: coreCrcOnly, crcPlainMs: plainCrc, signingMs: signing },
    null,
    2,
  ),
);
