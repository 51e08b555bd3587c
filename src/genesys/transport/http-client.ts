/**
 * The retry loop every request goes through: pause gate, token, one attempt, one log line,
 * the `onResponse` hook, then `decideRetry` decides what follows.
 * @module
 */

import type { Logger } from "../logger.js";
import type { ClientHooks, Clock, ResponseInfo, Sleep, Timers } from "../types.js";
import { type AttemptResult, sendAttempt } from "./attempt.js";
import type { FailedResponse } from "./error-body.js";
import { correlationIdOf, failureError } from "./failure-errors.js";
import type { PauseGate } from "./pause-gate.js";
import { parseRateLimitHeaders } from "./rate-limit-headers.js";
import { parseRetryAfter } from "./retry-after.js";
import {
  type AttemptOutcome,
  decideRetry,
  type RequestKind,
  type RetryPolicy,
} from "./retry-policy.js";

/** Dependencies of the retry loop; one instance is shared by all requests of a client. */
export interface HttpDependencies {
  fetch: typeof fetch;
  clock: Clock;
  sleep: Sleep;
  timers: Timers;
  random: () => number;
  policy: RetryPolicy;
  timeoutMs: number;
  gate: PauseGate;
  logger: Logger;
  hooks: ClientHooks;
  mask: (text: string) => string;
}

/** Supplies the bearer token of an API request; see `TokenProvider`. */
export interface RequestAuthorizer {
  getToken(): Promise<string>;
  renewAfterRejection?(rejectedToken: string): Promise<string>;
}

export interface HttpRequest {
  method: string;
  /** Full URL, query included. */
  url: string;
  /** Path without the query, for logs, hooks and errors. */
  path: string;
  kind: RequestKind;
  headers?: Record<string, string>;
  body?: string;
  auth?: RequestAuthorizer;
  /** Builds the error for a failed response. The default picks the class by status and Genesys code. */
  errorForResponse?: (failed: FailedResponse) => Error;
}

/** A successful response. */
export interface HttpResult {
  status: number;
  headers: Headers;
  bodyText: string;
  correlationId: string | undefined;
  /** Attempts made, the first included. */
  attempts: number;
}

/** State of one request across its attempts. */
interface RequestState {
  attempts: number;
  /** Attempts that count against `maxAttempts`; a 401 replay does not. */
  countedAttempts: number;
  token: string | undefined;
  renewed: boolean;
}

/**
 * Sends `request`, retrying as `decideRetry` decides.
 * @throws GenesysApiError (by status), RateLimitError, OutcomeUnknownError, ConnectionError,
 *   or what the token provider throws.
 */
export async function sendWithRetries(
  deps: HttpDependencies,
  request: HttpRequest,
): Promise<HttpResult> {
  const state: RequestState = { attempts: 0, countedAttempts: 0, token: undefined, renewed: false };

  for (;;) {
    await deps.gate.wait();
    // Asked again on every attempt: a long Retry-After pause can outlast the token.
    if (request.auth !== undefined) {
      state.token = await request.auth.getToken();
    }

    state.attempts += 1;
    state.countedAttempts += 1;
    const startedMs = deps.clock.now();
    const result = await sendAttempt(
      deps.fetch,
      deps.timers,
      deps.timeoutMs,
      request.url,
      initFor(request, state.token),
    );
    const durationMs = deps.clock.now() - startedMs;

    const outcome = toOutcome(result, deps, request, state);
    const decision = decideRetry(
      request.kind,
      outcome,
      state.countedAttempts,
      deps.policy,
      deps.random(),
    );
    reportAttempt(deps, request, result, state.attempts, durationMs, decision);

    if (decision.action === "accept" && result.type === "response") {
      return successOf(result, state.attempts);
    }

    if (decision.action === "renew-token" && request.auth?.renewAfterRejection !== undefined) {
      state.token = await request.auth.renewAfterRejection(state.token ?? "");
      state.renewed = true;
      state.countedAttempts -= 1;
      continue;
    }

    if (decision.action === "retry") {
      if (decision.pauseAll) {
        deps.gate.pauseFor(decision.delayMs);
      } else {
        await deps.sleep(decision.delayMs);
      }
      continue;
    }

    const retryAfterMs = decision.action === "fail" ? decision.retryAfterMs : undefined;
    const failure = decision.action === "fail" ? decision.failure : "response";
    throw failureError(deps, request, result, state.attempts, failure, retryAfterMs);
  }
}

function initFor(request: HttpRequest, token: string | undefined): RequestInit {
  const headers: Record<string, string> = { accept: "application/json", ...request.headers };
  if (token !== undefined) {
    headers.authorization = `Bearer ${token}`;
  }

  const init: RequestInit = { method: request.method, headers };
  if (request.body !== undefined) {
    init.body = request.body;
  }
  return init;
}

function toOutcome(
  result: AttemptResult,
  deps: HttpDependencies,
  request: HttpRequest,
  state: RequestState,
): AttemptOutcome {
  if (result.type === "timeout") {
    return { type: "timeout" };
  }

  if (result.type === "network") {
    return result.causeCode === undefined
      ? { type: "network", sent: result.sent }
      : { type: "network", sent: result.sent, causeCode: result.causeCode };
  }

  const status = result.response.status;
  const outcome: AttemptOutcome = { type: "response", status };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(
      result.response.headers.get("retry-after"),
      result.response.headers.get("date"),
      deps.clock.now(),
    );
    if (retryAfterMs !== undefined) {
      outcome.retryAfterMs = retryAfterMs;
    }
  }

  if (status === 401) {
    outcome.canRenewToken = !state.renewed && request.auth?.renewAfterRejection !== undefined;
  }
  return outcome;
}

function successOf(
  result: Extract<AttemptResult, { type: "response" }>,
  attempts: number,
): HttpResult {
  return {
    status: result.response.status,
    headers: result.response.headers,
    bodyText: result.bodyText,
    correlationId: correlationIdOf(result),
    attempts,
  };
}

// One log line per attempt: method, path, status, duration, correlation id, and what follows.
function reportAttempt(
  deps: HttpDependencies,
  request: HttpRequest,
  result: AttemptResult,
  attempt: number,
  durationMs: number,
  decision: ReturnType<typeof decideRetry>,
): void {
  const correlationId = correlationIdOf(result);
  const fields = {
    status: attemptStatus(result),
    durationMs,
    correlationId,
    attempt,
    next: decision.action === "accept" ? undefined : decision.action,
    retryInMs: decision.action === "retry" ? decision.delayMs : undefined,
    reason: decision.action === "accept" ? undefined : decision.reason,
  };
  const message = `${request.method} ${request.path}`;
  if (decision.action === "accept") {
    deps.logger.info(message, fields);
  } else {
    deps.logger.warn(message, fields);
  }

  if (result.type === "response") {
    notifyResponseHook(deps, request, result.response, attempt, durationMs, correlationId);
  }
}

function notifyResponseHook(
  deps: HttpDependencies,
  request: HttpRequest,
  response: Response,
  attempt: number,
  durationMs: number,
  correlationId: string | undefined,
): void {
  if (deps.hooks.onResponse === undefined) {
    return;
  }

  const rateLimit = parseRateLimitHeaders(response.headers);
  const info: ResponseInfo = {
    method: request.method,
    path: request.path,
    status: response.status,
    durationMs,
    attempt,
    ...(correlationId === undefined ? {} : { correlationId }),
    ...(rateLimit === undefined ? {} : { rateLimit }),
  };
  // A failing hook must not turn a placed call into an error, which a caller could retry.
  try {
    deps.hooks.onResponse(info);
  } catch (error) {
    deps.logger.warn("the onResponse hook failed", {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

function attemptStatus(result: AttemptResult): string | number {
  switch (result.type) {
    case "response":
      return result.response.status;
    case "timeout":
      return "timeout";
    case "network":
      return result.causeCode ?? "no-response";
  }
}
