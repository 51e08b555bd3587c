import type { Clock, Sleep } from "./types.js";

/** A clock that moves only through `advance` or `sleep`; its sleep moves the clock instead of waiting. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Advances the clock by the requested time and resolves at once; records every request. */
  sleep: Sleep;
  /** Every duration `sleep` was asked for, in milliseconds, oldest first. */
  readonly sleeps: number[];
}

/** Creates a manual clock starting at `startMs` (default 2026-01-05T09:00:00Z). */
export function createManualClock(startMs = Date.UTC(2026, 0, 5, 9, 0, 0)): ManualClock {
  let nowMs = startMs;
  const sleeps: number[] = [];
  return {
    now: () => nowMs,
    advance: (ms) => {
      nowMs += ms;
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      nowMs += ms;
    },
    sleeps,
  };
}
