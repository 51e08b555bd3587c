/**
 * One HTTP attempt with a timeout, and the classification of what happened to it.
 * @module
 */

import type { Timers } from "../types.js";

/** Result of one attempt, before any retry decision. */
export type AttemptResult =
  | { type: "response"; response: Response; bodyText: string }
  | { type: "network"; sent: boolean; causeCode: string | undefined; error: unknown }
  | { type: "timeout"; error: unknown };

// Node's fetch refuses ports on the Fetch standard's "bad port" list (such as 1, 25, 6000)
// before it opens a connection, with a cause that has the message "bad port" and no code.
const BAD_PORT_CODE = "FETCH_BAD_PORT";

// Error codes that mean the connection never opened, so the request cannot have reached the
// server: Node's socket errors (ECONNREFUSED, DNS ENOTFOUND/EAI_AGAIN, unreachable networks)
// and undici's connect timeout. Every other failure may have come after the request was sent.
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  BAD_PORT_CODE,
]);

/**
 * Sends one request through `fetchFn` and reads the whole body, both within `timeoutMs`.
 * The timer runs on the injected `timers`, so tests can fire it in virtual time.
 */
export async function sendAttempt(
  fetchFn: typeof fetch,
  timers: Timers,
  timeoutMs: number,
  url: string,
  init: RequestInit,
): Promise<AttemptResult> {
  const controller = new AbortController();
  let timedOut = false;
  const handle = timers.setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`No response within ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);

  try {
    const response = await fetchFn(url, { ...init, signal: controller.signal });
    const bodyText = await response.text();
    return { type: "response", response, bodyText };
  } catch (error) {
    if (timedOut) {
      return { type: "timeout", error };
    }

    const causeCode = findErrorCode(error);
    const sent = causeCode === undefined || !NOT_SENT_CODES.has(causeCode);
    return { type: "network", sent, causeCode, error };
  } finally {
    timers.clearTimeout(handle);
  }
}

/**
 * Finds the system or undici error code of a failed fetch. Node's fetch rejects with
 * `TypeError("fetch failed")` whose `cause` has the code; a connection tried on several
 * addresses fails with an `AggregateError` whose `errors` have it.
 */
export function findErrorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== "object" || error === null) {
    return undefined;
  }

  const candidate = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof candidate.code === "string") {
    return candidate.code;
  }

  if (candidate.message === "bad port") {
    return BAD_PORT_CODE;
  }

  const fromCause = findErrorCode(candidate.cause, depth + 1);
  if (fromCause !== undefined) {
    return fromCause;
  }

  if (Array.isArray(candidate.errors)) {
    for (const inner of candidate.errors) {
      const code = findErrorCode(inner, depth + 1);
      if (code !== undefined) {
        return code;
      }
    }
  }

  return undefined;
}
