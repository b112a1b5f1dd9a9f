// Session bridge, extension side (isolated world, document_start): takes the MessagePort the MAIN-world
// bridge offers during the document_start handshake and relays between it and the service worker. The
// worker may be stopped at any moment: the relay reconnects when the page speaks or when a restarted worker
// asks, and replays what the page already said (its session, its readiness) to the new worker.
(() => {
  const HELLO = 'jimeng-helper:hello', RELAY_UP = 'jimeng-helper:relay-up', BRIDGE_PORT = 'jimeng-bridge';
  const RECONNECT = 'bridge:reconnect', SESSION = 'bridge:session', READY = 'bridge:ready';
  let page = null;
  let worker = null;
  const replay = {};  // the page's last session and ready messages

  function open() {
    worker = chrome.runtime.connect({ name: BRIDGE_PORT });
    worker.onMessage.addListener((msg) => page.postMessage(msg));
    worker.onDisconnect.addListener(() => { worker = null; });
    for (const msg of Object.values(replay)) worker.postMessage(msg);
  }

  function connect(pagePort) {
    page = pagePort;
    page.onmessage = (e) => {
      if (e.data?.type === SESSION || e.data?.type === READY) replay[e.data.type] = e.data;
      if (!worker) open();
      else worker.postMessage(e.data);
    };
    open();
  }

  chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id || msg?.type !== RECONNECT || !page) return false;
    if (!worker) open();
    sendResponse(true);
    return false;
  });

  // Exactly one handshake, completed before any page script runs (see bridge-main.js).
  const onHello = (e) => {
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
