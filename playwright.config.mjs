// End-to-end tests: real Chromium (Debian's, never a downloaded one), the stand-in on the real hostnames.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.mjs',
  // Three browsers at once on two cores: the tests mostly wait on the stand-in's timings (answers held for
  // 90 s, queues, poll cadences), so they overlap well; each test has its own browser and profile, and each
  // worker its own stand-in. E2E_WORKERS=1 runs them one at a time.
  workers: Number(process.env.E2E_WORKERS ?? 3),
  fullyParallel: true,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
});
