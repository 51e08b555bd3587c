/**
 * The retry policy: settings plus one pure decision function, so the rules can be read in one
 * place and tested as a table.
 * @module
 */

/**
 * Kind of request, which decides whether it may be repeated. `read` is safe to repeat: a GET, a
 * search sent as POST, or a PATCH that sets a state. `create-call` may place a call, and Genesys has no idempotency key,
 * so a repeat after an unknown outcome can dial the same person twice.
 */
export type RequestKind = "read" | "create-call";

export interface RetryPolicy {
  /** Attempts per request, the first included; a 401 replay does not count. */
  maxAttempts: number;
  /** Backoff ceiling of the first retry; it doubles with each retry. */
  baseDelayMs: number;
  /** Highest backoff ceiling. */
  maxDelayMs: number;
  /** Longest `Retry-After` worth waiting; a longer one fails at once with its value. */
  maxRetryAfterMs: number;
  /** Wait after a 429 without a usable `Retry-After`. */
  defaultRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  defaultRetryAfterMs: 3_000,
};

/** Outcome of one attempt. */
export type AttemptOutcome =
  | {
      type: "response";
      status: number;
      /** Parsed `Retry-After`, for a 429. */
      retryAfterMs?: number;
      /** For a 401: whether the token provider can renew the token and has not done so yet. */
      canRenewToken?: boolean;
    }
  | {
      /** No HTTP response. `sent: false` only when the connection never opened (refused, DNS). */
      type: "network";
      sent: boolean;
      causeCode?: string;
    }
  | { type: "timeout" };

/** Decision after an attempt. */
export type RetryDecision =
  | { action: "accept" }
  | { action: "retry"; delayMs: number; pauseAll: boolean; reason: string }
  | { action: "renew-token"; reason: string }
  | {
      action: "fail";
      failure: "response" | "rate-limited" | "outcome-unknown" | "connection";
      retryAfterMs?: number;
      reason: string;
    };

// Statuses that mean "try again later" for a request that is safe to repeat. A 500 is included
// too, because Genesys returns it for transient faults as well as for failing services.
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

/**
 * Decides what follows attempt number `attempt` (1-based) of a request of `kind`.
 * `jitter` is a random number in [0, 1) for the backoff. With "full jitter" the delay is drawn
 * evenly between 0 and the exponential ceiling, so workers that failed together do not retry
 * together.
 */
export function decideRetry(
  kind: RequestKind,
  outcome: AttemptOutcome,
  attempt: number,
  policy: RetryPolicy,
  jitter = 1,
): RetryDecision {
  const attemptsLeft = attempt < policy.maxAttempts;

  if (outcome.type === "network" && !outcome.sent) {
    // Nothing reached the server, so even a create-call request is safe to send again.
    return attemptsLeft
      ? backoff(attempt, policy, jitter, "connection failed before the request was sent")
      : { action: "fail", failure: "connection", reason: "connection failed on every attempt" };
  }

  if (outcome.type === "network" || outcome.type === "timeout") {
    return unknownOutcome(kind, attemptsLeft, attempt, policy, jitter, "connection");
  }

  const status = outcome.status;
  if (status < 400) {
    return { action: "accept" };
  }

  if (status === 429) {
    return rateLimited(outcome.retryAfterMs, attemptsLeft, policy);
  }

  if (status === 401) {
    // A token can expire or be revoked between our check and the server's: renew once, replay once.
    return outcome.canRenewToken === true
      ? { action: "renew-token", reason: "401 on a token that can be renewed" }
      : { action: "fail", failure: "response", reason: "401 after renewal, or on a given token" };
  }

  if (TRANSIENT_STATUSES.has(status)) {
    return unknownOutcome(kind, attemptsLeft, attempt, policy, jitter, "response");
  }

  return { action: "fail", failure: "response", reason: `HTTP ${status} fails the same way again` };
}

// Genesys refused a 429 request before processing it, so repeating it is safe for every kind.
function rateLimited(
  retryAfterMs: number | undefined,
  attemptsLeft: boolean,
  policy: RetryPolicy,
): RetryDecision {
  const waitMs = retryAfterMs ?? policy.defaultRetryAfterMs;
  if (waitMs > policy.maxRetryAfterMs) {
    return {
      action: "fail",
      failure: "rate-limited",
      retryAfterMs: waitMs,
      reason: `Retry-After ${waitMs} ms is above the cap of ${policy.maxRetryAfterMs} ms`,
    };
  }

  if (!attemptsLeft) {
    return {
      action: "fail",
      failure: "rate-limited",
      retryAfterMs: waitMs,
      reason: "rate limited on every attempt",
    };
  }

  return { action: "retry", delayMs: waitMs, pauseAll: true, reason: "429 Retry-After" };
}

// Timeout, connection lost after sending, or 5xx: the server may have acted on the request.
function unknownOutcome(
  kind: RequestKind,
  attemptsLeft: boolean,
  attempt: number,
  policy: RetryPolicy,
  jitter: number,
  lastFailure: "response" | "connection",
): RetryDecision {
  if (kind === "create-call") {
    return {
      action: "fail",
      failure: "outcome-unknown",
      reason: "a create-call request is never repeated once it may have been processed",
    };
  }

  if (!attemptsLeft) {
    return { action: "fail", failure: lastFailure, reason: "no attempts left" };
  }

  return backoff(attempt, policy, jitter, "a read is safe to repeat");
}

function backoff(
  attempt: number,
  policy: RetryPolicy,
  jitter: number,
  reason: string,
): RetryDecision {
  return {
    action: "retry",
    delayMs: backoffDelayMs(attempt, policy, jitter),
    pauseAll: false,
    reason,
  };
}

/** Full-jitter exponential backoff: `jitter * min(maxDelayMs, baseDelayMs * 2^(attempt-1))`. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, jitter: number): number {
  const ceilingMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(ceilingMs * Math.min(Math.max(jitter, 0), 1));
}
