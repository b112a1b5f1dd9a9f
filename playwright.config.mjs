// End-to-end tests: real Chromium (Debian's, never a downloaded one), the stand-in on the real hostnames.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.mjs',
  workers: 1,               // two cores: one browser at a time keeps timings honest
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
});
