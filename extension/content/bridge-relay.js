// Session bridge, extension side (isolated world, document_start): takes the MessagePort the MAIN-world
// bridge offers during the document_start handshake and relays between it and the service worker. The
// worker may be stopped at any moment: the relay reconnects when the page speaks or when a restarted worker
// asks, and replays what the page already said (its session, its readiness) to the new worker.
(() => {
  const HELLO = 'jimeng-helper:hello',
    RELAY_UP = 'jimeng-helper:relay-up',
    BRIDGE_PORT = 'jimeng-bridge';
  const RECONNECT = 'bridge:reconnect',
    SESSION = 'bridge:session',
    READY = 'bridge:ready';
  /** @type {MessagePort | null} */
  let page = null;
  /** @type {chrome.runtime.Port | null} */
  let worker = null;
  /** @type {Record<string, unknown>} */
  const replay = {}; // the page's last session and ready messages

  function open() {
    const port = chrome.runtime.connect({ name: BRIDGE_PORT });
    worker = port;
    port.onMessage.addListener((msg) => page?.postMessage(msg));
    port.onDisconnect.addListener(() => {
      worker = null;
    });
    for (const msg of Object.values(replay)) port.postMessage(msg);
  }

  /** @param {MessagePort} pagePort */
  function connect(pagePort) {
    page = pagePort;
    pagePort.onmessage = (e) => {
      if (e.data?.type === SESSION || e.data?.type === READY) replay[e.data.type] = e.data;
      if (worker) worker.postMessage(e.data);
      else open();
    };
    open();
  }

  // Answered even before the page-world bridge has handed its port over (false): the worker then knows this tab
  // has its scripts, and waits for them instead of using the tab without them (late-bridge.js).
  chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id || msg?.type !== RECONNECT) return false;
    if (page && !worker) open();
    sendResponse(!!page);
    return false;
  });

  // Exactly one handshake, completed before any page script runs (see bridge-main.js).
  const onHello = (/** @type {Event} */ event) => {
    const e = /** @type {MessageEvent} */ (event);
    if (page || !e.ports?.[0]) return;
    window.removeEventListener(HELLO, onHello);
    delete document.documentElement.dataset.jimengHelperRelay;
    connect(e.ports[0]);
  };
  window.addEventListener(HELLO, onHello);
  // If the MAIN script ran first it is waiting for this and answers synchronously; if it runs after us,
  // it sees the marker.
  document.documentElement.dataset.jimengHelperRelay = 'up';
  window.dispatchEvent(new Event(RELAY_UP));
})();
