import { expect } from '@open-wc/testing';
import { afterTest } from '../support/cleanup.js';
import { FuzzLog, checkRejections, scanDom } from './harness.js';
import { CANARY, MARKUP } from './hostile.js';
import { rng } from './prng.js';

/** The fuzz runs are only as good as their checks: the checks catch what they are meant to. */
describe('fuzz harness', () => {
  it('the PRNG repeats a seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, rng(seed).next);
    expect(draw(42)).to.deep.equal(draw(42));
    expect(draw(42)).not.to.deep.equal(draw(43));
    const r = rng(7);
    for (let i = 0; i < 1000; i++) expect(r.int(10)).to.be.within(0, 9);
  });

  it('the DOM scan finds scripts, handlers, script and data URLs, frames, also in nested shadow roots and light DOM', () => {
    const host = document.createElement('div');
    document.body.append(host);
    afterTest(() => host.remove());
    const outer = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('span');
    outer.append(inner);
    const deep = inner.attachShadow({ mode: 'open' });
    const img = document.createElement('img');
    img.setAttribute('onerror', 'x');
    const link = document.createElement('a');
    link.setAttribute('href', ' JaVa\tScRiPt:alert(1)');
    const data = document.createElement('a');
    data.setAttribute('href', 'data:text/html,x');
    const relative = document.createElement('img');
    relative.setAttribute('src', '//evil.example/x.png');
    const script = document.createElement('script');
    const json = document.createElement('script');
    json.type = 'application/ld+json';
    deep.append(img, link, data, relative, script, json, document.createElement('iframe'));
    const light = document.createElement('b');
    light.setAttribute('onclick', 'x');
    host.append(light);
    const fine = document.createElement('a');
    fine.setAttribute('href', 'https://example.org/');
    deep.append(fine);
    const found = scanDom(host);
    expect(found).to.have.length(7);
    expect(found.join('\n')).to.contain('onerror').and.contain('onclick').and.contain('ScRiPt:').and.contain('data:').and.contain('//evil').and.contain('script element').and.contain('iframe element');
  });

  it('the rejection check: invalid must be rejected with a reason, valid must not be, each once, only events of the run', () => {
    const log = new FuzzLog();
    const event = (id: string) => ({ event_id: id, room_id: '!r', type: 't', sender: '@a:x', origin_server_ts: 0, content: {} });
    log.add(event('$ok'), 'valid', 'good');
    log.add(event('$bad'), 'invalid', 'bad');
    log.add(event('$quiet'), 'invalid', 'missed');
    log.add(event('$other'), 'irrelevant', 'other');
    const problems = checkRejections(log, [
      { eventId: '$ok', type: 't', reason: 'wrong' },
      { eventId: '$bad', type: 't', reason: 'fine' },
      { eventId: '$stranger', type: 't', reason: 'x' },
    ]);
    expect(problems).to.have.length(3);
    expect(problems.join('\n')).to.contain('valid but rejected: t $ok').and.contain('not rejected: t $quiet').and.contain('not an event of the run: $stranger');
  });

  it('every markup payload that would run sets the canary', () => {
    for (const payload of MARKUP.filter((p) => /on\w+=|<script/.test(p))) expect(payload, payload).to.contain(CANARY);
  });
});
