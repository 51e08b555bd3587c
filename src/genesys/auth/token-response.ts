/**
 * Reading the response of `POST /oauth/token`.
 * @module
 */

import { AuthenticationError, type GenesysApiError } from "../errors.js";
import type { SecretRegistry } from "../masking.js";
import type { FailedResponse } from "../transport/error-body.js";
import { errorFromResponse } from "../transport/error-body.js";
import type { HttpResult } from "../transport/http-client.js";

const CREDENTIALS_HINT =
  "Check GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET. The OAuth client must exist in the org's region (GENESYSCLOUD_REGION) with grant type Client Credentials, and the secret must be current.";

export interface IssuedToken {
  accessToken: string;
  expiresInSec: number;
}

// NOTE: the SDK always reads expires_in from the token response. A response without it is read
// as the documented default lifetime of an OAuth client, 86 400 s.
const DEFAULT_EXPIRES_IN_SEC = 86_400;

/**
 * Reads `access_token` and `expires_in` from a successful response and registers the token as a
 * secret before anything else can see it.
 * @throws AuthenticationError when the response has no token.
 */
export function parseTokenResponse(result: HttpResult, secrets: SecretRegistry): IssuedToken {
  let body: unknown;
  try {
    body = JSON.parse(result.bodyText);
  } catch {
    body = undefined;
  }

  const raw = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const accessToken = raw.access_token;
  if (typeof accessToken !== "string" || accessToken === "") {
    throw new AuthenticationError({
      method: "POST",
      path: "/oauth/token",
      status: result.status,
      attempts: result.attempts,
      message: "POST /oauth/token returned no access_token",
      hint: "Check that GENESYSCLOUD_REGION points at a Genesys Cloud login service (or the emulator).",
      ...(result.correlationId === undefined ? {} : { correlationId: result.correlationId }),
    });
  }

  secrets.add(accessToken);
  const expiresIn = raw.expires_in;
  const expiresInSec =
    typeof expiresIn === "number" && Number.isFinite(expiresIn) && expiresIn > 0
      ? expiresIn
      : DEFAULT_EXPIRES_IN_SEC;
  return { accessToken, expiresInSec };
}

/**
 * Turns a failed token response into an error. OAuth errors follow RFC 6749 section 5.2
 * (`{"error": "invalid_client", "error_description": "..."}`); 400 and 401 become an
 * AuthenticationError naming the environment variables to check.
 */
export function tokenErrorFromResponse(failed: FailedResponse): GenesysApiError {
  const oauth = readOAuthError(failed.bodyText);
  if (oauth === undefined || (failed.status !== 400 && failed.status !== 401)) {
    return errorFromResponse(failed);
  }

  const description = oauth.description === undefined ? "" : `: ${oauth.description}`;
  return new AuthenticationError({
    method: failed.method,
    path: failed.path,
    status: failed.status,
    attempts: failed.attempts,
    genesysCode: oauth.error,
    ...(oauth.description === undefined ? {} : { genesysMessage: oauth.description }),
    ...(failed.correlationId === undefined ? {} : { correlationId: failed.correlationId }),
    message: `The login service rejected the token request with ${oauth.error}${description}`,
    hint:
      oauth.error === "unsupported_grant_type" || oauth.error === "unauthorized_client"
        ? "The OAuth client must have grant type Client Credentials (Genesys Cloud Admin > OAuth)."
        : CREDENTIALS_HINT,
    mask: failed.mask,
  });
}

function readOAuthError(bodyText: string): { error: string; description?: string } | undefined {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return undefined;
  }

  if (typeof body !== "object" || body === null) {
    return undefined;
  }

  const raw = body as Record<string, unknown>;
  if (typeof raw.error !== "string") {
    return undefined;
  }

  return typeof raw.error_description === "string"
    ? { error: raw.error, description: raw.error_description }
    : { error: raw.error };
}
