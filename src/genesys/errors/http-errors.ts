/**
 * Subclasses of `GenesysApiError`, one per way a caller acts on an HTTP error response.
 * @module
 */

import { type ApiErrorInit, GenesysApiError } from "./api-error.js";

/** HTTP 400: Genesys could not accept the request as sent. */
export class BadRequestError extends GenesysApiError {
  constructor(init: ApiErrorInit) {
    super(init, {
      code: "genesys.bad_request",
      hint: "Fix the value the Genesys message names; this request fails the same way if sent again.",
    });
  }
}

/** HTTP 401, or a failed token request: the credentials or the token were not accepted. */
export class AuthenticationError extends GenesysApiError {
  constructor(init: ApiErrorInit) {
    super(init, {
      code: "genesys.authentication_failed",
      hint: "Check GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET (or GENESYSCLOUD_ACCESS_TOKEN) and that GENESYSCLOUD_REGION is the region of your org.",
    });
  }
}

/** HTTP 403: the token's user or OAuth client lacks a permission. */
export class PermissionError extends GenesysApiError {
  /** Permissions Genesys named as missing, such as `conversation:call:add`. */
  readonly missingPermissions: string[];

  constructor(init: ApiErrorInit) {
    const missing = parseMissingPermissions(init);
    const hint =
      missing.length === 0
        ? "Give the OAuth client's role (or the user) the permission this request needs."
        : `Give the OAuth client's role (or the user) ${missing.length === 1 ? "the permission" : "one of the permissions"} ${missing.join(", ")}.`;
    super({ hint, ...init }, { code: "genesys.permission_denied", hint });
    this.missingPermissions = missing;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), missingPermissions: this.missingPermissions };
  }
}

// A Genesys permission is `domain:entity:action`, for example `conversation:call:add`.
const PERMISSION_PATTERN =
  /\b[A-Za-z][A-Za-z0-9]*:[A-Za-z*][A-Za-z0-9*]*:[A-Za-z*][A-Za-z0-9*]*\b/g;

/** Collects the permission names of a 403 response, from `messageParams` first, then the message. */
export function parseMissingPermissions(init: {
  messageParams?: Record<string, string>;
  genesysMessage?: string;
}): string[] {
  const texts = [...Object.values(init.messageParams ?? {}), init.genesysMessage ?? ""];
  const found = new Set<string>();
  for (const text of texts) {
    for (const match of String(text).matchAll(PERMISSION_PATTERN)) {
      found.add(match[0]);
    }
  }
  return [...found];
}

/** Subject of a directory look-up: the kind of entity and the value searched for. */
export interface LookupSubject {
  kind: "user" | "queue" | "contact";
  /** The email, name or id searched for. */
  value: string;
}

/** HTTP 404, or a directory look-up (user by email, queue by name) that found nothing. */
export class NotFoundError extends GenesysApiError {
  /** Set when a look-up found nothing; `status` is then the look-up's own (successful) status. */
  readonly lookup: LookupSubject | undefined;

  constructor(init: ApiErrorInit & { lookup?: LookupSubject }) {
    super(init, {
      code: init.lookup === undefined ? "genesys.not_found" : "lookup.not_found",
      hint: "Check the id, email or name; ids are the UUIDs shown in the Genesys Cloud admin pages.",
    });
    this.lookup = init.lookup;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), lookup: this.lookup };
  }
}

/** HTTP 429 that the client did not wait out: `Retry-After` above the cap, or attempts spent. */
export class RateLimitError extends GenesysApiError {
  /** Wait that `Retry-After` requested, when the response had one. */
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit & { retryAfterMs?: number }) {
    const wait =
      init.retryAfterMs === undefined
        ? "Wait a minute"
        : `Wait ${Math.ceil(init.retryAfterMs / 1000)} s`;
    super(init, {
      code: "genesys.rate_limited",
      hint: `${wait} and try again, or lower the request rate (bulk: --rate, --concurrency).`,
    });
    this.retryAfterMs = init.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** HTTP 5xx on a request that is safe to repeat, after the retries ran out. */
export class ServerError extends GenesysApiError {
  constructor(init: ApiErrorInit) {
    super(init, {
      code: "genesys.server_error",
      hint: "Genesys Cloud failed to handle the request; try again later and check status.mypurecloud.com.",
    });
  }
}
