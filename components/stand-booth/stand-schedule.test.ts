import { expect, fixture, html } from '@open-wc/testing';
// register.js, not define.js: define.js re-exports SCHEDULE_KINDS, which would load the readers.
import './register.js';
import type { DevroomStandBooth } from './stand-booth.js';
import { checkStand } from './stand.js';
import { sampleStand } from './test-fixtures.js';

// In this order, in a page of its own: the schedule and video readers (stand-schedule.ts)
// load with the booth's extras part, not with the first load.
describe('schedule and video readers (on demand)', () => {
  it('are not in the first load: until they are, a stand has neither schedule nor video', () => {
    const result = checkStand(sampleStand());
    expect(result.ok && result.stand.name).to.equal('Kitten Linux');
    expect(result.ok && result.stand.schedule).to.deep.equal([]);
    expect(result.ok && result.stand.video).to.equal(undefined);
  });

  it('load before a stand from a JSON src with a schedule and video is shown', async () => {
    // The sample stand as a file (a src is http(s), as every element's src).
    const src = '/test/fixtures/stand/kitten.json';
    const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en" src=${src}></devroom-stand-booth>`);
    for (let i = 0; i < 100 && !el.currentStand; i++) await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
    expect(el.currentStand?.schedule).to.have.length(2);
    expect(el.shadowRoot!.querySelector('[part~="schedule"]')).not.to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="video"]')).not.to.equal(null);
  });

  it('then read and check the schedule and video', () => {
    const result = checkStand({ ...sampleStand(), schedule: [{ title: 'Demo', kind: 'demo', start: '2026-02-01T10:00', end: 'x' }] });
    expect(result.ok && result.dropped.map(([path, code]) => `${path} ${code}`)).to.deep.equal(['schedule[0].start time', 'schedule[0].end time']);
    expect(result.ok && result.stand.video?.title).to.equal('Kitten in 3 minutes');
  });
});
