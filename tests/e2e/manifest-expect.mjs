// What the shipped manifest must say, checked on the source, on the loaded extension (security.spec) and on the
// release package (package.spec): exactly these permissions, nothing exposed to pages, this CSP.
import { expect } from '@playwright/test';
import { DREAMINA, JIMENG } from './browser.mjs';

export function expectShippedManifest(/** @type {any} */ m) {
  expect([...m.permissions].sort()).toEqual([
    'activeTab',
    'alarms',
    'contextMenus',
    'downloads',
    'notifications',
    'scripting',
    'sidePanel',
    'storage',
    'unlimitedStorage',
  ]);
  expect(m.host_permissions).toEqual([`${JIMENG}/*`, `${DREAMINA}/*`]);
  expect(m.optional_permissions ?? []).toEqual([]);
  expect(m.optional_host_permissions ?? []).toEqual([]);
  expect(m.web_accessible_resources ?? []).toEqual([]);
  expect(m.externally_connectable).toBeUndefined();
  expect(m.content_scripts.flatMap((c) => c.matches)).toEqual([
    `${JIMENG}/*`,
    `${DREAMINA}/*`,
    `${JIMENG}/*`,
    `${DREAMINA}/*`,
  ]);
  // Pages load images, media and connections only from the two sites' media hosts and the upload hosts: the core's
  // one list, written into the manifest by the build (the suite runs under it).
  const media =
    'https://*.byteimg.com https://*.douyinpic.com https://*.vlabvod.com https://*.365yg.com https://*.jimeng.com ' +
    'https://*.ibyteimg.com https://*.capcut.com https://*.capcutapi.com https://*.capcutapi.us';
  expect(m.content_security_policy.extension_pages).toBe(
    "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; " +
      `img-src 'self' data: blob: ${media}; media-src 'self' blob: ${media}; ` +
      `connect-src 'self' data: ${media} https://*.bytedanceapi.com https://*.snssdk.com https://*.vodupload.com`,
  );
  // Response bodies cross from the page to the worker as bytes, which JSON messaging would turn into {}.
  expect([m.message_serialization, m.minimum_chrome_version]).toEqual(['structured_clone', '148']);
}
