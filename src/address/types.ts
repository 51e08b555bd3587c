import type { CountryCode } from "libphonenumber-js/max";

/** What an address names, and so which `CreateCallRequest` field carries it. */
export type AddressKind = "phone" | "sip" | "extension" | "user" | "queue" | "contact";

/** How a user or queue was named when it was not given by id. */
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
  /** Where the address came from, for messages: `to`, `from`, or a CSV column and line. */
  field?: string | undefined;
}

/** A character the clean-up removed or replaced before parsing, for the caller to report. */
export interface AddressCleanup {
  /** The code point as `U+200B`. */
  codePoint: string;
  /** What happened to it. */
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

/** Why an address was rejected, with what to write instead. */
export interface AddressErrorDetails {
  code: AddressErrorCode;
  /** What is wrong, in plain words, naming the value. */
  message: string;
  /** What to write instead. */
  hint: string;
  /** The input exactly as given. */
  input: string;
  /** Where the address came from, when the caller said. */
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

/** What `parseAddress` returns; it never throws for any string input. */
export type AddressResult = ParsedAddress | AddressFailure;
