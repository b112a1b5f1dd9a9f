// A self-signed certificate for the hostnames the stand-in plays, made once with openssl and cached.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const HOSTS = ['jimeng.jianying.com', 'p3-dreamina-sign.byteimg.com', 'evil.example', 'blog.example', 'imagex.bytedanceapi.com', 'tos-hl-x.snssdk.com'];

export function certificate(dir) {
  const key = path.join(dir, 'key.pem'), cert = path.join(dir, 'cert.pem'), hosts = path.join(dir, 'hosts.txt');
  const made = fs.existsSync(hosts) ? fs.readFileSync(hosts, 'utf8') : '';
  if (!fs.existsSync(key) || !fs.existsSync(cert) || made !== HOSTS.join(',')) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '825',
      '-subj', '/CN=jimeng.jianying.com', '-addext', `subjectAltName=${HOSTS.map((h) => `DNS:${h}`).join(',')}`], { stdio: 'ignore' });
    fs.writeFileSync(hosts, HOSTS.join(','));
  }
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}
