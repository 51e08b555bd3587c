import type { RequestContext } from "./context.js";
import { EmulatorInputError } from "./input-error.js";
import { addFault, issueUserToken, updateSettings } from "./operations.js";
import { mediaType } from "./request-body.js";
import { emptyResponse, jsonResponse } from "./responses.js";
import { Router } from "./router.js";
import { copySettings } from "./settings.js";
import { resetState } from "./state.js";

/** Reads an optional JSON body of a control-plane request; a malformed one is an input error. */
async function readControlBody(ctx: RequestContext): Promise<unknown> {
  const text = await ctx.request.text();
  if (text.trim() === "") {
    return undefined;
  }
  if (mediaType(ctx.request) !== "application/json") {
    throw new EmulatorInputError(
      "Send control-plane bodies as JSON with Content-Type: application/json.",
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new EmulatorInputError("The request body is not valid JSON.");
  }
}

async function readControlObject(
  ctx: RequestContext,
  example: string,
): Promise<Record<string, unknown>> {
  const body = await readControlBody(ctx);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new EmulatorInputError(`The body must be a JSON object such as ${example}.`);
  }
  return body as Record<string, unknown>;
}

async function reset(ctx: RequestContext): Promise<Response> {
  const body = (await readControlBody(ctx)) ?? {};
  const forgetTokens = (body as Record<string, unknown>).forgetTokens;
  if (forgetTokens !== undefined && typeof forgetTokens !== "boolean") {
    throw new EmulatorInputError(
      `forgetTokens must be true or false, not ${JSON.stringify(forgetTokens)}.`,
    );
  }
  resetState(ctx.state, { forgetTokens: forgetTokens === true });
  return emptyResponse(ctx.exchange, 204);
}

async function putSettings(ctx: RequestContext): Promise<Response> {
  const update = await readControlObject(ctx, '{"rateLimitPerMinute": 5}');
  return jsonResponse(ctx.exchange, 200, updateSettings(ctx.state, update));
}

async function postFault(ctx: RequestContext): Promise<Response> {
  const body = await readControlBody(ctx);
  return jsonResponse(ctx.exchange, 201, addFault(ctx.state, body));
}

async function postToken(ctx: RequestContext): Promise<Response> {
  const body = await readControlObject(ctx, '{"userId": "<id>", "expiresIn": 3600}');
  return jsonResponse(
    ctx.exchange,
    200,
    issueUserToken(ctx.state, ctx.clock.now(), body.userId, body.expiresIn, body.permissions),
  );
}

const router = new Router([
  { method: "POST", pattern: "/__emulator/reset", handler: reset },
  {
    method: "GET",
    pattern: "/__emulator/settings",
    handler: (ctx) => jsonResponse(ctx.exchange, 200, copySettings(ctx.state.settings)),
  },
  { method: "PUT", pattern: "/__emulator/settings", handler: putSettings },
  { method: "POST", pattern: "/__emulator/faults", handler: postFault },
  {
    method: "GET",
    pattern: "/__emulator/faults",
    handler: (ctx) => jsonResponse(ctx.exchange, 200, structuredClone(ctx.state.faults)),
  },
  {
    method: "DELETE",
    pattern: "/__emulator/faults",
    handler: (ctx) => {
      ctx.state.faults.length = 0;
      return emptyResponse(ctx.exchange, 204);
    },
  },
  {
    method: "GET",
    pattern: "/__emulator/requests",
    handler: (ctx) => jsonResponse(ctx.exchange, 200, ctx.state.requestLog),
  },
  {
    method: "GET",
    pattern: "/__emulator/calls",
    handler: (ctx) => jsonResponse(ctx.exchange, 200, ctx.state.callLog),
  },
  { method: "POST", pattern: "/__emulator/tokens", handler: postToken },
]);

function controlError(
  ctx: RequestContext,
  status: number,
  code: string,
  message: string,
  extra?: Record<string, string>,
): Response {
  return jsonResponse(ctx.exchange, status, { code, message, status }, extra);
}

/**
 * Handles the control plane under `/__emulator/`, for tests and demos: reset, settings, faults,
 * the request and call logs, and user tokens. It is not rate-limited, not logged and not faulted.
 */
export async function answerControlRequest(ctx: RequestContext): Promise<Response> {
  const match = router.match(ctx.method, ctx.path);
  if (match.kind === "not-found") {
    return controlError(
      ctx,
      404,
      "emulator.not_found",
      `${ctx.path} is not a control-plane endpoint.`,
    );
  }
  if (match.kind === "method-not-allowed") {
    const allowed = match.allowed.join(", ");
    return controlError(
      ctx,
      405,
      "emulator.method_not_allowed",
      `${ctx.path} accepts ${allowed}.`,
      { Allow: allowed },
    );
  }

  try {
    return await match.handler(ctx);
  } catch (error) {
    if (error instanceof EmulatorInputError) {
      return controlError(ctx, 400, "emulator.invalid_input", error.message);
    }
    throw error;
  }
}
