import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { formatCountdown, normaliseSchedule, parseTime, phaseAt } from './phases.js';
import { PhaseClock } from './phase-clock.js';
import type { PhaseInputs } from './phase-clock.js';
import type { PhaseState } from './phases.js';

const T0 = Date.parse('2026-02-01T10:00:00Z');
const min = 60_000;
const schedule = { startsAt: T0, qaAt: T0 + 20 * min, endsAt: T0 + 30 * min };

describe('phaseAt', () => {
  it('follows the clock through every phase', () => {
    expect(phaseAt(schedule, T0 - 5 * min)).to.include({ phase: 'upcoming', source: 'clock', startsInMs: 5 * min, nextChangeAt: T0 });
    expect(phaseAt(schedule, T0)).to.include({ phase: 'talk', nextChangeAt: T0 + 20 * min });
    expect(phaseAt(schedule, T0 + 20 * min)).to.include({ phase: 'qa', nextChangeAt: T0 + 30 * min });
    const ended = phaseAt(schedule, T0 + 30 * min);
    expect(ended.phase).to.equal('ended');
    expect(ended.nextChangeAt).to.equal(undefined);
  });

  it('lets an override win, and reports an overrun past ends-at', () => {
    expect(phaseAt(schedule, T0 - min, 'talk')).to.include({ phase: 'talk', source: 'override' });
    const over = phaseAt(schedule, T0 + 34 * min, 'qa');
    expect(over).to.include({ phase: 'qa', source: 'override', overrunMs: 4 * min });
    expect(phaseAt(schedule, T0 + 10 * min, 'ended').phase).to.equal('ended');
  });

  it('treats a talk without schedule as running, and ignores contradictions', () => {
    expect(phaseAt({}, T0)).to.include({ phase: 'talk', source: 'none' });
    expect(normaliseSchedule({ startsAt: T0, endsAt: T0 - 1 })).to.deep.equal({ startsAt: T0 });
    expect(normaliseSchedule({ startsAt: T0, qaAt: T0 + 40 * min, endsAt: T0 + 30 * min })).to.deep.equal({ startsAt: T0, endsAt: T0 + 30 * min });
    expect(phaseAt({ qaAt: T0 }, T0 - 1).phase).to.equal('talk');
  });

  it('parses ISO times and refuses date-only or junk', () => {
    expect(parseTime('2026-02-01T10:00:00Z')).to.equal(T0);
    expect(parseTime('2026-02-01T11:00:00+01:00')).to.equal(T0);
    expect(parseTime('2026-02-01')).to.equal(undefined);
    expect(parseTime('soon')).to.equal(undefined);
    expect(parseTime(null)).to.equal(undefined);
  });

  it('formats countdowns', () => {
    expect(formatCountdown(65_000, 'en')).to.equal('1:05');
    expect(formatCountdown(3_725_000, 'en')).to.equal('1:02:05');
    expect(formatCountdown(2 * 86_400_000 + 5, 'en')).to.equal('in 2 days');
    expect(formatCountdown(2 * 86_400_000, 'de')).to.equal('in 2 Tagen');
  });
});

describe('PhaseClock (fake timers)', () => {
  let clock: sinon.SinonFakeTimers;
  afterEach(() => clock.restore());

  function makeClock(inputs: PhaseInputs) {
    const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
    const changes: string[] = [];
    const pc = new PhaseClock(host, () => inputs, (next: PhaseState) => changes.push(next.phase));
    pc.hostConnected();
    return { pc, changes };
  }

  it('moves upcoming → talk → qa → ended on time, ticking the countdown', () => {
    clock = sinon.useFakeTimers({ now: T0 - 3000, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const { pc, changes } = makeClock({ schedule, override: undefined, clockOffset: 0 });
    expect(pc.state.startsInMs).to.equal(3000);
    clock.tick(1000);
    expect(pc.state.startsInMs).to.equal(2000);
    clock.tick(2000);
    expect(pc.state.phase).to.equal('talk');
    clock.tick(20 * min);
    expect(pc.state.phase).to.equal('qa');
    clock.tick(10 * min);
    expect(pc.state.phase).to.equal('ended');
    expect(changes).to.deep.equal(['upcoming', 'talk', 'qa', 'ended']);
    pc.hostDisconnected();
  });

  it('uses the skew offset: a client 2 minutes slow still switches at the real time', () => {
    // The device clock says 09:59:00 while the real time is 10:01:00.
    clock = sinon.useFakeTimers({ now: T0 - min, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const inputs = { schedule, override: undefined, clockOffset: 0 };
    const { pc } = makeClock(inputs);
    expect(pc.state.phase).to.equal('upcoming');
    inputs.clockOffset = 2 * min;
    pc.refresh();
    expect(pc.state.phase).to.equal('talk');
    // qa at 10:20 real time = 10:18 device time.
    clock.tick(17 * min);
    expect(pc.state.phase).to.equal('talk');
    clock.tick(2 * min);
    expect(pc.state.phase).to.equal('qa');
    pc.hostDisconnected();
  });

  it('keeps an overrunning talk in qa while overridden and counts the overrun', () => {
    clock = sinon.useFakeTimers({ now: T0 + 29 * min, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const { pc } = makeClock({ schedule, override: 'qa', clockOffset: 0 });
    clock.tick(2 * min);
    expect(pc.state).to.include({ phase: 'qa', overrunMs: min });
    clock.tick(1000);
    expect(pc.state.overrunMs).to.equal(min + 1000);
    pc.hostDisconnected();
  });
});
