#!/usr/bin/env node
// npm run standin [-- --port 8443 --profile realistic]: starts the stand-in and prints where it listens.
import { startStandin } from './server.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const s = await startStandin({ port: Number(arg('port', 0)), profile: arg('profile', 'realistic') });
console.log(`Jimeng stand-in listening on https://127.0.0.1:${s.port}`);
console.log(`port ${s.port}`);
console.log(`Chromium: --host-resolver-rules="${s.hostRules}" --ignore-certificate-errors`);
process.on('SIGINT', () => s.close().then(() => process.exit(0)));
