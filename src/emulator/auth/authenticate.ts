import { ApiError } from "../responses.js";
import type { EmulatorState } from "../state.js";
import { findValidToken, type TokenRecord } from "./tokens.js";

/**
 * Authenticates a request by its bearer token. No or malformed Authorization gets 401
 * `authentication.required`; an unknown, expired or revoked token gets 401 `bad.credentials`.
 * The scheme is matched case-insensitively because the official quick-hits send `bearer`.
 */
export function authenticate(state: EmulatorState, request: Request, nowMs: number): TokenRecord {
  const header = request.headers.get("authorization") ?? "";
  const token = /^bearer[ ]+(\S+)\s*$/i.exec(header)?.[1];
  if (token === undefined) {
    throw new ApiError(401, "authentication.required");
  }

  const record = findValidToken(state, token, nowMs);
  if (record === undefined) {
    throw new ApiError(401, "bad.credentials");
  }
  return record;
}
