import { describe, expect, test } from "vitest";
import {
  type AttemptOutcome,
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  PauseGate,
  parseRateLimitHeaders,
  parseRetryAfter,
  type RequestKind,
  type RetryDecision,
  type RetryPolicy,
} from "../src/genesys/index.js";

const POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  defaultRetryAfterMs: 3_000,
};

type Expected =
  | { action: "accept" }
  | { action: "retry"; delayMs: number; pauseAll: boolean }
  | { action: "renew-token" }
  | { action: "fail"; failure: string; retryAfterMs?: number };

interface Row {
  name: string;
  kind: RequestKind;
  outcome: AttemptOutcome;
  attempt: number;
  expected: Expected;
}

const refused: AttemptOutcome = { type: "network", sent: false, causeCode: "ECONNREFUSED" };
const reset: AttemptOutcome = { type: "network", sent: true, causeCode: "UND_ERR_SOCKET" };
const timeout: AttemptOutcome = { type: "timeout" };
const status = (code: number, extra: Partial<AttemptOutcome> = {}): AttemptOutcome =>
  ({ type: "response", status: code, ...extra }) as AttemptOutcome;

// jitter 0.5 throughout: the backoff is half its ceiling (250, 500, 1000 ms for attempts 1-3).
const ROWS: Row[] = [
  {
    name: "200 read",
    kind: "read",
    outcome: status(200),
    attempt: 1,
    expected: { action: "accept" },
  },
  {
    name: "202 read",
    kind: "read",
    outcome: status(202),
    attempt: 1,
    expected: { action: "accept" },
  },
  {
    name: "200 create",
    kind: "create-call",
    outcome: status(200),
    attempt: 1,
    expected: { action: "accept" },
  },

  {
    name: "429 read waits Retry-After",
    kind: "read",
    outcome: status(429, { retryAfterMs: 2_000 }),
    attempt: 1,
    expected: { action: "retry", delayMs: 2_000, pauseAll: true },
  },
  {
    name: "429 create waits Retry-After",
    kind: "create-call",
    outcome: status(429, { retryAfterMs: 2_000 }),
    attempt: 1,
    expected: { action: "retry", delayMs: 2_000, pauseAll: true },
  },
  {
    name: "429 without Retry-After waits the default",
    kind: "create-call",
    outcome: status(429),
    attempt: 1,
    expected: { action: "retry", delayMs: 3_000, pauseAll: true },
  },
  {
    name: "429 at the cap still waits",
    kind: "read",
    outcome: status(429, { retryAfterMs: 60_000 }),
    attempt: 1,
    expected: { action: "retry", delayMs: 60_000, pauseAll: true },
  },
  {
    name: "429 above the cap fails at once",
    kind: "read",
    outcome: status(429, { retryAfterMs: 60_001 }),
    attempt: 1,
    expected: { action: "fail", failure: "rate-limited", retryAfterMs: 60_001 },
  },
  {
    name: "429 on the last attempt fails",
    kind: "create-call",
    outcome: status(429, { retryAfterMs: 1_000 }),
    attempt: 4,
    expected: { action: "fail", failure: "rate-limited", retryAfterMs: 1_000 },
  },

  {
    name: "401 renewable read",
    kind: "read",
    outcome: status(401, { canRenewToken: true }),
    attempt: 1,
    expected: { action: "renew-token" },
  },
  {
    name: "401 renewable create",
    kind: "create-call",
    outcome: status(401, { canRenewToken: true }),
    attempt: 1,
    expected: { action: "renew-token" },
  },
  {
    name: "401 after renewal",
    kind: "read",
    outcome: status(401, { canRenewToken: false }),
    attempt: 1,
    expected: { action: "fail", failure: "response" },
  },
  {
    name: "401 on a given token",
    kind: "read",
    outcome: status(401),
    attempt: 1,
    expected: { action: "fail", failure: "response" },
  },

  {
    name: "refused read backs off",
    kind: "read",
    outcome: refused,
    attempt: 1,
    expected: { action: "retry", delayMs: 250, pauseAll: false },
  },
  {
    name: "refused create backs off",
    kind: "create-call",
    outcome: refused,
    attempt: 2,
    expected: { action: "retry", delayMs: 500, pauseAll: false },
  },
  {
    name: "DNS failure create backs off",
    kind: "create-call",
    outcome: { type: "network", sent: false, causeCode: "ENOTFOUND" },
    attempt: 3,
    expected: { action: "retry", delayMs: 1_000, pauseAll: false },
  },
  {
    name: "refused on the last attempt",
    kind: "create-call",
    outcome: refused,
    attempt: 4,
    expected: { action: "fail", failure: "connection" },
  },

  {
    name: "timeout read backs off",
    kind: "read",
    outcome: timeout,
    attempt: 1,
    expected: { action: "retry", delayMs: 250, pauseAll: false },
  },
  {
    name: "timeout create is unknown",
    kind: "create-call",
    outcome: timeout,
    attempt: 1,
    expected: { action: "fail", failure: "outcome-unknown" },
  },
  {
    name: "reset read backs off",
    kind: "read",
    outcome: reset,
    attempt: 2,
    expected: { action: "retry", delayMs: 500, pauseAll: false },
  },
  {
    name: "reset create is unknown",
    kind: "create-call",
    outcome: reset,
    attempt: 1,
    expected: { action: "fail", failure: "outcome-unknown" },
  },
  {
    name: "timeout read on the last attempt",
    kind: "read",
    outcome: timeout,
    attempt: 4,
    expected: { action: "fail", failure: "connection" },
  },

  ...[500, 502, 503, 504].flatMap((code): Row[] => [
    {
      name: `${code} read backs off`,
      kind: "read",
      outcome: status(code),
      attempt: 1,
      expected: { action: "retry", delayMs: 250, pauseAll: false },
    },
    {
      name: `${code} create is unknown`,
      kind: "create-call",
      outcome: status(code),
      attempt: 1,
      expected: { action: "fail", failure: "outcome-unknown" },
    },
    {
      name: `${code} read on the last attempt`,
      kind: "read",
      outcome: status(code),
      attempt: 4,
      expected: { action: "fail", failure: "response" },
    },
  ]),

  ...[400, 403, 404, 409, 415, 501].flatMap((code): Row[] => [
    {
      name: `${code} read fails`,
      kind: "read",
      outcome: status(code),
      attempt: 1,
      expected: { action: "fail", failure: "response" },
    },
    {
      name: `${code} create fails`,
      kind: "create-call",
      outcome: status(code),
      attempt: 1,
      expected: { action: "fail", failure: "response" },
    },
  ]),
];

function comparable(decision: RetryDecision): Expected {
  switch (decision.action) {
    case "accept":
      return { action: "accept" };
    case "retry":
      return { action: "retry", delayMs: decision.delayMs, pauseAll: decision.pauseAll };
    case "renew-token":
      return { action: "renew-token" };
    case "fail":
      return decision.retryAfterMs === undefined
        ? { action: "fail", failure: decision.failure }
        : { action: "fail", failure: decision.failure, retryAfterMs: decision.retryAfterMs };
  }
}

describe("decideRetry", () => {
  test.each(ROWS)("$name", ({ kind, outcome, attempt, expected }) => {
    const decision = decideRetry(kind, outcome, attempt, POLICY, 0.5);

    expect(comparable(decision)).toEqual(expected);
  });

  test("every decision gives a reason", () => {
    for (const row of ROWS) {
      const decision = decideRetry(row.kind, row.outcome, row.attempt, POLICY, 0.5);
      if (decision.action !== "accept") {
        expect(decision.reason.length, row.name).toBeGreaterThan(0);
      }
    }
  });

  test("defaults match the documented policy", () => {
    expect(DEFAULT_RETRY_POLICY).toEqual(POLICY);
  });
});

describe("backoffDelayMs", () => {
  test("doubles up to the ceiling", () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => backoffDelayMs(attempt, POLICY, 1));

    expect(ceilings).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 20_000, 20_000]);
  });

  test("full jitter spans zero to the ceiling", () => {
    expect(backoffDelayMs(3, POLICY, 0)).toBe(0);
    expect(backoffDelayMs(3, POLICY, 0.25)).toBe(500);
    expect(backoffDelayMs(3, POLICY, 0.999)).toBe(1_998);
  });

  test("out-of-range jitter is clamped", () => {
    expect(backoffDelayMs(1, POLICY, -1)).toBe(0);
    expect(backoffDelayMs(1, POLICY, 7)).toBe(500);
  });
});

describe("parseRetryAfter", () => {
  const nowMs = Date.UTC(2026, 0, 5, 9, 0, 0);

  test("delay-seconds", () => {
    expect(parseRetryAfter("2", null, nowMs)).toBe(2_000);
    expect(parseRetryAfter(" 0 ", null, nowMs)).toBe(0);
    expect(parseRetryAfter("120", null, nowMs)).toBe(120_000);
  });

  test("HTTP date counts from the Date header", () => {
    const serverMs = nowMs + 3_600_000;
    const retryAt = new Date(serverMs + 7_000).toUTCString();

    expect(parseRetryAfter(retryAt, new Date(serverMs).toUTCString(), nowMs)).toBe(7_000);
  });

  test("HTTP date without a Date header counts from now", () => {
    const retryAt = new Date(nowMs + 4_000).toUTCString();

    expect(parseRetryAfter(retryAt, null, nowMs)).toBe(4_000);
  });

  test("a date in the past means no wait", () => {
    const retryAt = new Date(nowMs - 10_000).toUTCString();

    expect(parseRetryAfter(retryAt, undefined, nowMs)).toBe(0);
  });

  test("obsolete RFC 850 date form", () => {
    expect(parseRetryAfter("Monday, 05-Jan-26 09:00:09 GMT", null, nowMs)).toBe(9_000);
  });

  test("malformed values give no wait", () => {
    for (const value of [undefined, null, "", "  ", "-1", "1.5", "soon", "2 seconds", "0x10"]) {
      expect(parseRetryAfter(value, null, nowMs), String(value)).toBeUndefined();
    }
  });

  test("a malformed Date header falls back to now", () => {
    const retryAt = new Date(nowMs + 5_000).toUTCString();

    expect(parseRetryAfter(retryAt, "yesterday-ish", nowMs)).toBe(5_000);
  });
});

describe("parseRateLimitHeaders", () => {
  test("reads count, allowed and reset", () => {
    const headers = new Headers({
      "inin-ratelimit-count": "1",
      "inin-ratelimit-allowed": "180",
      "inin-ratelimit-reset": "61",
    });

    expect(parseRateLimitHeaders(headers)).toEqual({ count: 1, allowed: 180, resetSec: 61 });
  });

  test("reset is optional", () => {
    const headers = new Headers({ "inin-ratelimit-count": "5", "inin-ratelimit-allowed": "300" });

    expect(parseRateLimitHeaders(headers)).toEqual({ count: 5, allowed: 300 });
  });

  test("missing or malformed counts give nothing", () => {
    expect(parseRateLimitHeaders(new Headers())).toBeUndefined();
    expect(
      parseRateLimitHeaders(
        new Headers({ "inin-ratelimit-count": "x", "inin-ratelimit-allowed": "300" }),
      ),
    ).toBeUndefined();
  });
});

describe("PauseGate", () => {
  function gateWithClock() {
    let nowMs = 0;
    const sleeps: number[] = [];
    const gate = new PauseGate({ now: () => nowMs }, async (ms) => {
      sleeps.push(ms);
      nowMs += ms;
    });
    return { gate, sleeps, advance: (ms: number) => (nowMs += ms) };
  }

  test("is open until paused", async () => {
    const { gate, sleeps } = gateWithClock();

    await gate.wait();

    expect(sleeps).toEqual([]);
    expect(gate.remainingMs()).toBe(0);
  });

  test("waits out the remaining pause", async () => {
    const { gate, sleeps, advance } = gateWithClock();
    gate.pauseFor(3_000);
    advance(1_000);

    await gate.wait();

    expect(sleeps).toEqual([2_000]);
  });

  test("a longer pause extends, a shorter one does not cut", () => {
    const { gate } = gateWithClock();

    gate.pauseFor(3_000);
    gate.pauseFor(1_000);
    expect(gate.remainingMs()).toBe(3_000);

    gate.pauseFor(5_000);
    expect(gate.remainingMs()).toBe(5_000);
  });
});
