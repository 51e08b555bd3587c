/**
 * Masking of credentials in text. Errors and log lines pass through here when they are built,
 * so a token, client secret or Authorization header never reaches a message, `toJSON` or a log.
 * @module
 */

const MASK = "***";

// Credentials recognised by their shape, whatever their value: an Authorization header value,
// and a credential field in JSON, a form body or a query string.
const AUTH_SCHEME_PATTERN = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const CREDENTIAL_FIELD_PATTERN =
  /(?<![A-Za-z0-9_])("?(?:access_token|refresh_token|client_secret|clientSecret|accessToken|authorization|password)"?\s*[:=]\s*"?)(?!Bearer\b|Basic\b)[^"&\s,}]+/gi;

// A secret shorter than this is not searched for: masking every "abc" would garble text.
const MIN_SECRET_LENGTH = 6;

/** Masks credentials recognised by their shape: `Bearer x`, `access_token=x`, `"client_secret":"x"`. */
export function maskCredentialPatterns(text: string): string {
  return text
    .replace(AUTH_SCHEME_PATTERN, `$1 ${MASK}`)
    .replace(CREDENTIAL_FIELD_PATTERN, `$1${MASK}`);
}

/**
 * Secrets of one client: its client secret, the Basic credential built from it, and every
 * token it was issued or given. Shared by the client's token provider, transport, errors and
 * logger, so each can mask the exact values as well as the shapes.
 */
export class SecretRegistry {
  readonly #secrets = new Set<string>();

  /** Adds a value to mask from now on; short or empty values are ignored. */
  add(value: string | undefined): void {
    if (value === undefined || value.length < MIN_SECRET_LENGTH) {
      return;
    }

    this.#secrets.add(value);
  }

  /** Masks every known secret and every credential-shaped substring of `text`. */
  mask(text: string): string {
    let masked = text;
    for (const secret of this.#secrets) {
      masked = masked.split(secret).join(MASK);
    }
    return maskCredentialPatterns(masked);
  }
}

/** Masks secrets in every string of a plain value (objects and arrays are copied). */
export function maskDeep(value: unknown, mask: (text: string) => string, depth = 0): unknown {
  if (typeof value === "string") {
    return mask(value);
  }

  if (depth > 8 || value === null || typeof value !== "object") {
    return value;
  }

  if (Array.isArray(value)) {
    return value.map((item) => maskDeep(item, mask, depth + 1));
  }

  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = maskDeep(item, mask, depth + 1);
  }
  return copy;
}
