// @ts-check
// Every message type, declared once. Bridge messages travel page (MAIN) ⇄ relay (isolated) ⇄ worker;
// UI messages travel popup/tracker → worker.
export const BRIDGE_PORT = 'jimeng-bridge';
export const WATCH_PORT = 'jimeng-watch';  // open while a popup or tracker shows jobs: the engine polls fast

export const Bridge = Object.freeze({
  session: 'bridge:session',    // MAIN → worker: values learned from the page's own requests
  ready: 'bridge:ready',        // MAIN → worker: the page's anti-bot script has hooked fetch
  fetch: 'bridge:fetch',        // worker → MAIN: run this request through the page's fetch
  response: 'bridge:response',  // MAIN → worker: its answer {id, status, body} or {id, error}
  reconnect: 'bridge:reconnect', // worker → relay (tabs.sendMessage): a restarted worker asks for the bridge
});

export const Ui = Object.freeze({
  getStatus: 'ui:get-status',   // → {session, credit}
  models: 'ui:models',          // → {models, live}
  submit: 'ui:submit',          // {input} → {ok, job} | {ok:false, error}
  retry: 'ui:retry',            // {submitId} → a new job with the failed one's input
  remove: 'ui:remove',          // {submitId}
});
