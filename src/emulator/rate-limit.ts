import type { EmulatorState } from "./state.js";

const WINDOW_MS = 60_000;

export type RateDecision =
  | { allowed: true; count: number; limit: number; resetSec: number }
  | { allowed: false; retryAfterSec: number };

/**
 * Counts one request against a token's fixed 60-second window, which starts at the token's first
 * request. Rejected requests are not counted. `resetSec` is the number of seconds until the window
 * ends: the Genesys developer blog shows `inin-ratelimit-reset: 61` without defining the unit.
 */
export function takeRateLimitSlot(state: EmulatorState, key: string, nowMs: number): RateDecision {
  const limit = state.settings.rateLimitPerMinute;
  let window = state.rateWindows.get(key);
  if (window === undefined || nowMs - window.startMs >= WINDOW_MS) {
    window = { startMs: nowMs, count: 0 };
    state.rateWindows.set(key, window);
  }

  const resetSec = Math.max(1, Math.ceil((window.startMs + WINDOW_MS - nowMs) / 1000));
  if (window.count >= limit) {
    return { allowed: false, retryAfterSec: resetSec };
  }

  window.count += 1;
  return { allowed: true, count: window.count, limit, resetSec };
}

export function rateLimitHeaders(decision: {
  count: number;
  limit: number;
  resetSec: number;
}): Record<string, string> {
  return {
    "inin-ratelimit-count": String(decision.count),
    "inin-ratelimit-allowed": String(decision.limit),
    "inin-ratelimit-reset": String(decision.resetSec),
  };
}
