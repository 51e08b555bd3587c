/**
 * Parsing of the `Retry-After` header (RFC 9110 section 10.2.3): delay-seconds or an HTTP date.
 * @module
 */

/**
 * Returns the wait a `Retry-After` value asks for, in milliseconds, or `undefined` when the value
 * is missing or malformed (the caller then keeps the retry but uses its own delay).
 * An HTTP date is measured from the response's `Date` header when there is one, because the
 * server's clock and ours may differ; otherwise from `nowMs`. A date in the past means 0.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  responseDate: string | null | undefined,
  nowMs: number,
): number | undefined {
  const text = value?.trim();
  if (text === undefined || text === "") {
    return undefined;
  }

  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }

  const retryAtMs = parseHttpDate(text);
  if (retryAtMs === undefined) {
    return undefined;
  }

  const sentAtMs = parseHttpDate(responseDate?.trim() ?? "") ?? nowMs;
  return Math.max(0, retryAtMs - sentAtMs);
}

// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and the obsolete forms `Date.parse` reads. A text
// without letters is not a date here, so "5.5" or "-1" is rejected rather than read as a year.
function parseHttpDate(text: string): number | undefined {
  if (!/[A-Za-z]/.test(text)) {
    return undefined;
  }

  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
