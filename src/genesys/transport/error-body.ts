/**
 * Reading a Genesys `ErrorBody` and turning an error response into the matching error class.
 * @module
 */

import {
  type ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  GenesysApiError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
} from "../errors.js";
import { hintForGenesysCode } from "./genesys-codes.js";

/** The fields of the SDK model `ErrorBody` that gcdial reads. */
export interface ErrorBodyFields {
  code?: string;
  message?: string;
  messageWithParams?: string;
  messageParams?: Record<string, string>;
  /** The correlation id, repeated in the body. */
  contextId?: string;
}

/** Reads the `ErrorBody` fields of a response; anything that is not JSON gives no fields. */
export function readErrorBody(bodyText: string): ErrorBodyFields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return {};
  }

  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return {};
  }

  const raw = parsed as Record<string, unknown>;
  const fields: ErrorBodyFields = {};
  if (typeof raw.code === "string") {
    fields.code = raw.code;
  }
  if (typeof raw.message === "string") {
    fields.message = raw.message;
  }
  if (typeof raw.messageWithParams === "string") {
    fields.messageWithParams = raw.messageWithParams;
  }
  if (typeof raw.contextId === "string") {
    fields.contextId = raw.contextId;
  }
  if (typeof raw.messageParams === "object" && raw.messageParams !== null) {
    fields.messageParams = stringMap(raw.messageParams as Record<string, unknown>);
  }
  return fields;
}

function stringMap(value: Record<string, unknown>): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    map[key] = typeof item === "string" ? item : JSON.stringify(item);
  }
  return map;
}

/** An error response as the transport received it. */
export interface FailedResponse {
  method: string;
  path: string;
  status: number;
  bodyText: string;
  correlationId: string | undefined;
  attempts: number;
  retryAfterMs?: number;
  mask: (text: string) => string;
}

/** Builds the error class that matches the status, with the Genesys code's own hint if any. */
export function errorFromResponse(failed: FailedResponse): GenesysApiError {
  const body = readErrorBody(failed.bodyText);
  const init: ApiErrorInit = {
    method: failed.method,
    path: failed.path,
    status: failed.status,
    attempts: failed.attempts,
    mask: failed.mask,
  };
  if (body.code !== undefined) {
    init.genesysCode = body.code;
  }
  const message = body.message ?? body.messageWithParams;
  if (message !== undefined) {
    init.genesysMessage = message;
  }
  if (body.messageParams !== undefined) {
    init.messageParams = body.messageParams;
  }
  const correlationId = failed.correlationId ?? body.contextId;
  if (correlationId !== undefined) {
    init.correlationId = correlationId;
  }

  const special = hintForGenesysCode(body.code);
  if (special !== undefined) {
    init.hint = special.hint;
    if (special.code !== undefined) {
      init.code = special.code;
    }
  }

  return errorForStatus(init, failed.retryAfterMs);
}

function errorForStatus(init: ApiErrorInit, retryAfterMs: number | undefined): GenesysApiError {
  switch (true) {
    case init.status === 400:
      return new BadRequestError(init);
    case init.status === 401:
      return new AuthenticationError(init);
    case init.status === 403:
      return new PermissionError(init);
    case init.status === 404:
      return new NotFoundError(init);
    case init.status === 429:
      return new RateLimitError(retryAfterMs === undefined ? init : { ...init, retryAfterMs });
    case init.status >= 500:
      return new ServerError(init);
    default:
      return new GenesysApiError(init);
  }
}
