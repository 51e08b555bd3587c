import { type ErrorBody, type ErrorCode, errorBody } from "./error-body.js";

/** The response context of one request: its correlation id and the headers to add. */
export interface Exchange {
  readonly correlationId: string;
  /** Headers of every response to this request, rate-limit headers included once known. */
  readonly headers: Headers;
}

/**
 * Headers of every Genesys response: `ININ-Correlation-Id` and the no-cache trio seen in the
 * Genesys developer blog's trace of `GET /api/v2/users`. `Date` comes from the emulator's clock,
 * so that a client can read an HTTP-date `Retry-After` against the server's time.
 */
export function baseHeaders(correlationId: string, nowMs: number): Headers {
  return new Headers({
    Date: new Date(nowMs).toUTCString(),
    "ININ-Correlation-Id": correlationId,
    "Cache-Control": "no-cache, no-store, must-revalidate",
    Pragma: "no-cache",
    Expires: "0",
  });
}

export function jsonResponse(
  exchange: Exchange,
  status: number,
  body: unknown,
  extra?: Record<string, string>,
): Response {
  const headers = new Headers(exchange.headers);
  headers.set("Content-Type", "application/json");
  for (const [name, value] of Object.entries(extra ?? {})) {
    headers.set(name, value);
  }
  return new Response(JSON.stringify(body), { status, headers });
}

export function emptyResponse(exchange: Exchange, status: number): Response {
  return new Response(null, { status, headers: new Headers(exchange.headers) });
}

export function errorResponse(
  exchange: Exchange,
  status: number,
  code: ErrorCode,
  params?: Record<string, string>,
  extra?: Record<string, string>,
): Response {
  const body: ErrorBody = errorBody(status, code, exchange.correlationId, params);
  return jsonResponse(exchange, status, body, extra);
}

/** Error thrown by handlers to respond with an ErrorBody; the dispatcher turns it into a response. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly params?: Record<string, string>,
    readonly extraHeaders?: Record<string, string>,
  ) {
    super(code);
  }
}
