import { AddressError, maskPhoneNumbersInText } from "../address/index.js";
import { GcdialError } from "../errors.js";
import {
  AmbiguousMatchError,
  AuthenticationError,
  ConfigurationError,
  ConnectionError,
  GenesysApiError,
  OutcomeUnknownError,
  PermissionError,
  RateLimitError,
} from "../genesys/errors.js";
import type { RowError } from "./journal.js";
import type { DialFailure } from "./runner.js";

/**
 * Decides how a row ends when placing its call threw. Only an error that proves no call was
 * created may leave the row dialable again. Anything that may have created one ends `unknown`.
 */
export function classifyDialError(error: unknown): DialFailure {
  if (error instanceof OutcomeUnknownError) {
    return { outcome: "unknown", error: rowError(error, error.correlationId) };
  }

  if (stopsTheRun(error)) {
    return { outcome: "not_sent", error: rowError(error as GcdialError), cause: error };
  }

  if (error instanceof AddressError) {
    return { outcome: "failed", error: rowError(error) };
  }

  if (error instanceof GenesysApiError) {
    // Only a 4xx proves that Genesys rejected the request. The client turns a 5xx on the create
    // POST into OutcomeUnknownError. Any other status (such as a 200 without a conversation id)
    // may have come with a created call.
    const rejected = error.status >= 400 && error.status < 500;
    return {
      outcome: rejected ? "failed" : "unknown",
      error: rowError(error, error.correlationId),
    };
  }

  return {
    outcome: "unknown",
    error: {
      code: error instanceof GcdialError ? error.code : "bulk.unexpected_error",
      message: maskPhoneNumbersInText(error instanceof Error ? error.message : String(error)),
      hint: "gcdial could not tell whether the call was placed; check Genesys Cloud before dialling this row again.",
    },
  };
}

/**
 * Errors that every later row would hit too, raised before Genesys processed the create
 * request: credentials (401), permissions (403), a 429 that outlasted the client's cap, no
 * connection at all, a bad option, or a sender look-up that failed.
 */
function stopsTheRun(error: unknown): boolean {
  if (
    error instanceof AuthenticationError ||
    error instanceof PermissionError ||
    error instanceof RateLimitError ||
    error instanceof ConnectionError ||
    error instanceof ConfigurationError ||
    error instanceof AmbiguousMatchError
  ) {
    return true;
  }

  // A 404 on the create POST means the user or queue of the request does not exist.
  return error instanceof GenesysApiError && error.status === 404;
}

function rowError(error: GcdialError, correlationId?: string): RowError {
  return {
    code: error.code,
    message: maskPhoneNumbersInText(error.message),
    hint: error.hint,
    correlationId,
  };
}
