// Dreamina's refusals said in words once, nothing sent again: its anti-bot refusal (-6) and its daily limit (121101).
import { test, expect } from '@playwright/test';
import { dreaminaPage, screenshotPath } from './browser.mjs';
import { harness, useStandin } from './harness.mjs';

const env = useStandin(test);

test("Dreamina's anti-bot refusal (-6) and its daily limit (121101) are each said in words once, and nothing is sent again", async () => {
  env.h = await harness(env.standin, { login: false, locale: 'zh-CN' });
  await dreaminaPage(env.h.context);
  const popup = env.h.popup;
  await popup.reload();
  await expect(popup.locator('#site-name')).toHaveText('Dreamina · SG ·', { timeout: 20_000 });
  const GENERATE = '/mweb/v1/aigc_draft/generate';
  const said = {};
  for (const [ret, words] of /** @type {const} */ ([
    ['-6', '被站点的安全检查判为异常行为而拦下'],
    ['121101', '已达今日生成上限'],
  ])) {
    env.standin.control.fault({ path: GENERATE, ret, errmsg: ret === '-6' ? 'shark not pass reject' : 'daily limit' });
    const before = env.standin.control.requests({ path: GENERATE }).length;
    const r = await env.h.submit({ prompt: `refused ${ret}`, count: 1 });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const failed = await env.h.waitFor(r.job.submitId, (j) => j.phase === 'failed', 20_000);
    said[ret] = failed.error.code;
    await expect(popup.locator('.job').filter({ hasText: `refused ${ret}` })).toContainText(words);
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(env.standin.control.requests({ path: GENERATE }).length - before, `${ret}: sent once, not retried`).toBe(1);
  }
  expect(said).toEqual({ '-6': '-6', 121101: '121101' });
  await popup.screenshot({ path: screenshotPath('dreamina-refusals-zh') });
  expect(env.standin.control.ledger()).toEqual([]);
});
