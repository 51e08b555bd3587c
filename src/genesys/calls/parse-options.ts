/**
 * Reading the addresses and options of a call request before any look-up: every check that
 * needs no network, so a bad request fails before anything is sent.
 * @module
 */

import { AddressError, type ParsedAddress, parseAddress } from "../../address/index.js";
import { ConfigurationError } from "../errors.js";
import type { ExtensionPolicy, PlaceCallOptions } from "../types.js";

/** The parts of a call request, parsed and checked, with look-ups still to do. */
export interface ParsedCallOptions {
  to: ParsedAddress;
  /** Phone number (E.164) shown as caller id. */
  callerId?: ParsedAddress;
  callerIdName?: string;
  /** Queue the call is placed for. */
  fromQueue?: ParsedAddress;
  /** User the call is placed for (the `/calls/user/{userId}` endpoint). */
  onBehalfOf?: ParsedAddress;
  attributes?: Record<string, string>;
  uuiData?: string;
  label?: string;
  priority?: number;
  extensionPolicy: ExtensionPolicy;
}

export const EXTENSION_POLICIES: readonly ExtensionPolicy[] = ["reject", "tel-uri", "drop"];

/**
 * Parses `to`, `from`, `callerId`, `fromQueue` and `asUser`, and checks the other options.
 * @throws AddressError naming the field for an address that does not parse;
 *   ConfigurationError for options that contradict each other or cannot be sent.
 */
export function parseCallOptions(
  options: PlaceCallOptions,
  defaults: { defaultCountry?: string; extensionPolicy?: ExtensionPolicy },
): ParsedCallOptions {
  const country = options.defaultCountry ?? defaults.defaultCountry;
  const extensionPolicy = readExtensionPolicy(
    options.extensionPolicy ?? defaults.extensionPolicy ?? "reject",
  );
  const to = parseField(options.to, "to", country);
  const parsed: ParsedCallOptions = { to, extensionPolicy };

  if (options.callerId !== undefined) {
    parsed.callerId = parsePhoneField(options.callerId, "callerId", country);
  }
  if (options.fromQueue !== undefined) {
    parsed.fromQueue = parseNamedField(options.fromQueue, "fromQueue", "queue", country);
  }
  if (options.asUser !== undefined) {
    parsed.onBehalfOf = parseNamedField(options.asUser, "asUser", "user", country);
  }
  if (options.from !== undefined) {
    applyFrom(parsed, parseField(options.from, "from", country));
  }

  copyPlainOptions(parsed, options);
  return parsed;
}

function parseField(value: string, field: string, country: string | undefined): ParsedAddress {
  if (typeof value !== "string") {
    throw new ConfigurationError(`${field} must be a string, not ${typeof value}.`, {
      code: "call.invalid_option",
      option: field,
      hint: `Give ${field} as an address such as +12015550123, user:<email> or queue:<name>.`,
    });
  }

  const result = parseAddress(value, { defaultCountry: country, field });
  if (!result.ok) {
    throw AddressError.fromFailure(result);
  }
  return result;
}

function parsePhoneField(value: string, field: string, country: string | undefined): ParsedAddress {
  const parsed = parseField(value, field, country);
  if (parsed.kind !== "phone") {
    throw new ConfigurationError(
      `${field} must be a phone number, not a ${parsed.kind} address (${JSON.stringify(value)}).`,
      {
        code: "call.invalid_option",
        option: field,
        hint: `Give ${field} as a phone number, such as +12015550123.`,
      },
    );
  }

  if (parsed.extension !== undefined) {
    throw new ConfigurationError(
      `${field} ${JSON.stringify(value)} has an extension, which a caller id cannot carry.`,
      {
        code: "call.invalid_option",
        option: field,
        hint: `Give ${field} without the extension.`,
      },
    );
  }
  return parsed;
}

// `asUser` and `fromQueue` take a bare id, email or name as well as a `user:`/`queue:` address.
function parseNamedField(
  value: string,
  field: string,
  kind: "user" | "queue",
  country: string | undefined,
): ParsedAddress {
  const text = typeof value === "string" ? value.trim() : value;
  const hasScheme =
    typeof text === "string" &&
    (text.toLowerCase().startsWith(`${kind}:`) || text.toLowerCase().startsWith("genesys:"));
  const parsed = parseField(hasScheme ? text : `${kind}:${text}`, field, country);
  if (parsed.kind !== kind) {
    throw new ConfigurationError(
      `${field} must name a ${kind}, not a ${parsed.kind} (${JSON.stringify(value)}).`,
      {
        code: "call.invalid_option",
        option: field,
        hint: `Give ${field} as a ${kind} id or ${kind === "user" ? "email" : "name"}, or as ${kind}:<id>.`,
      },
    );
  }
  return parsed;
}

// `from` by kind: a phone number is the caller id, a queue the queue the call is placed for,
// and a user the user the call is placed on behalf of. Each may be given only once.
function applyFrom(parsed: ParsedCallOptions, from: ParsedAddress): void {
  switch (from.kind) {
    case "phone":
      parsed.callerId = mergeSender(parsed.callerId, from, "callerId");
      if (from.extension !== undefined) {
        throw new ConfigurationError(
          `from ${JSON.stringify(from.input)} has an extension, which a caller id cannot carry.`,
          {
            code: "call.invalid_option",
            option: "from",
            hint: "Give from without the extension.",
          },
        );
      }
      return;
    case "queue":
      parsed.fromQueue = mergeSender(parsed.fromQueue, from, "fromQueue");
      return;
    case "user":
      parsed.onBehalfOf = mergeSender(parsed.onBehalfOf, from, "asUser");
      return;
    default:
      throw new ConfigurationError(
        `from cannot be a ${from.kind} address (${JSON.stringify(from.input)}).`,
        {
          code: "call.invalid_option",
          option: "from",
          hint: "Give from as a phone number (caller id), queue:<name or id> or user:<email or id>.",
        },
      );
  }
}

function mergeSender(
  current: ParsedAddress | undefined,
  from: ParsedAddress,
  option: string,
): ParsedAddress {
  if (current === undefined || (current.value === from.value && current.by === from.by)) {
    return from;
  }

  throw new ConfigurationError(
    `from ${JSON.stringify(from.input)} and ${option} ${JSON.stringify(current.input)} name different senders.`,
    {
      code: "call.invalid_option",
      option: "from",
      hint: `Give the sender once: either from or ${option}.`,
    },
  );
}

function copyPlainOptions(parsed: ParsedCallOptions, options: PlaceCallOptions): void {
  if (options.callerIdName !== undefined) {
    parsed.callerIdName = requireString(options.callerIdName, "callerIdName");
  }
  if (options.uuiData !== undefined) {
    parsed.uuiData = requireString(options.uuiData, "uuiData");
  }
  if (options.label !== undefined) {
    parsed.label = requireString(options.label, "label");
  }
  if (options.attributes !== undefined) {
    parsed.attributes = readAttributes(options.attributes);
  }
  if (options.priority !== undefined) {
    parsed.priority = readPriority(options.priority, parsed.to);
  }
}

function requireString(value: unknown, option: string): string {
  if (typeof value === "string") {
    return value;
  }

  throw new ConfigurationError(`${option} must be a string, not ${JSON.stringify(value)}.`, {
    code: "call.invalid_option",
    option,
    hint: `Give ${option} as text.`,
  });
}

function readAttributes(attributes: unknown): Record<string, string> {
  if (typeof attributes !== "object" || attributes === null || Array.isArray(attributes)) {
    throw new ConfigurationError("attributes must be an object of names to text values.", {
      code: "call.invalid_option",
      option: "attributes",
      hint: 'Give attributes such as {"campaign": "spring"}; Genesys stores them as text on the customer participant.',
    });
  }

  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    checked[name] = requireString(value, `attributes.${name}`);
  }
  return checked;
}

// `priority` routes a call into a queue, so Genesys applies it only with `callQueueId`
// (SDK model CreateCallRequest: "if calling a queue").
function readPriority(priority: unknown, to: ParsedAddress): number {
  if (
    typeof priority !== "number" ||
    !Number.isInteger(priority) ||
    priority < -2_147_483_648 ||
    priority > 2_147_483_647
  ) {
    throw new ConfigurationError(
      `priority must be a 32-bit integer, not ${JSON.stringify(priority)}.`,
      {
        code: "call.invalid_option",
        option: "priority",
        hint: "Give priority as a whole number.",
      },
    );
  }

  if (to.kind !== "queue") {
    throw new ConfigurationError(
      `priority applies only to calls to a queue, and to is a ${to.kind} address.`,
      {
        code: "call.priority_needs_queue",
        option: "priority",
        hint: "Drop priority, or call a queue: to queue:<name or id>.",
      },
    );
  }
  return priority;
}

function readExtensionPolicy(value: unknown): ExtensionPolicy {
  if (EXTENSION_POLICIES.includes(value as ExtensionPolicy)) {
    return value as ExtensionPolicy;
  }

  throw new ConfigurationError(`extensionPolicy ${JSON.stringify(value)} is not known.`, {
    code: "call.invalid_option",
    option: "extensionPolicy",
    hint: `Give one of ${EXTENSION_POLICIES.join(", ")}.`,
  });
}
