import type { RateLimitInfo } from "../types.js";

/**
 * Reads `inin-ratelimit-count`, `inin-ratelimit-allowed` and `inin-ratelimit-reset`, the rate
 * headers Genesys Cloud puts on API responses. Returns `undefined` when count or allowed is
 * missing or not a number.
 * NOTE: that `reset` counts seconds until the window resets is inferred from example values.
 */
export function parseRateLimitHeaders(headers: Headers): RateLimitInfo | undefined {
  const count = readNumber(headers.get("inin-ratelimit-count"));
  const allowed = readNumber(headers.get("inin-ratelimit-allowed"));
  if (count === undefined || allowed === undefined) {
    return undefined;
  }

  const resetSec = readNumber(headers.get("inin-ratelimit-reset"));
  return resetSec === undefined ? { count, allowed } : { count, allowed, resetSec };
}

function readNumber(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) {
    return undefined;
  }

  return Number(value);
}
