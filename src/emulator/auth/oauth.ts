import { timingSafeEqual } from "node:crypto";
import type { RequestContext } from "../context.js";
import type { OrgClient } from "../org.js";
import { mediaType } from "../request-body.js";
import { jsonResponse } from "../responses.js";
import { issueToken, tokenLifetimeSec } from "./tokens.js";

/** RFC 6749 section 5.2 error codes of the login's error responses. */
type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "unsupported_grant_type"
  | "invalid_scope";

class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly challenge = false,
  ) {
    super(description);
  }
}

/**
 * `POST /oauth/token`, the login host's token endpoint. Only the client-credentials grant is
 * served. The client authenticates with HTTP Basic, as the official SDK does; credentials in the
 * form body are accepted only with the `formBodyCredentials` setting.
 */
export async function handleTokenRequest(ctx: RequestContext): Promise<Response> {
  try {
    return await issueClientCredentialsToken(ctx);
  } catch (error) {
    if (!(error instanceof OAuthError)) {
      throw error;
    }
    // RFC 6749 section 5.2: a client that authenticated with Basic gets a WWW-Authenticate challenge.
    const extra: Record<string, string> = error.challenge
      ? { "WWW-Authenticate": 'Basic realm="oauth"' }
      : {};
    return jsonResponse(
      ctx.exchange,
      error.status,
      { error: error.error, error_description: error.description },
      extra,
    );
  }
}

async function issueClientCredentialsToken(ctx: RequestContext): Promise<Response> {
  if (mediaType(ctx.request) !== "application/x-www-form-urlencoded") {
    throw new OAuthError(
      415,
      "invalid_request",
      "Content-Type must be application/x-www-form-urlencoded.",
    );
  }

  const form = new URLSearchParams(await ctx.request.text());
  const grantType = form.get("grant_type");
  if (grantType === null || grantType === "") {
    throw new OAuthError(400, "invalid_request", "The grant_type parameter is missing.");
  }

  const client = authenticateClient(ctx, form);
  if (grantType !== "client_credentials") {
    throw new OAuthError(
      400,
      "unsupported_grant_type",
      `The grant type ${grantType} is not supported; use client_credentials.`,
    );
  }

  if (form.has("scope") && ctx.state.settings.scopeParameter === "reject") {
    throw new OAuthError(
      400,
      "invalid_scope",
      "Client-credentials clients have roles, not scopes: omit scope.",
    );
  }

  const lifetimeSec = tokenLifetimeSec(ctx.state, client.id);
  const record = issueToken(ctx.state, {
    clientId: client.id,
    permissions: client.permissions,
    lifetimeSec,
    nowMs: ctx.clock.now(),
  });
  return jsonResponse(ctx.exchange, 200, {
    access_token: record.token,
    token_type: ctx.state.settings.tokenType,
    expires_in: lifetimeSec,
  });
}

function authenticateClient(ctx: RequestContext, form: URLSearchParams): OrgClient {
  const basic = basicCredentials(ctx.request);
  const inBody = form.has("client_id") || form.has("client_secret");
  if (basic !== undefined && inBody) {
    throw new OAuthError(
      400,
      "invalid_request",
      "Send client credentials either with HTTP Basic or in the body, not both.",
    );
  }

  if (basic === undefined && inBody && !ctx.state.settings.formBodyCredentials) {
    throw new OAuthError(
      401,
      "invalid_client",
      "Send the client id and secret with HTTP Basic authentication.",
    );
  }

  const credentials =
    basic ??
    (inBody
      ? { id: form.get("client_id") ?? "", secret: form.get("client_secret") ?? "" }
      : undefined);
  if (credentials === undefined) {
    throw new OAuthError(
      401,
      "invalid_client",
      "Client authentication is missing: send HTTP Basic credentials.",
    );
  }

  const client = ctx.state.org.clients.find((candidate) => candidate.id === credentials.id);
  if (client === undefined || !sameSecret(client.secret, credentials.secret)) {
    throw new OAuthError(
      401,
      "invalid_client",
      "Client authentication failed.",
      basic !== undefined,
    );
  }
  return client;
}

function basicCredentials(request: Request): { id: string; secret: string } | undefined {
  const header = request.headers.get("authorization");
  const encoded = header === null ? undefined : /^basic\s+(\S+)\s*$/i.exec(header)?.[1];
  if (encoded === undefined) {
    return undefined;
  }

  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) {
    return { id: decoded, secret: "" };
  }
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
