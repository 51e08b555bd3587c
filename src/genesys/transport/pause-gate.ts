/**
 * The pause every request of one client honours while a `Retry-After` runs.
 * @module
 */

import type { Clock, Sleep } from "../types.js";

/**
 * One gate per client, shared by all its requests (and so by all bulk workers using the client).
 * A 429 closes it until `now + Retry-After`; every request waits at the gate before it is sent,
 * so no request of any worker reaches Genesys while the pause runs. A later, longer pause extends
 * the current one; a shorter one never cuts it.
 */
export class PauseGate {
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  #resumeAtMs = 0;

  constructor(clock: Clock, sleep: Sleep) {
    this.#clock = clock;
    this.#sleep = sleep;
  }

  /** Closes the gate for `ms` milliseconds from now (or longer, when already closed longer). */
  pauseFor(ms: number): void {
    this.#resumeAtMs = Math.max(this.#resumeAtMs, this.#clock.now() + ms);
  }

  /** Milliseconds until the gate opens; 0 when open. */
  remainingMs(): number {
    return Math.max(0, this.#resumeAtMs - this.#clock.now());
  }

  /** Resolves once the gate is open; loops because another 429 may extend the pause meanwhile. */
  async wait(): Promise<void> {
    for (let remaining = this.remainingMs(); remaining > 0; remaining = this.remainingMs()) {
      await this.#sleep(remaining);
    }
  }
}
