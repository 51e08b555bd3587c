/**
 * Participant addresses: parse and normalise what a user writes as a call's destination or
 * sender. Pure (no I/O); the Genesys client and the CLI build on it.
 *
 * @module
 */

export { type CountryOption, readCountryOption } from "./countries.js";
export { DuplicateFinder } from "./duplicates.js";
export { ADDRESS_ERROR_CODES, AddressError } from "./errors.js";
export { addressKey } from "./key.js";
export { maskAddress, maskPhoneNumbersInText } from "./mask.js";
export { phoneMetadataVersion } from "./metadata-version.js";
export { parseAddress } from "./parse.js";
export type {
  AddressCleanup,
  AddressErrorCode,
  AddressErrorDetails,
  AddressFailure,
  AddressKind,
  AddressLookup,
  AddressResult,
  ParseAddressOptions,
  ParsedAddress,
} from "./types.js";
