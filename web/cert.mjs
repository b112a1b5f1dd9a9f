// A self-signed certificate for the hostnames the stand-in plays, made once with openssl and cached.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { DREAMINA_HOSTS } from './dreamina.mjs';
import { IMAGEX_HOSTS } from './imagex.mjs';

export const HOSTS = [
  'jimeng.jianying.com',
  'p3-dreamina-sign.byteimg.com',
  'evil.example',
  'blog.example',
  ...IMAGEX_HOSTS,
  ...DREAMINA_HOSTS,
];

/**
 * The key and certificate, as a pair in a folder named after the hosts they cover. Stand-ins start together (one
 * per test worker): each makes its pair in a folder of its own and renames it into place, which only the first
 * does; the others use that one. Two files written side by side by two processes gave one's key with the other's
 * certificate ("key values mismatch").
 */
export function certificate(dir) {
  const pair = path.join(dir, `pair-${createHash('sha256').update(HOSTS.join(',')).digest('hex').slice(0, 12)}`);
  if (!fs.existsSync(path.join(pair, 'cert.pem'))) {
    fs.mkdirSync(dir, { recursive: true });
    const made = fs.mkdtempSync(path.join(dir, 'making-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        path.join(made, 'key.pem'),
        '-out',
        path.join(made, 'cert.pem'),
        '-days',
        '825',
        '-subj',
        '/CN=jimeng.jianying.com',
        '-addext',
        `subjectAltName=${HOSTS.map((h) => `DNS:${h}`).join(',')}`,
      ],
      { stdio: 'ignore' },
    );
    try {
      fs.renameSync(made, pair);
    } catch (e) {
      if (!['ENOTEMPTY', 'EEXIST'].includes(/** @type {any} */ (e).code)) throw e;
      fs.rmSync(made, { recursive: true, force: true }); // another stand-in was first: its pair is used
    }
  }
  return { key: fs.readFileSync(path.join(pair, 'key.pem')), cert: fs.readFileSync(path.join(pair, 'cert.pem')) };
}
