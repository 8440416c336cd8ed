// The plain-page example's stand-in for a site's own backend: it logs every devroom request
// event it receives and confirms sends. A file, not an inline script: a strict
// Content-Security-Policy (script-src 'self') runs no inline script.
const log = (text) => {
  const li = document.createElement('li');
  li.textContent = text;
  document.getElementById('log').append(li);
};
for (const name of ['devroom-ask', 'devroom-vote', 'devroom-place-order', 'devroom-contact-request', 'devroom-join-call']) {
  document.addEventListener(name, (e) => log(`${name}: ${JSON.stringify(e.detail)}`));
}

// A site's backend confirms sends: here after a short delay, as a server would.
const qa = document.getElementById('qa');
qa.addEventListener('devroom-ask', (e) => setTimeout(() => qa.confirmQuestion(e.detail.localId, `srv-${Date.now()}`), 300));

const menu = document.getElementById('menu');
menu.addEventListener('devroom-place-order', (e) => setTimeout(() => menu.markOrderSent(e.detail.orderLocalId, `order-${Date.now()}`), 300));
