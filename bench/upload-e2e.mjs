// npm run bench:upload-e2e: reference images end to end, 1 / 4 / 10 of them, through the real extension
// (popup → worker → core → the stand-in's ImageX) against a plain Node uploader doing the same four steps with
// the aws4 and crc-32 packages (same stand-in, same parallelism of 3), in the same run. Each image is a fresh
// 1.5 MB PNG, so nothing comes from the upload cache. Prints a table; asserts nothing.
//   extension: from the click on 生成 to the job being stored (every reference committed: nothing is sent or
//   charged before that), median of RUNS;
//   baseline: token → Apply → upload → Commit for the same files from Node.
import crypto from 'node:crypto';
import aws4 from 'aws4';
import crc32 from 'crc-32';
import { startStandin } from '../web/server.mjs';
import { IMAGEX_HOST, UPLOAD_HOST } from '../web/imagex.mjs';
import { Client, request } from '../web/test/client.mjs';
import { harness } from '../tests/e2e/harness.mjs';
import { rgbPng } from '../web/test/pictures.mjs';

const RUNS = Number(process.env.UPLOAD_RUNS ?? 3);
const COUNTS = [1, 4, 10];
const W = 1024,
  H = 512;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A noisy RGB PNG stored uncompressed: ~1.5 MB that no cache has seen. */
function noisyPng() {
  const raw = crypto.randomBytes((W * 3 + 1) * H);
  for (let y = 0; y < H; y++) raw[y * (W * 3 + 1)] = 0; // filter: none
  return rgbPng(W, H, raw, 0);
}

async function nodeUpload(standin, files) {
  const c = new Client(standin);
  await c.login();
  const creds = (await c.post('/mweb/v1/get_upload_token', { scene: 2 })).json.data;
  const signed = async (method, query, body, withSha) => {
    const headers = {
      'x-amz-date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''),
      'x-amz-security-token': creds.session_token,
    };
    if (withSha)
      headers['x-amz-content-sha256'] = crypto
        .createHash('sha256')
        .update(body ?? '')
        .digest('hex');
    const path = `/?${new URLSearchParams({ ...query, Version: '2018-08-01', ServiceId: creds.service_id })}`;
    const s = aws4.sign(
      {
        host: IMAGEX_HOST,
        method,
        path,
        service: 'imagex',
        region: 'cn-north-1',
        headers: { ...headers },
        body,
        extraHeadersToIgnore: { host: true, 'content-type': true, 'content-length': true },
      },
      { accessKeyId: creds.access_key_id, secretAccessKey: creds.secret_access_key },
    );
    return JSON.parse(
      (
        await request(standin.port, {
          method,
          path,
          host: IMAGEX_HOST,
          headers: { ...headers, authorization: s.headers.Authorization },
          body,
        })
      ).text,
    );
  };
  const one = async (bytes) => {
    const addr = (await signed('GET', { Action: 'ApplyImageUpload', FileSize: bytes.length })).Result.UploadAddress;
    await request(standin.port, {
      method: 'POST',
      host: UPLOAD_HOST,
      path: `/upload/v1/${addr.StoreInfos[0].StoreUri}`,
      body: bytes,
      headers: {
        authorization: addr.StoreInfos[0].Auth,
        'content-crc32': (crc32.buf(bytes) >>> 0).toString(16).padStart(8, '0'),
        'content-type': 'application/octet-stream',
      },
    });
    const body = JSON.stringify({ SessionKey: addr.SessionKey });
    return (await signed('POST', { Action: 'CommitImageUpload' }, body, true)).Result.Results[0].Uri;
  };
  let next = 0;
  const uris = [];
  await Promise.all(
    Array.from({ length: Math.min(3, files.length) }, async () => {
      while (next < files.length) {
        const i = next++;
        uris[i] = await one(files[i]);
      }
    }),
  );
  return uris;
}

const standin = await startStandin();
const h = await harness(standin);
const rows = [];
try {
  for (const n of COUNTS) {
    const ext = [],
      base = [];
    for (let run = 0; run < RUNS; run++) {
      const files = Array.from({ length: n }, noisyPng);
      let t = performance.now();
      await nodeUpload(standin, files);
      base.push(performance.now() - t);

      const fresh = Array.from({ length: n }, noisyPng);
      await h.popup
        .locator('#reference-file')
        .setInputFiles(fresh.map((buffer, i) => ({ name: `r${i}.png`, mimeType: 'image/png', buffer })));
      await h.popup
        .locator('#reference-list img')
        .nth(n - 1)
        .waitFor();
      await h.popup.getByLabel('提示词').fill(`bench ${n} ${run}`);
      const before = Object.keys(await h.jobs()).length;
      t = performance.now();
      await h.popup.getByRole('button', { name: '生成' }).click();
      for (;;) {
        const jobs = Object.values(await h.jobs());
        if (jobs.length > before) break;
        const error = await h.popup.locator('#form-error').textContent();
        if (error) throw new Error(error);
        await new Promise((r) => setTimeout(r, 20));
      }
      ext.push(performance.now() - t);
    }
    const mb = (n * noisyPng().length) / (1 << 20);
    rows.push({ n, mb, ext: median(ext), base: median(base) });
    console.log(
      `${n} reference(s), ${mb.toFixed(1)} MB: extension ${median(ext).toFixed(0)} ms, plain Node ${median(base).toFixed(0)} ms`,
    );
  }
} finally {
  await h.context.close();
  await standin.close();
}
console.log('\n| references | MB | extension (ms) | per image (ms) | plain Node uploader (ms) | ratio |');
console.log('|---|---|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ${r.n} | ${r.mb.toFixed(1)} | ${r.ext.toFixed(0)} | ${(r.ext / r.n).toFixed(0)} | ${r.base.toFixed(0)} | ${(r.ext / r.base).toFixed(2)}× |`,
  );
