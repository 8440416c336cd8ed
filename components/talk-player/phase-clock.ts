import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { phaseAt } from './phases.js';
import type { PhaseState, TalkPhase, TalkSchedule } from './phases.js';

/** Longest delay browsers honour for setTimeout; far boundaries re-arm on wake. */
const MAX_TIMER = 2 ** 31 - 1;

export interface PhaseInputs {
  schedule: TalkSchedule;
  override: TalkPhase | null | undefined;
  /** ms to add to Date.now() (a client clock that is off by this much). */
  clockOffset: number;
}

/**
 * Keeps `state` current: re-computes at each schedule boundary and once a second while
 * a countdown is on screen. Timers only run while the host is connected.
 */
export class PhaseClock implements ReactiveController {
  state: PhaseState = { phase: 'talk', source: 'none' };
  #timer: ReturnType<typeof setTimeout> | undefined;
  #connected = false;

  readonly #host: ReactiveControllerHost;
  readonly #inputs: () => PhaseInputs;
  readonly #onChange: (next: PhaseState, previous: PhaseState) => void;

  constructor(host: ReactiveControllerHost, inputs: () => PhaseInputs, onChange: (next: PhaseState, previous: PhaseState) => void) {
    this.#host = host;
    this.#inputs = inputs;
    this.#onChange = onChange;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.refresh();
  }

  hostDisconnected(): void {
    this.#connected = false;
    clearTimeout(this.#timer);
  }

  now(): number {
    return Date.now() + this.#inputs().clockOffset;
  }

  /** Recompute now (call when schedule, override or offset change). */
  refresh(): void {
    clearTimeout(this.#timer);
    const { schedule, override } = this.#inputs();
    const now = this.now();
    const previous = this.state;
    const next = phaseAt(schedule, now, override);
    this.state = next;
    if (next.phase !== previous.phase || next.source !== previous.source) this.#onChange(next, previous);
    this.#host.requestUpdate();
    if (!this.#connected) return;
    let delay = next.nextChangeAt !== undefined ? next.nextChangeAt - now : undefined;
    // Countdown and overrun texts tick every second, aligned to the second boundary.
    if (next.startsInMs !== undefined || next.overrunMs !== undefined) {
      const tick = 1000 - (((now % 1000) + 1000) % 1000) || 1000;
      delay = delay === undefined ? tick : Math.min(delay, tick);
    }
    if (delay !== undefined) this.#timer = setTimeout(() => this.refresh(), Math.min(Math.max(delay, 0), MAX_TIMER));
  }
}
