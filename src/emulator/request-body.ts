import type { RequestContext } from "./context.js";
import { ApiError } from "./responses.js";

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/**
 * Reads a JSON request body. A body that is not `application/json` gets 415
 * `unsupported.media.type`; an empty or malformed one gets 400 `bad.request`, as the Platform
 * API spec lists for its JSON operations.
 */
export async function readJsonBody(ctx: RequestContext): Promise<unknown> {
  const type = mediaType(ctx.request);
  if (type !== "application/json" && !type.endsWith("+json")) {
    throw new ApiError(415, "unsupported.media.type");
  }

  const text = await ctx.request.text();
  if (text.trim() === "") {
    throw new ApiError(400, "bad.request");
  }

  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "bad.request");
  }
}

/** Reads a JSON body that must be an object (a JSON array, string or number is malformed input). */
export async function readJsonObject(ctx: RequestContext): Promise<Record<string, unknown>> {
  const body = await readJsonBody(ctx);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, "bad.request");
  }
  return body as Record<string, unknown>;
}
