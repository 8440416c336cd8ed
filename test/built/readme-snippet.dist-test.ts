import { expect } from '@open-wc/testing';
import { findAll, waitFor } from './page-helpers.js';

/**
 * The README's plain-page snippet ("Use the tags on a web page"), exactly as written, in a
 * page of its own: only the CDN address becomes this server's dist/cdn/devroom.js. The
 * snippet's backend is the one thing stubbed: `fetch`, at the network edge, answering like a
 * small server (questions with votes, a menu, orders).
 */

const text = (el: Element | ShadowRoot) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The block under the README's `plain-page-snippet` marker. */
async function readmeSnippet(): Promise<string> {
  const readme = await (await fetch('/README.md')).text();
  const match = /<!-- plain-page-snippet[^>]*-->\n```html\n([\s\S]*?)\n```/.exec(readme);
  if (!match) throw new Error('README.md: no plain-page snippet under its marker');
  return match[1]!;
}

/** A backend as the snippet's comment describes it, behind `fetch` (runs in the page). */
const BACKEND = `<script>
  const questions = [
    { id: 'q1', text: 'Will the slides be online?', author: '@ann:example.org', authorName: 'Ann', votes: 4, voted: false },
    { id: 'q2', text: 'Which kernel version first had Rust?', author: '@bob:example.org', authorName: 'Bob', votes: 1, voted: false },
  ];
  const menu = { vendor: { name: 'Waffle Wagon', location: 'Building K' }, currency: 'EUR', ordering: { open: true },
    sections: [{ id: 'sweet', name: 'Waffles', items: [{ id: 'waffle', name: 'Sugar waffle', price: 350, diets: ['vegetarian'], allergens: { contains: ['gluten', 'eggs', 'milk'], mayContain: [] } }] }] };
  window.backendLog = [];
  const json = (body, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  window.fetch = async (input, init = {}) => {
    const url = new URL(String(input), document.baseURI);
    const body = init.body ? JSON.parse(init.body) : undefined;
    backendLog.push([init.method ?? 'GET', url.pathname, body]);
    if (url.pathname === '/api/questions' && !init.method) return json(questions);
    if (url.pathname === '/api/questions') {
      const q = { id: 'q' + (questions.length + 1), text: body.text, author: '@you:example.org', authorName: 'You', votes: 0, voted: false };
      questions.push(q);
      return json({ id: q.id });
    }
    const vote = /^\\/api\\/questions\\/([^/]+)\\/vote$/.exec(url.pathname);
    if (vote) {
      const q = questions.find((x) => x.id === decodeURIComponent(vote[1]));
      if (q.voted !== body.vote) q.votes += body.vote ? 1 : -1;
      q.voted = body.vote;
      return new Response(null, { status: 204 });
    }
    if (url.pathname === '/api/menu') return json(menu);
    if (url.pathname === '/api/orders') return json({ id: 'order-1' });
    return json({ error: 'not found' }, 404);
  };
</script>`;

describe("the README's plain-page snippet", () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('runs as written: questions show, a vote counts, a question is asked, an order is placed', async function () {
    this.timeout(30_000);
    const snippet = await readmeSnippet();
    const cdn = 'https://cdn.example.org/devroom/cdn/devroom.js';
    expect(snippet).to.contain(cdn);
    frame = document.createElement('iframe');
    frame.style.cssText = 'width: 900px; height: 900px';
    document.body.append(frame);
    // Written into the frame's blank document, which then has this page's URL (document.open),
    // so the snippet's and the elements' relative addresses resolve as on a real site.
    const page = frame.contentDocument!;
    page.open();
    page.write(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>README snippet</title></head><body>${BACKEND}\n${snippet.replace(cdn, '/dist/cdn/devroom.js')}</body></html>`);
    page.close();
    const win = frame.contentWindow as Window & { backendLog: [string, string, unknown][] };
    const doc = frame.contentDocument!;
    const qa = await waitFor(() => doc.querySelector('devroom-qa-queue')?.shadowRoot, 'the Q&A');

    // The backend's questions, with their votes.
    await waitFor(() => /Will the slides be online\?/.test(text(qa)), "the backend's questions");
    const row = () => findAll(qa, '[part~="question"]').find((r) => /Will the slides be online\?/.test(text(r)))!;
    const vote = () => row().querySelector<HTMLButtonElement>('[part~="vote-button"]')!;
    expect(text(vote())).to.match(/\b4\b/);
    expect(vote().getAttribute('aria-pressed')).to.equal('false');

    // A vote goes to the backend, and the count the backend has shows.
    vote().click();
    await waitFor(() => /\b5\b/.test(text(vote())) && vote().getAttribute('aria-pressed') === 'true', 'the vote counted');
    expect(win.backendLog).to.deep.include(['POST', '/api/questions/q1/vote', { vote: true }]);

    // Asking: the question is sent, confirmed, and in the list.
    const ask = findAll(qa, 'textarea')[0] as HTMLTextAreaElement;
    ask.value = 'Is there a recording?';
    ask.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await waitFor(() => !(findAll(qa, '[part="ask-button"]')[0] as HTMLButtonElement).disabled, 'the Ask button');
    findAll(qa, '[part="ask-button"]')[0]!.click();
    await waitFor(() => findAll(qa, '[part~="question"]').some((r) => /Is there a recording\?/.test(text(r)) && !/Sending|Not sent/.test(text(r))), 'the question in the list');
    expect(win.backendLog).to.deep.include(['POST', '/api/questions', { text: 'Is there a recording?' }]);

    // The food truck from the backend's menu takes an order.
    const menu = await waitFor(() => doc.querySelector('devroom-food-truck-menu')?.shadowRoot, 'the menu');
    await waitFor(() => /Sugar waffle/.test(text(menu)), "the backend's menu");
    const add = findAll(menu, 'button').find((b) => /^Add\b/.test(text(b)))!;
    add.click();
    const checkout = await waitFor(() => findAll(menu, '[part="checkout-button"]')[0] as HTMLButtonElement | undefined, 'Place order');
    checkout.click();
    await waitFor(() => win.backendLog.some(([method, path]) => method === 'POST' && path === '/api/orders'), 'the order sent');
    await waitFor(() => /Sent/.test(text(findAll(menu, '.my-orders')[0] ?? menu)) && !/Sending…/.test(text(findAll(menu, '.my-orders')[0]!)), 'the order confirmed');
  });
});
