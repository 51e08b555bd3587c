import type { Clock, Sleep, Timers } from "../src/genesys/index.js";

interface PendingTimer {
  atMs: number;
  order: number;
  callback: () => void;
}

/**
 * Virtual time for tests of the client and the emulator together: a clock, a sleep and timers
 * that never wait for real. `run` drives a scenario: whenever nothing else can happen (after a few
 * turns of the event loop), it moves the clock to the earliest timer and fires it. So a client
 * timeout of 5 s fires before an emulator delay of 10 s, as it would in real time.
 */
export class VirtualTime {
  nowMs: number;
  /** Every duration the client's sleep was asked for, oldest first. */
  readonly clientSleeps: number[] = [];
  readonly #timers: PendingTimer[] = [];
  #order = 0;

  constructor(startMs = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.nowMs = startMs;
  }

  readonly clock: Clock = { now: () => this.nowMs };

  /** The sleep for the emulator: not recorded. */
  readonly sleep: Sleep = (ms) => new Promise((resolve) => this.#schedule(ms, resolve));

  /** The sleep for the client: recorded in `clientSleeps`. */
  readonly clientSleep: Sleep = (ms) => {
    this.clientSleeps.push(ms);
    return this.sleep(ms);
  };

  readonly timers: Timers = {
    setTimeout: (callback, ms) => this.#schedule(ms, callback),
    clearTimeout: (handle) => {
      const index = this.#timers.indexOf(handle as PendingTimer);
      if (index >= 0) {
        this.#timers.splice(index, 1);
      }
    },
  };

  /** Moves the clock forward without firing anything (time passing between calls). */
  advance(ms: number): void {
    this.nowMs += ms;
  }

  /** Drives `work` to completion, firing timers in virtual time whenever the loop is idle. */
  async run<T>(work: Promise<T>): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    work.then(
      (value) => {
        outcome = { ok: true, value };
      },
      (error: unknown) => {
        outcome = { ok: false, error };
      },
    );

    while (outcome === undefined) {
      await turnOfEventLoop();
      if (outcome === undefined) {
        this.#fireEarliest();
      }
    }

    if (!outcome.ok) {
      throw outcome.error;
    }
    return outcome.value;
  }

  #schedule(ms: number, callback: () => void): PendingTimer {
    const timer = { atMs: this.nowMs + Math.max(0, ms), order: this.#order++, callback };
    this.#timers.push(timer);
    return timer;
  }

  #fireEarliest(): void {
    this.#timers.sort((a, b) => a.atMs - b.atMs || a.order - b.order);
    const next = this.#timers.shift();
    if (next === undefined) {
      return;
    }

    this.nowMs = Math.max(this.nowMs, next.atMs);
    next.callback();
  }
}

// Several turns, because an in-process response (Response body streams, promise chains) can take
// more than one turn to arrive, and firing a timeout before it would be a false timeout.
const IDLE_TURNS = 10;

async function turnOfEventLoop(): Promise<void> {
  for (let turn = 0; turn < IDLE_TURNS; turn += 1) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}
