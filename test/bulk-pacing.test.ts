import { describe, expect, it } from "vitest";
import {
  DEFAULT_RATE_PER_MINUTE,
  GENESYS_DEFAULT_LIMIT_PER_MINUTE,
  TokenBucket,
} from "../src/bulk/pacing.js";

/** A clock that only moves when the code under test sleeps, recording every sleep. */
function fakeTime() {
  let nowMs = 1_000_000;
  const sleeps: number[] = [];
  return {
    clock: { now: () => nowMs },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      nowMs += ms;
    },
    sleeps,
    elapsedMs: () => nowMs - 1_000_000,
    /** Moves the clock without a sleep, as time spent elsewhere (an idle run, a call) does. */
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}

describe("token bucket", () => {
  it("starts without a burst", async () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ ratePerMinute: 600, ...time });

    await bucket.take();
    await bucket.take();

    expect(time.sleeps).toEqual([100]);
  });

  it("allows about one second of burst after idling", async () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ ratePerMinute: 600, ...time });
    await bucket.take();
    time.advance(5_000);

    for (let i = 0; i < 10; i += 1) {
      await bucket.take();
    }
    expect(time.sleeps).toEqual([]);

    await bucket.take();
    expect(time.sleeps).toEqual([100]);
  });

  it("holds the configured pace from the start", async () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ ratePerMinute: 120, ...time });

    for (let i = 0; i < 1 + 120; i += 1) {
      await bucket.take();
    }

    expect(time.elapsedMs()).toBeGreaterThanOrEqual(59_900);
    expect(time.elapsedMs()).toBeLessThanOrEqual(60_100);
  });

  it("waits out the client's pause without a burst after it", async () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ ratePerMinute: 600, ...time });
    const pauseEndsAtMs = time.clock.now() + 3_000;
    bucket.followPause(() => Math.max(0, pauseEndsAtMs - time.clock.now()));

    await bucket.take();
    await bucket.take();
    await bucket.take();

    expect(time.sleeps).toEqual([3_000, 100, 100]);
  });

  it("paces concurrent takers together", async () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ ratePerMinute: 60, ...time });

    const takes = Array.from({ length: 11 }, () => bucket.take());
    await Promise.all(takes);

    expect(time.elapsedMs()).toBe(10_000);
  });

  it("bursts at least one call at a low rate", async () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ ratePerMinute: 6, ...time });

    await bucket.take();
    await bucket.take();

    expect(time.sleeps).toEqual([10_000]);
  });

  it("slows down near the server's limit", async () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ ratePerMinute: 600, ...time });
    bucket.observeRateLimit({ count: 290, allowed: 300, resetSec: 20 });

    expect(bucket.currentRatePerMinute()).toBe(30);
  });

  it("slows down linearly without a reset time", () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ ratePerMinute: 100, ...time });
    bucket.observeRateLimit({ count: 270, allowed: 300 });

    expect(bucket.currentRatePerMinute()).toBeCloseTo(50);
  });

  it("keeps the pace well below the limit", () => {
    const time = fakeTime();
    const bucket = new TokenBucket({ ratePerMinute: 100, ...time });
    bucket.observeRateLimit({ count: 290, allowed: 300 });
    bucket.observeRateLimit({ count: 100, allowed: 300, resetSec: 30 });

    expect(bucket.currentRatePerMinute()).toBe(100);
  });

  it("defaults under the Genesys limit", () => {
    expect(DEFAULT_RATE_PER_MINUTE).toBeLessThanOrEqual(GENESYS_DEFAULT_LIMIT_PER_MINUTE / 2);
  });
});
