import type { CountryCode } from "libphonenumber-js/max";

/** Kind of participant an address names, which decides the `CreateCallRequest` field that carries it. */
export type AddressKind = "phone" | "sip" | "extension" | "user" | "queue" | "contact";

/** Look-up key of a user or queue named by something other than its id. */
export type AddressLookup = "email" | "name";

/** Stable error codes of address parsing; documented in docs/errors.md. */
export const ADDRESS_ERROR_CODES = [
  "address.empty",
  "address.unsupported_scheme",
  "address.ambiguous",
  "address.invalid_id",
  "phone.invalid_country",
  "phone.invalid",
  "phone.contains_letters",
  "phone.emergency",
  "phone.scientific_notation",
  "sip.invalid",
] as const;

export type AddressErrorCode = (typeof ADDRESS_ERROR_CODES)[number];

export interface ParseAddressOptions {
  /** ISO 3166-1 alpha-2 country for national numbers, as libphonenumber names it (`US`, `GB`). */
  defaultCountry?: CountryCode | string | undefined;
  /** Source of the address for messages: `to`, `from`, or a CSV column and line. */
  field?: string | undefined;
}

/** A character the clean-up removed or replaced before parsing, for the caller to report. */
export interface AddressCleanup {
  /** The code point as `U+200B`. */
  codePoint: string;
  /** Action taken on the character. */
  action: "removed" | "replaced";
  /** Unicode name or a short description, such as `ZERO WIDTH SPACE`. */
  description: string;
}

/** A valid, normalised address. */
export interface ParsedAddress {
  ok: true;
  kind: AddressKind;
  /**
   * The normalised value: E.164 for `phone`, the URI for `sip`, digits for `extension`, and the
   * id, email or name for `user`, `queue` and `contact`.
   */
  value: string;
  /** The extension digits of a phone number, when the input carried one. */
  extension?: string;
  /** Set when a user or queue is named by email or name and must be looked up. */
  by?: AddressLookup;
  /** The input exactly as given. */
  input: string;
  /** Characters removed or replaced by the clean-up; absent when there were none. */
  cleanup?: AddressCleanup[];
}

/** Reason an address was rejected, with what to write instead. */
export interface AddressErrorDetails {
  code: AddressErrorCode;
  /** Plain-words description of the problem, naming the value. */
  message: string;
  /** Suggested fix: what to write instead. */
  hint: string;
  /** The input exactly as given. */
  input: string;
  /** Source of the address (`to`, `from`, a CSV column and line), when the caller gave one. */
  field?: string;
  /** For `phone.invalid`: which check failed (`too_short`, `too_long`, `not_in_plan`, ...). */
  reason?: string;
  /** Characters removed or replaced by the clean-up before the check failed. */
  cleanup?: AddressCleanup[];
}

export interface AddressFailure {
  ok: false;
  error: AddressErrorDetails;
}

/** Result of `parseAddress`, which returns one for any input and never throws. */
export type AddressResult = ParsedAddress | AddressFailure;
