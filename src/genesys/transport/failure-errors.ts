/**
 * The errors a request ends with once the retry policy gives up: by status for an HTTP error
 * response, "outcome unknown" for a create-call request that may have been processed, and a
 * connection error when no response arrived at all.
 * @module
 */

import { ConnectionError, OutcomeUnknownError } from "../errors.js";
import type { AttemptResult } from "./attempt.js";
import { errorFromResponse, type FailedResponse, readErrorBody } from "./error-body.js";
import { hintForGenesysCode } from "./genesys-codes.js";
import type { HttpDependencies, HttpRequest } from "./http-client.js";

/** Kind of failure the retry policy ended with; see `RetryDecision`. */
export type FailureKind = "response" | "rate-limited" | "outcome-unknown" | "connection";

/** Returns the `ININ-Correlation-Id` of a response, or the `contextId` of its error body. */
export function correlationIdOf(result: AttemptResult): string | undefined {
  if (result.type !== "response") {
    return undefined;
  }

  return (
    result.response.headers.get("inin-correlation-id") ?? readErrorBody(result.bodyText).contextId
  );
}

/** Builds the error that ends a request after its last attempt. */
export function failureError(
  deps: HttpDependencies,
  request: HttpRequest,
  result: AttemptResult,
  attempts: number,
  failure: FailureKind,
  retryAfterMs: number | undefined,
): Error {
  const host = new URL(request.url).host;
  if (result.type !== "response") {
    return noResponseError(deps, request, result, attempts, failure, host);
  }

  const failed: FailedResponse = {
    method: request.method,
    path: request.path,
    status: result.response.status,
    bodyText: result.bodyText,
    correlationId: correlationIdOf(result),
    attempts,
    mask: deps.mask,
  };
  if (retryAfterMs !== undefined) {
    failed.retryAfterMs = retryAfterMs;
  }

  if (failure === "outcome-unknown") {
    const body = readErrorBody(result.bodyText);
    const advice = hintForGenesysCode(body.code);
    return new OutcomeUnknownError({
      method: request.method,
      path: request.path,
      endpoint: request.url,
      known: {
        reason: "server-error",
        status: result.response.status,
        ...(body.code === undefined ? {} : { genesysCode: body.code }),
        ...(body.message === undefined ? {} : { genesysMessage: body.message }),
      },
      ...(failed.correlationId === undefined ? {} : { correlationId: failed.correlationId }),
      ...(advice === undefined ? {} : { advice: advice.hint }),
      attempts,
      mask: deps.mask,
    });
  }

  // A "rate-limited" failure comes only from a 429, which errorFromResponse turns into a
  // RateLimitError carrying retryAfterMs.
  if (failure === "rate-limited") {
    return errorFromResponse(failed);
  }

  return request.errorForResponse?.(failed) ?? errorFromResponse(failed);
}

function noResponseError(
  deps: HttpDependencies,
  request: HttpRequest,
  result: Exclude<AttemptResult, { type: "response" }>,
  attempts: number,
  failure: string,
  host: string,
): Error {
  const causeCode = result.type === "timeout" ? "TIMEOUT" : result.causeCode;
  if (failure === "outcome-unknown") {
    return new OutcomeUnknownError({
      method: request.method,
      path: request.path,
      endpoint: request.url,
      known:
        result.type === "timeout"
          ? { reason: "timeout", timeoutMs: deps.timeoutMs }
          : { reason: "connection-lost", ...(causeCode === undefined ? {} : { causeCode }) },
      attempts,
      mask: deps.mask,
      cause: result.error,
    });
  }

  return new ConnectionError({
    method: request.method,
    path: request.path,
    host,
    ...(causeCode === undefined ? {} : { causeCode }),
    attempts,
    timeoutMs: deps.timeoutMs,
    mask: deps.mask,
    cause: result.error,
  });
}
