import { randomUUID } from "node:crypto";
import { answerApiRequest, tooManyRequests } from "./api.js";
import type { RequestContext } from "./context.js";
import { answerControlRequest } from "./control-plane.js";
import { DROPPED, type Dropped } from "./dropped-connection.js";
import { defaultCodeForStatus, errorBody } from "./error-body.js";
import { takeFault } from "./faults.js";
import { ApiError, baseHeaders, errorResponse, jsonResponse } from "./responses.js";
import { type EmulatorState, recordRequest } from "./state.js";
import type { Clock, Fault, RequestLogEntry, Sleep } from "./types.js";

export interface DispatchOptions {
  state: EmulatorState;
  clock: Clock;
  sleep: Sleep;
  onRequest?: (entry: RequestLogEntry & { durationMs: number }) => void;
  onInternalError?: (error: unknown) => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Dispatch = (request: Request) => Promise<Response | Dropped>;

/**
 * Builds the emulator's dispatcher. Control-plane requests go straight to the control plane.
 * Every other request meets the scripted faults first, then the API, and is logged.
 */
export function createDispatch(options: DispatchOptions): Dispatch {
  return async (request) => {
    const startedMs = performance.now();
    const ctx = contextFor(options, request);
    if (ctx.path === "/__emulator" || ctx.path.startsWith("/__emulator/")) {
      return answerSafely(ctx, answerControlRequest, options);
    }

    const at = new Date(options.clock.now()).toISOString();
    const fault = takeFault(options.state.faults, ctx.method, ctx.path);
    const outcome = await answerWithFault(ctx, fault, options);
    const entry: RequestLogEntry = {
      at,
      method: ctx.method,
      path: ctx.path,
      status: outcome === DROPPED ? null : outcome.status,
    };
    recordRequest(options.state, entry);
    try {
      options.onRequest?.({ ...entry, durationMs: Math.round(performance.now() - startedMs) });
    } catch {
      // An access-log failure (such as a closed stderr) must not fail the request it describes.
    }
    return outcome;
  };
}

function contextFor(options: DispatchOptions, request: Request): RequestContext {
  const url = new URL(request.url);
  const given = request.headers.get("inin-correlation-id") ?? "";
  const useGiven = options.state.settings.acceptClientCorrelationId && UUID.test(given);
  const correlationId = useGiven ? given.toLowerCase() : randomUUID();
  return {
    request,
    url,
    method: request.method.toUpperCase(),
    path: url.pathname,
    params: {},
    exchange: { correlationId, headers: baseHeaders(correlationId, options.clock.now()) },
    state: options.state,
    clock: options.clock,
  };
}

/**
 * Applies a fault around the real response. A fault with a status replaces the API's response,
 * so the request has no effect. `drop: "before"` closes the connection before the request takes
 * effect, while `drop: "after"` and a bare `delayMs` let it take effect and then drop or delay
 * the response.
 */
async function answerWithFault(
  ctx: RequestContext,
  fault: Fault | undefined,
  options: DispatchOptions,
): Promise<Response | Dropped> {
  if (fault?.drop === "before") {
    return DROPPED;
  }
  if (fault?.status !== undefined) {
    if (fault.delayMs !== undefined) {
      await options.sleep(fault.delayMs);
    }
    return faultResponse(ctx, fault, fault.status);
  }

  const response = await answerSafely(ctx, answerApiRequest, options);
  if (fault?.delayMs !== undefined) {
    await options.sleep(fault.delayMs);
  }
  if (fault?.drop === "after") {
    return DROPPED;
  }
  return response;
}

function faultResponse(ctx: RequestContext, fault: Fault, status: number): Response {
  const headers = fault.headers ?? {};
  if (fault.body === undefined && status === 429) {
    const retryAfter = Object.entries(headers).find(
      ([name]) => name.toLowerCase() === "retry-after",
    )?.[1];
    const response = tooManyRequests(ctx, Number(retryAfter ?? 1) || 1);
    if (retryAfter === undefined) {
      response.headers.delete("Retry-After");
    }
    for (const [name, value] of Object.entries(headers)) {
      response.headers.set(name, value);
    }
    return response;
  }
  if (typeof fault.body === "string") {
    const textHeaders = new Headers(ctx.exchange.headers);
    textHeaders.set("Content-Type", "text/plain; charset=utf-8");
    for (const [name, value] of Object.entries(headers)) {
      textHeaders.set(name, value);
    }
    return new Response(fault.body, { status, headers: textHeaders });
  }
  const body =
    fault.body ?? errorBody(status, defaultCodeForStatus(status), ctx.exchange.correlationId);
  return jsonResponse(ctx.exchange, status, body, headers);
}

/** Runs a handler. An ApiError becomes an ErrorBody response and any other exception a bland 500. */
async function answerSafely(
  ctx: RequestContext,
  handler: (ctx: RequestContext) => Promise<Response>,
  options: DispatchOptions,
): Promise<Response> {
  try {
    return await handler(ctx);
  } catch (error) {
    if (error instanceof ApiError) {
      return errorResponse(
        ctx.exchange,
        error.status,
        error.code,
        error.params,
        error.extraHeaders,
      );
    }
    options.onInternalError?.(error);
    return errorResponse(ctx.exchange, 500, "internal.server.error");
  }
}
