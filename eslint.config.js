// ESLint flat config. The rule set is small on purpose: the recommended correctness rules, plus the few that
// guard what this project promises.
// - no-eval / no-implied-eval / no-new-func: MV3 forbids eval, and the shipped extension runs no generated code.
// - no-restricted-properties (innerHTML & co.): every text from a job or a page goes in through textContent;
//   prompts come from web pages and must stay inert.
// - eqeqeq, prefer-const, no-var: the usual sources of quiet bugs in plain JS.
// - no-unused-vars, with `_` for deliberately ignored parameters and rest siblings for omitting keys.
// - no-restricted-syntax (chrome.storage, indexedDB, idb): state has one home, extension/state/, with one table of
//   every fact kept and for how long; nothing else reads or writes storage. Views ask the worker only through
//   shared/send.js (chrome.runtime.sendMessage elsewhere is refused), whose ask() and send() are typed per message.
import js from '@eslint/js';
import globals from 'globals';

const noHtmlSinks = ['innerHTML', 'outerHTML', 'insertAdjacentHTML'].map((property) => ({
  property,
  message: 'Put text in with textContent (or build nodes): pages and prompts are not trusted.',
}));

// State lives in extension/state/; views ask the worker through shared/send.js, typed per message.
const stateOnly = [
  "MemberExpression[object.name='chrome'][property.name='storage']",
  "Identifier[name='indexedDB']",
  "ImportDeclaration[source.value='idb']",
].map((selector) => ({
  selector,
  message: 'State lives in extension/state/ (facts.js: chrome.storage; databases.js: IndexedDB).',
}));
const askThroughSend = {
  selector:
    "MemberExpression[object.object.name='chrome'][object.property.name='runtime'][property.name='sendMessage']",
  message:
    'Ask the worker with ask() or send() (shared/send.js): typed per message (shared/messages.js), refusals included.',
};

export default [
  { ignores: ['build/', 'dist/', 'node_modules/', 'artifacts/', 'test-results/', 'playwright-report/', 'wasm/fuzz/'] },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Files stay small (the style guide: JS ≲ 250 lines), counted as Prettier formats them.
      'max-lines': ['error', { max: 250 }],
      'prefer-const': 'error',
      'no-var': 'error',
      'no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
          caughtErrors: 'none',
        },
      ],
    },
  },
  {
    files: ['extension/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.serviceworker, ...globals.webextensions } },
    rules: { 'no-restricted-properties': ['error', ...noHtmlSinks] },
  },
  // One rule, two lists (a later block's no-restricted-syntax replaces an earlier one's for the files both match).
  {
    files: ['extension/**/*.js'],
    ignores: ['extension/state/**'],
    rules: { 'no-restricted-syntax': ['error', ...stateOnly] },
  },
  {
    files: ['extension/**/*.js'],
    ignores: ['extension/state/**', 'extension/shared/send.js'],
    rules: { 'no-restricted-syntax': ['error', ...stateOnly, askThroughSend] },
  },
  { files: ['web/public/**/*.js'], languageOptions: { globals: globals.browser } },
  {
    files: ['scripts/**', 'web/**/*.mjs', 'tests/**', 'bench/**', '*.mjs', '*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  // Playwright's page.evaluate / worker.evaluate callbacks run in the browser.
  {
    files: ['tests/e2e/**', 'bench/**', 'scripts/demo.mjs', 'scripts/store-screenshots.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
  },
];
