// The stand-in's HTTP helpers: cookies read, answers written, request bodies read (at most 10 MB).
const MAX_BODY = 10 << 20;

export const parseCookies = (header = '') =>
  Object.fromEntries(
    header
      .split(';')
      .map((c) => c.trim().split('='))
      .filter(([k]) => k)
      .map(([k, ...v]) => [k, decodeURIComponent(v.join('='))]),
  );

export function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}
export const sendJson = (res, obj, status = 200) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(obj));
export const html = (res, status, body, headers) => send(res, status, 'text/html; charset=utf-8', body, headers);

export function readBytes(req, max = MAX_BODY) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > max) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
export const readBody = async (req) => (await readBytes(req)).toString('utf8');
