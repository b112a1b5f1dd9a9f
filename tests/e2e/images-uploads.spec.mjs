// Reference uploads through ImageX when things go wrong: a rejected signature, expired credentials, a failing upload
// host, and bad files refused before any upload.
import { test, expect } from '@playwright/test';
import { harness, useStandin } from './harness.mjs';
import { addFiles, doneJob as doneJobOf, generate, png } from './image-checks.mjs';
import { solidPng } from '../../web/test/pictures.mjs';

const env = useStandin(test);
const RED = [220, 30, 40],
  BLUE = [30, 60, 220];
const generates = () => env.standin.control.requests({ path: '/mweb/v1/aigc_draft/generate' });
const tokens = () => env.standin.control.requests({ path: '/mweb/v1/get_upload_token' });
const steps = (step) => env.standin.control.imagexLog().filter((r) => r.step === step);
const doneJob = (predicate) => doneJobOf(env.h, predicate);

test('an upload whose signature ImageX rejects is explained, and nothing is sent or charged', async () => {
  env.h = await harness(env.standin);
  env.standin.control.rejectSignatures();
  await addFiles(env.h.popup, [png('red.png', RED)]);
  await generate(env.h.popup, '不会被发送的图');
  await expect(env.h.popup.locator('#form-error')).toContainText('参考图 1：上传被拒绝：签名无效');
  expect(steps('ApplyImageUpload')).toHaveLength(1); // a bad signature is never retried
  expect(generates()).toHaveLength(0);
  expect(env.standin.control.ledger()).toHaveLength(0);
  await expect(env.h.popup.locator('#reference-list img')).toHaveCount(1); // kept for another try
});

test('expired upload credentials are renewed once and the upload goes through', async () => {
  env.h = await harness(env.standin);
  await addFiles(env.h.popup, [png('red.png', RED)]);
  await generate(env.h.popup, '第一张');
  await doneJob((j) => j.job.prompt === '第一张');
  expect(tokens()).toHaveLength(1);
  env.standin.control.expireUploadCredentials();
  await addFiles(env.h.popup, [png('blue.png', BLUE)]);
  await generate(env.h.popup, '第二张');
  await doneJob((j) => j.job.prompt === '第二张');
  expect(tokens()).toHaveLength(2);
  expect(steps('ApplyImageUpload').length).toBe(3); // one refused as expired, then the renewed one
});

test('a failing upload host is retried with backoff before the job is sent', async () => {
  env.h = await harness(env.standin);
  env.standin.control.fault({ imagex: 'upload', status: 503, count: 2 });
  await addFiles(env.h.popup, [png('red.png', RED)]);
  await generate(env.h.popup, '重试上传');
  await doneJob((j) => j.job.prompt === '重试上传');
  expect(steps('upload')).toHaveLength(3);
  expect(generates()).toHaveLength(1);
});

test('bad files are refused before any upload: not an image, empty, GIF, over 20 MB, broken', async () => {
  env.h = await harness(env.standin);
  const cases = [
    [{ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('这其实是一段文字') }, '参考图 1：这不是图片文件'],
    [{ name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) }, '参考图 1：文件是空的'],
    [
      { name: 'anim.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a\x10\x00\x10\x00\x00\x00\x00;', 'latin1') },
      '参考图 1：不支持这种图片格式',
    ],
    [
      { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.concat([solidPng(8, 8, RED), Buffer.alloc(21 << 20)]) },
      '参考图 1：图片太大：最大 20 MB',
    ],
  ];
  for (const [file, message] of cases) {
    await addFiles(env.h.popup, [file]);
    await generate(env.h.popup, '不会上传');
    await expect(env.h.popup.locator('#form-error')).toContainText(message);
    await env.h.popup.getByRole('button', { name: '移除参考图 1' }).click();
  }
  await addFiles(env.h.popup, [
    png('fine.png', RED),
    { name: 'bad.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff]) },
  ]);
  await generate(env.h.popup, '不会上传');
  await expect(env.h.popup.locator('#form-error')).toContainText('参考图 2：');
  expect(tokens()).toHaveLength(0);
  expect(env.standin.control.imagexLog()).toHaveLength(0);
  expect(generates()).toHaveLength(0);
});
