// ImageX's byte upload on its upload host (protocol §4.4): the Authorization Apply gave, the body's CRC-32 and
// size checked; on Dreamina also the account's user id (x-storage-u, §9.6).
import crc32 from 'crc-32';

export function upload(state, req, url, rawBody, fault, space) {
  if (req.method !== 'POST') return { status: 405, body: { code: 4005, message: 'method not allowed' } };
  // Dreamina's upload host wants the account's user id (§9.6, captured).
  if (space.storageUser && req.headers['x-storage-u'] !== state.account.userId)
    return { status: 403, body: { code: 4003, message: 'x-storage-u required' } };
  const storeUri = decodeURIComponent(url.pathname.replace(/^\/upload\/v1\//, ''));
  const session = [...state.imagex.sessions.values()].find((s) => s.storeUri === storeUri);
  if (!session || req.headers.authorization !== session.auth)
    return { status: 401, body: { code: 4001, message: 'auth failed' } };
  const sent = String(req.headers['content-crc32'] ?? '');
  const actual = (crc32.buf(rawBody) >>> 0).toString(16).padStart(8, '0');
  if (fault?.corrupt || sent !== actual)
    return { status: 400, body: { code: 4006, message: `crc32 mismatch: header ${sent}, body ${actual}` } };
  if (rawBody.length !== session.size)
    return { status: 400, body: { code: 4007, message: 'size differs from FileSize' } };
  session.bytes = rawBody;
  return { status: 200, body: { code: 2000, message: 'Success', data: { crc32: actual } } };
}
