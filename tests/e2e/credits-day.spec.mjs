// Today's free credits (protocol §11): with the setting on, claimed once a day while a page of the site is open;
// the popup says how many expire and when; an anti-bot refusal (-4) is said in words and not tried again that day.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { screenshotPath } from './browser.mjs';
import { harness, useStandin } from './harness.mjs';

const env = useStandin(test);
const CLAIM = '/commerce/v1/benefits/credit_receive';
const DAY_MS = 86_400_000;
const claims = () => env.standin.control.requests({ path: CLAIM });

/** The popup opened again (its header asks the worker, which claims once a day). */
async function reopen() {
  const p = await env.h.context.newPage();
  await p.goto(`chrome-extension://${env.h.id}/popup/popup.html`);
  await expect(p.locator('#session')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  return p;
}

test("with the daily claim on, today's free credits are claimed once, the popup says when they expire, and the next day they are claimed again", async () => {
  env.h = await harness(env.standin);
  await expect(env.h.popup.locator('#session')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  expect(claims()).toHaveLength(0); // off until the user turns it on
  await env.h.popup.locator('#settings summary').click();
  await env.h.popup.getByLabel(/每天自动领取免费积分/).check();
  await expect.poll(() => claims().length, { timeout: 15_000 }).toBe(1);
  expect(JSON.parse(claims()[0].body)).toEqual({ time_zone: expect.stringMatching(/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/) });
  const popup = await reopen();
  await expect(popup.locator('#todays-credits')).toHaveText('60 个免费积分将于今天 23:59 过期');
  await expect(popup.locator('#credit')).toHaveText('260');
  await popup.screenshot({ path: screenshotPath('todays-credits-zh') });
  expect((await new AxeBuilder({ page: popup }).analyze()).violations.map((v) => v.id)).toEqual([]);
  // The same day: opening the popup again, or the hourly alarm, claims nothing more.
  await reopen();
  expect(await env.h.worker().evaluate(() => self.jimeng.claimToday())).toEqual({
    jimeng: 'done_today',
    dreamina: 'no_page',
  });
  expect(claims()).toHaveLength(1);
  // The next day (the service's and the browser's): claimed again, once.
  await env.standin.control.advance({ ms: DAY_MS });
  expect(await env.h.worker().evaluate((d) => self.jimeng.claimToday(Date.now() + d), DAY_MS)).toEqual({
    jimeng: 'received',
    dreamina: 'no_page',
  });
  expect(await env.h.worker().evaluate((d) => self.jimeng.claimToday(Date.now() + d), DAY_MS)).toEqual({
    jimeng: 'done_today',
    dreamina: 'no_page',
  });
  expect(claims().map((q) => q.ret)).toEqual(['0', '0']);
});

test('an anti-bot refusal of the claim (-4) is said in words, and not tried again that day (English)', async () => {
  env.h = await harness(env.standin, { locale: 'en-US' });
  await expect(env.h.popup.locator('#session')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  env.standin.control.fault({ path: CLAIM, ret: -4, errmsg: 'shark check reject', forMs: 60_000 });
  expect((await env.h.send({ type: 'ui:settings', settings: { claimDaily: true } })).ok).toBe(true);
  await expect.poll(() => claims().length, { timeout: 15_000 }).toBe(1);
  const popup = await reopen();
  await expect(popup.locator('#todays-credits')).toHaveText(
    'Today’s free credits could not be claimed: the site’s security check stopped the claim. It is not tried again today; you can claim them on the site.',
  );
  await expect(popup.locator('#todays-credits')).toHaveAttribute('data-state', 'refused');
  await popup.screenshot({ path: screenshotPath('todays-credits-refused-en') });
  for (let i = 0; i < 3; i++) await reopen();
  expect(await env.h.worker().evaluate(() => self.jimeng.claimToday())).toEqual({
    jimeng: 'done_today',
    dreamina: 'no_page',
  });
  expect(claims()).toHaveLength(1);
});
