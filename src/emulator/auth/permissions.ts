import { ApiError } from "../responses.js";
import type { TokenRecord } from "./tokens.js";

// NOTE: the list format inside the message is not documented; the names are joined with ", ".
function listed(permissions: readonly string[]): Record<string, string> {
  return { permissions: permissions.join(", ") };
}

/** Throws 403 `missing.any.permissions` unless the token has at least one of the permissions. */
export function requireAnyPermission(token: TokenRecord, permissions: readonly string[]): void {
  if (permissions.some((permission) => token.permissions.has(permission))) {
    return;
  }
  throw new ApiError(403, "missing.any.permissions", listed(permissions));
}

/** Throws 403 `missing.permissions`, naming the missing ones, unless the token has all of them. */
export function requireAllPermissions(token: TokenRecord, permissions: readonly string[]): void {
  const missing = permissions.filter((permission) => !token.permissions.has(permission));
  if (missing.length === 0) {
    return;
  }
  throw new ApiError(403, "missing.permissions", listed(missing));
}

/**
 * Returns the token's user id; a client-credentials token has none and gets 400 `not.a.user`,
 * as the Platform API documents for user-context endpoints.
 */
export function requireUserContext(token: TokenRecord): string {
  if (token.userId === undefined) {
    throw new ApiError(400, "not.a.user");
  }
  return token.userId;
}
