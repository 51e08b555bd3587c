import { addressFailure, type FailureContext, quote } from "./errors.js";
import type { AddressKind, AddressLookup, AddressResult, ParsedAddress } from "./types.js";

/** Genesys Cloud ids are UUIDs (`6f1c2b1e-0000-4000-8000-000000000001`). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A plain email address: one @, no spaces, a dot in the domain. Enough to tell it from a name. */
export const EMAIL = /^[^\s@<>()"]+@[^\s@<>()"]+\.[^\s@<>()".]+$/;

/** NOTE: 2 to 6 digits is gcdial's rule for an org dial plan's internal extensions. */
const EXTENSION = /^\d{2,6}$/;

/** Control characters cannot be part of a queue name typed by a person. */
const CONTROL = /\p{Cc}/u;

const MAX_NAME_LENGTH = 256;

const EXAMPLE_ID = "6f1c2b1e-0000-4000-8000-000000000001";

/** Reads the value after `user:`: an id, or an email that is looked up when the call is placed. */
export function parseUser(value: string, context: FailureContext): AddressResult {
  if (UUID.test(value)) {
    return named("user", value.toLowerCase(), undefined, context);
  }

  if (EMAIL.test(value)) {
    return named("user", value, "email", context);
  }

  return addressFailure(
    context,
    "address.invalid_id",
    `${quote(value)} after user: is neither a user id nor an email address.`,
    `Write user:<id> (such as user:${EXAMPLE_ID}) or user:<email> (such as user:alice@example.com).`,
  );
}

/** Reads the value after `queue:`: an id, or a queue name that is looked up. */
export function parseQueue(value: string, context: FailureContext): AddressResult {
  if (UUID.test(value)) {
    return named("queue", value.toLowerCase(), undefined, context);
  }

  if (CONTROL.test(value) || value.length > MAX_NAME_LENGTH) {
    return addressFailure(
      context,
      "address.invalid_id",
      `${quote(value)} after queue: is neither a queue id nor a queue name.`,
      `Write queue:<id> or queue:<name> (such as queue:Sales), with a name of at most ${MAX_NAME_LENGTH} characters.`,
    );
  }

  return named("queue", value, "name", context);
}

/** Reads the value after `contact:`: an external contact id. */
export function parseContact(value: string, context: FailureContext): AddressResult {
  if (UUID.test(value)) {
    return named("contact", value.toLowerCase(), undefined, context);
  }

  return addressFailure(
    context,
    "address.invalid_id",
    `${quote(value)} after contact: is not an external contact id.`,
    `Write contact:<id>, such as contact:${EXAMPLE_ID}; to dial a number, write the number itself.`,
  );
}

/** Reads the value after `ext:`: an internal extension of 2 to 6 digits. */
export function parseExtension(value: string, context: FailureContext): AddressResult {
  if (EXTENSION.test(value)) {
    return named("extension", value, undefined, context);
  }

  return addressFailure(
    context,
    "address.invalid_id",
    `${quote(value)} after ext: is not an internal extension of 2 to 6 digits.`,
    "Write ext: followed by 2 to 6 digits, such as ext:9001; write a longer number with + and its country code.",
  );
}

const GENESYS_URI = /^genesys:\/\/(?<kind>[^/]*)\/(?<id>.*)$/i;

/**
 * Reads `genesys://user/<id>`, `genesys://queue/<id>` and `genesys://external/<id>`. These are not
 * Genesys Cloud syntax (the API takes `callUserId`, `callQueueId` and `externalContactId`), but a
 * widely copied tutorial uses them, so they are read as `user:`, `queue:` and `contact:` ids.
 */
export function parseGenesysUri(text: string, context: FailureContext): AddressResult {
  const match = GENESYS_URI.exec(text);
  const kind = match?.groups?.kind?.toLowerCase();
  const id = match?.groups?.id ?? "";
  const target =
    kind === "user"
      ? "user"
      : kind === "queue"
        ? "queue"
        : kind === "external"
          ? "contact"
          : undefined;
  if (target === undefined) {
    return addressFailure(
      context,
      "address.unsupported_scheme",
      `${quote(text)} is not an address gcdial reads; genesys: is not Genesys Cloud syntax.`,
      "Write user:<id>, queue:<id> or contact:<id> (the tutorial forms genesys://user/<id>, genesys://queue/<id> and genesys://external/<id> are also read).",
    );
  }

  if (id === "") {
    return addressFailure(
      context,
      "address.empty",
      `${quote(text)} has no id.`,
      `Write ${target}:<id>, such as ${target}:${EXAMPLE_ID}.`,
    );
  }

  if (!UUID.test(id)) {
    return addressFailure(
      context,
      "address.invalid_id",
      `${quote(id)} in ${quote(text)} is not a Genesys Cloud id.`,
      `Write ${target}:<id> with the ${target}'s id, such as ${target}:${EXAMPLE_ID}.`,
    );
  }

  return named(target, id.toLowerCase(), undefined, context);
}

function named(
  kind: AddressKind,
  value: string,
  by: AddressLookup | undefined,
  context: FailureContext,
): ParsedAddress {
  const parsed: ParsedAddress = { ok: true, kind, value, input: context.input };
  if (by !== undefined) {
    parsed.by = by;
  }

  if (context.cleanup.length > 0) {
    parsed.cleanup = context.cleanup;
  }

  return parsed;
}
