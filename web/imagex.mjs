// ImageX, as protocol §4.4 describes it: temporary STS credentials from get_upload_token, ApplyImageUpload and
// CommitImageUpload on imagex.bytedanceapi.com (AWS SigV4, checked here with the independent `aws4` package,
// never our core), and the byte upload on a separate upload host (Authorization from Apply, CRC-32 checked).
// A session's uri exists only once committed. Written from shared/protocol.md.
import crypto from 'node:crypto';
import aws4 from 'aws4';
import { imageFacts } from './image-facts.mjs';
import { upload } from './imagex-upload.mjs';
import { now } from './state.mjs';

export const IMAGEX_HOST = 'imagex.bytedanceapi.com';
export const UPLOAD_HOST = 'tos-hl-x.snssdk.com';
export const SERVICE_ID = 'tb4s082cfz';
/** Each ImageX the stand-in plays (§4.4, §9.6): Jimeng's, and Dreamina's per cluster, whose upload host wants the
 *  account's user id in x-storage-u. */
export const SPACES = {
  [IMAGEX_HOST]: {
    region: 'cn-north-1',
    serviceId: SERVICE_ID,
    uploadHost: UPLOAD_HOST,
    uriPrefix: `tos-cn-i-${SERVICE_ID}`,
    storageUser: false,
  },
  'imagex-normal-sg.capcutapi.com': {
    region: 'ap-southeast-1',
    serviceId: 'wopfjsm1ax',
    uploadHost: 'tos-my16-share.vodupload.com',
    uriPrefix: 'tos-alisg-i-wopfjsm1ax-sg',
    storageUser: true,
  },
  'imagex16-normal-us-ttp.capcutapi.us': {
    region: 'us-east-1',
    serviceId: 'wopfjsm1ax',
    uploadHost: 'tos-useast5-share.vodupload.com',
    uriPrefix: 'tos-useast5-i-wopfjsm1ax-us',
    storageUser: true,
  },
};
const DREAMINA_IMAGEX = { SG: 'imagex-normal-sg.capcutapi.com', US: 'imagex16-normal-us-ttp.capcutapi.us' };
const spaceOfUploadHost = (host) => Object.values(SPACES).find((s) => s.uploadHost === host);
/** Every host ImageX answers on (the stand-in maps them all, with certificates). */
export const IMAGEX_HOSTS = Object.entries(SPACES).flatMap(([host, s]) => [host, s.uploadHost]);
const STS_TTL_MS = 60 * 60_000;
const MAX_UPLOAD = 64 << 20;
const SIGNED = {
  ApplyImageUpload: 'x-amz-date;x-amz-security-token',
  CommitImageUpload: 'x-amz-content-sha256;x-amz-date;x-amz-security-token',
};
// What a browser needs to send signed requests across origins without cookies.
export const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers':
    'authorization, content-type, content-crc32, content-disposition, x-amz-date, x-amz-security-token, x-amz-content-sha256, x-storage-u',
  'access-control-max-age': '600',
};

/** get_upload_token's data: credentials valid an hour on the stand-in's clock. Dreamina's name their space
 *  `space_name` and their ImageX host the cluster's (§9.6). */
export function issueCredentials(state, site = 'jimeng') {
  const creds = {
    access_key_id: `AKTP${crypto.randomBytes(12).toString('hex')}`,
    secret_access_key: crypto.randomBytes(20).toString('base64'),
    session_token: `STS2${crypto.randomBytes(48).toString('base64url')}`,
    expiresMs: now(state) + STS_TTL_MS,
  };
  state.imagex.credentials.set(creds.access_key_id, creds);
  const { expiresMs, ...data } = creds;
  if (site === 'dreamina') {
    const host = DREAMINA_IMAGEX[state.dreamina.cluster];
    return {
      ...data,
      space_name: SPACES[host].serviceId,
      upload_domain: host,
      current_time: new Date(now(state)).toISOString(),
      expired_time: new Date(expiresMs).toISOString(),
    };
  }
  return {
    ...data,
    service_id: SERVICE_ID,
    upload_domain: IMAGEX_HOST,
    current_time: new Date(now(state)).toISOString(),
    expired_time: new Date(expiresMs).toISOString(),
  };
}

const imagexError = (code, message, status = 400) => ({
  status,
  body: { ResponseMetadata: { Action: '', Error: { Code: code, Message: message } } },
});
const ok = (action, result) => ({
  status: 200,
  body: { ResponseMetadata: { Action: action, Version: '2018-08-01' }, Result: result },
});

/** The SigV4 check: the Authorization header must be exactly what aws4 computes for the headers ImageX signs. */
function verify(state, req, url, rawBody, action, host) {
  const auth = String(req.headers.authorization ?? '');
  const { region } = SPACES[host];
  const m = new RegExp(
    `^AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/${region}/imagex/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$`,
  ).exec(auth);
  if (!m) return imagexError('InvalidAuthorization', 'Authorization header is malformed', 401);
  const [, ak, , signedHeaders] = m;
  const creds = state.imagex.credentials.get(ak);
  if (!creds) return imagexError('InvalidAccessKey', 'access key not found', 401);
  if (req.headers['x-amz-security-token'] !== creds.session_token)
    return imagexError('InvalidToken', 'security token mismatch', 401);
  if (now(state) > creds.expiresMs) return imagexError('ExpiredToken', 'the security token has expired', 401);
  if (signedHeaders !== SIGNED[action])
    return imagexError('SignatureDoesNotMatch', `SignedHeaders must be ${SIGNED[action]}`, 403);
  const headers = {};
  for (const h of signedHeaders.split(';')) headers[h] = String(req.headers[h] ?? '');
  const signed = aws4.sign(
    {
      host,
      method: req.method,
      path: url.pathname + url.search,
      service: 'imagex',
      region,
      headers,
      body: rawBody.length ? rawBody.toString('utf8') : undefined,
      extraHeadersToIgnore: { host: true, 'content-type': true, 'content-length': true },
    },
    { accessKeyId: ak, secretAccessKey: creds.secret_access_key },
  );
  if (signed.headers.Authorization !== auth || state.imagex.rejectSignatures)
    return imagexError(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided',
      403,
    );
  const amzDate = Date.parse(
    String(req.headers['x-amz-date'] ?? '').replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  if (!(Math.abs(amzDate - now(state)) < 15 * 60_000))
    return imagexError('RequestTimeTooSkewed', 'x-amz-date is too far from now', 403);
  if (
    action === 'CommitImageUpload' &&
    req.headers['x-amz-content-sha256'] !== crypto.createHash('sha256').update(rawBody).digest('hex')
  )
    return imagexError('SignatureDoesNotMatch', 'x-amz-content-sha256 does not match the body', 403);
  return null;
}

function takeImagexFault(state, step) {
  const i = state.faults.findIndex((f) => f.imagex === step);
  if (i < 0) return null;
  const fault = state.faults[i];
  if (--fault.count <= 0) state.faults.splice(i, 1);
  return fault;
}

/** Requests to imagex.bytedanceapi.com and the upload host: {status, body (object or Buffer), headers?}. */
export function imagexRequest(state, req, url, rawBody) {
  const host = String(req.headers.host ?? '').split(':')[0];
  if (req.method === 'OPTIONS') return { status: 204, body: '' };
  const uploadSpace = spaceOfUploadHost(host);
  const step = uploadSpace ? 'upload' : (url.searchParams.get('Action') ?? '');
  state.imagex.log.push({
    step,
    host,
    method: req.method,
    headers: { ...req.headers },
    size: rawBody.length,
    at: Date.now(),
  });
  const fault = takeImagexFault(state, step);
  if (fault?.status) return { status: fault.status, body: 'injected failure' };
  if (fault?.code) return imagexError(fault.code, fault.message ?? 'injected', 400);
  if (uploadSpace) return upload(state, req, url, rawBody, fault, uploadSpace);
  if (url.searchParams.get('Version') !== '2018-08-01' || url.searchParams.get('ServiceId') !== SPACES[host]?.serviceId)
    return imagexError('InvalidParameter', 'Version or ServiceId');
  if (step === 'ApplyImageUpload' && req.method === 'GET') return apply(state, req, url, rawBody, host);
  if (step === 'CommitImageUpload' && req.method === 'POST') return commit(state, req, url, rawBody, fault, host);
  return imagexError('InvalidAction', `no such action ${step}`, 404);
}

function apply(state, req, url, rawBody, host) {
  const refused = verify(state, req, url, rawBody, 'ApplyImageUpload', host);
  if (refused) return refused;
  const size = Number(url.searchParams.get('FileSize'));
  if (!Number.isInteger(size) || size <= 0 || size > MAX_UPLOAD) return imagexError('InvalidParameter', 'FileSize');
  const space = SPACES[host];
  const storeUri = `${space.uriPrefix}/${crypto.randomBytes(16).toString('hex')}`;
  const session = {
    sessionKey: crypto.randomBytes(24).toString('base64url'),
    storeUri,
    auth: `SpaceKey/${space.serviceId}/1/:version:v2:${crypto.randomBytes(18).toString('base64url')}`,
    size,
    bytes: null,
    committed: false,
  };
  state.imagex.sessions.set(session.sessionKey, session);
  return ok('ApplyImageUpload', {
    UploadAddress: {
      StoreInfos: [{ StoreUri: storeUri, Auth: session.auth, UploadID: crypto.randomBytes(8).toString('hex') }],
      UploadHosts: [space.uploadHost],
      SessionKey: session.sessionKey,
    },
  });
}

function commit(state, req, url, rawBody, fault, host) {
  const refused = verify(state, req, url, rawBody, 'CommitImageUpload', host);
  if (refused) return refused;
  let key;
  try {
    key = JSON.parse(rawBody.toString('utf8')).SessionKey;
  } catch {
    return imagexError('InvalidParameter', 'body is not JSON');
  }
  const session = state.imagex.sessions.get(key);
  if (!session) return imagexError('InvalidParameter', 'unknown SessionKey');
  if (!session.bytes) return imagexError('InvalidParameter', 'nothing was uploaded for this session');
  const facts = imageFacts(session.bytes);
  // Not an image, or (fault `reject`) one ImageX's review refuses: committed with a status other than 2000.
  if (!facts || fault?.reject)
    return ok('CommitImageUpload', { Results: [{ Uri: session.storeUri, UriStatus: 2001 }], PluginResult: [] });
  session.committed = true;
  state.imagex.images.set(session.storeUri, { ...facts, bytes: session.bytes });
  return ok('CommitImageUpload', {
    Results: [{ Uri: session.storeUri, UriStatus: 2000 }],
    PluginResult: [
      {
        ImageUri: session.storeUri,
        ImageWidth: facts.width,
        ImageHeight: facts.height,
        ImageFormat: facts.format,
        ImageSize: session.bytes.length,
      },
    ],
  });
}
