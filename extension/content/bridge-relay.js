// Session bridge, extension side (isolated world, document_start): takes the MessagePort the MAIN-world
// bridge offers during the document_start handshake and relays between it and the service worker.
(() => {
  const HELLO = 'jimeng-helper:hello', RELAY_UP = 'jimeng-helper:relay-up', BRIDGE_PORT = 'jimeng-bridge';
  let page = null;

  function connect(pagePort) {
    page = pagePort;
    let worker = null;
    const toWorker = [];
    const open = () => {
      worker = chrome.runtime.connect({ name: BRIDGE_PORT });
      worker.onMessage.addListener((msg) => page.postMessage(msg));
      // The worker may be stopped at any time; reconnect on the next message from the page.
      worker.onDisconnect.addListener(() => { worker = null; });
      while (toWorker.length) worker.postMessage(toWorker.shift());
    };
    page.onmessage = (e) => {
      if (!worker) open();
      worker.postMessage(e.data);
    };
    open();
  }

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
