import { apiRouter } from "./api-routes.js";
import { authenticate } from "./auth/authenticate.js";
import { handleTokenRequest } from "./auth/oauth.js";
import type { RequestContext } from "./context.js";
import { errorBody } from "./error-body.js";
import { rateLimitHeaders, takeRateLimitSlot } from "./rate-limit.js";
import { ApiError, errorResponse, jsonResponse } from "./responses.js";

/**
 * Handles a login or API request: `/oauth/token` (the login host's path), then `/api/v2/...`
 * with authentication, the per-token rate limit and routing, in that order.
 */
export async function answerApiRequest(ctx: RequestContext): Promise<Response> {
  if (ctx.path === "/oauth/token") {
    if (ctx.method !== "POST") {
      return errorResponse(ctx.exchange, 405, "method.not.allowed", undefined, { Allow: "POST" });
    }
    return handleTokenRequest(ctx);
  }

  if (!ctx.path.startsWith("/api/v2/")) {
    return errorResponse(ctx.exchange, 404, "not.found");
  }

  const nowMs = ctx.clock.now();
  const token = authenticate(ctx.state, ctx.request, nowMs);
  const decision = takeRateLimitSlot(ctx.state, token.token, nowMs);
  if (!decision.allowed) {
    return tooManyRequests(ctx, decision.retryAfterSec);
  }
  for (const [name, value] of Object.entries(rateLimitHeaders(decision))) {
    ctx.exchange.headers.set(name, value);
  }

  const match = apiRouter.match(ctx.method, ctx.path);
  if (match.kind === "not-found") {
    throw new ApiError(404, "not.found");
  }
  if (match.kind === "method-not-allowed") {
    throw new ApiError(405, "method.not.allowed", undefined, { Allow: match.allowed.join(", ") });
  }
  ctx.token = token;
  ctx.params = match.params;
  return match.handler(ctx);
}

/**
 * Builds the 429 that Genesys has sent since 2021-11-10 (developer forum, "Normalized Platform
 * API 429 responses"): `Retry-After` in seconds and code `too.many.requests.retry.after`, with
 * no message parameters.
 */
export function tooManyRequests(ctx: RequestContext, retryAfterSec: number): Response {
  const message = `Rate limit exceeded the maximum. Retry the request in [${retryAfterSec}] seconds`;
  const body = errorBody(
    429,
    "too.many.requests.retry.after",
    ctx.exchange.correlationId,
    undefined,
    message,
  );
  return jsonResponse(ctx.exchange, 429, body, { "Retry-After": String(retryAfterSec) });
}
