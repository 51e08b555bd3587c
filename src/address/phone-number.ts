import {
  type CountryCode,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from "libphonenumber-js/max";
import { describeCountry } from "./countries.js";
import { addressFailure, type FailureContext, quote } from "./errors.js";
import { invalidNumberReason } from "./number-length.js";
import { classifyShortNumber } from "./short-numbers.js";
import type { AddressResult, ParsedAddress } from "./types.js";

/** A phone number reduced to its digits, before the metadata decides whether it is valid. */
export interface PhoneDigits {
  /** True when the digits follow a `+` (so they start with the country calling code). */
  international: boolean;
  digits: string;
  extension: string | undefined;
  /** The number as the user wrote it, for messages. */
  display: string;
}

export interface PhoneContext extends FailureContext {
  defaultCountry: CountryCode | undefined;
  /** The default country as given, when the phone metadata has no such country. */
  unknownDefaultCountry: string | undefined;
}

/**
 * E.164 allows at most 15 digits. Longer digit strings are rejected before the metadata is asked,
 * allowing for an international prefix such as `011` or `0011` in front of 15 digits.
 */
const MAX_DIGITS = 19;

/** Finds the number that `digits` names, valid per the full libphonenumber metadata, or fails. */
export function resolvePhoneDigits(phone: PhoneDigits, context: PhoneContext): AddressResult {
  if (phone.digits.length === 0) {
    return addressFailure(
      context,
      "phone.invalid",
      `${quote(phone.display)} has no digits.`,
      "Write a phone number such as +1 201 555 0123.",
      "no_digits",
    );
  }

  if (phone.digits.length > MAX_DIGITS) {
    return invalidNumber(phone, context, "too_long");
  }

  if (phone.international) {
    return resolveInternational(phone, context);
  }

  return resolveNational(phone, context);
}

function resolveInternational(phone: PhoneDigits, context: PhoneContext): AddressResult {
  const text = `+${phone.digits}`;
  const number = parseQuietly(text, undefined);
  if (number?.isValid()) {
    return phoneAddress(number, phone, context);
  }

  return invalidNumber(phone, context, invalidNumberReason(text, undefined, number));
}

function resolveNational(phone: PhoneDigits, context: PhoneContext): AddressResult {
  if (context.unknownDefaultCountry !== undefined) {
    return addressFailure(
      context,
      "phone.invalid_country",
      `${quote(phone.display)} has no country code, and the default country ${quote(context.unknownDefaultCountry)} is not an ISO 3166 country code.`,
      "Give the default country as a two-letter code such as US, GB or DE, or write the number with + and its country code.",
    );
  }

  const country = context.defaultCountry;
  if (country === undefined) {
    return addressFailure(
      context,
      "phone.invalid_country",
      `${quote(phone.display)} has no country code, and no default country is set.`,
      "Write it in international form with + and the country code (such as +1 201 555 0123), or set a default country (--country US).",
    );
  }

  const number = parseQuietly(phone.digits, country);
  if (number?.isValid()) {
    return phoneAddress(number, phone, context);
  }

  const shortNumber =
    phone.digits.length <= 8 ? classifyShortNumber(phone.digits, country) : undefined;
  if (shortNumber !== undefined) {
    const description =
      shortNumber === "emergency" ? "an emergency number" : "a short service number";
    return addressFailure(
      context,
      "phone.emergency",
      `${quote(phone.display)} is ${description} in ${describeCountry(country)}; gcdial does not place calls to it.`,
      "Remove it from the list, or write the full international number of the service you mean.",
    );
  }

  return invalidNumber(phone, context, invalidNumberReason(phone.digits, country, number));
}

function phoneAddress(
  number: PhoneNumber,
  phone: PhoneDigits,
  context: PhoneContext,
): ParsedAddress {
  const parsed: ParsedAddress = {
    ok: true,
    kind: "phone",
    value: number.number,
    input: context.input,
  };
  if (phone.extension !== undefined) {
    parsed.extension = phone.extension;
  }

  if (context.cleanup.length > 0) {
    parsed.cleanup = context.cleanup;
  }

  return parsed;
}

/** libphonenumber-js throws on some inputs it cannot read; here that is just "no number". */
function parseQuietly(text: string, country: CountryCode | undefined): PhoneNumber | undefined {
  try {
    return parsePhoneNumberFromString(text, country);
  } catch {
    return undefined;
  }
}

const REASON_TEXT: Record<string, string> = {
  too_short: "it is too short",
  too_long: "it is too long",
  invalid_length: "no number of that country has this many digits",
  invalid_country_code: "it does not start with a country calling code",
  not_a_number: "it is not a phone number",
  not_in_plan: "it is not in that country's numbering plan",
};

function invalidNumber(phone: PhoneDigits, context: PhoneContext, reason: string): AddressResult {
  const where = phone.international ? "" : ` for ${describeCountry(context.defaultCountry ?? "")}`;
  const because = REASON_TEXT[reason] ?? reason;
  return addressFailure(
    context,
    "phone.invalid",
    `${quote(phone.display)} is not a valid phone number${where}: ${because}.`,
    invalidNumberHint(phone, context),
    reason,
  );
}

/** Suggests the likely fix: the right international prefix, `ext:` for short digits, or a check. */
function invalidNumberHint(phone: PhoneDigits, context: PhoneContext): string {
  const country = context.defaultCountry;
  if (!phone.international && country !== undefined && phone.digits.startsWith("00")) {
    const abroad = parseQuietly(`+${phone.digits.slice(2)}`, undefined);
    if (abroad?.isValid()) {
      const fromHere = abroad.format("IDD", { fromCountry: country });
      return `00 is not the international prefix in ${describeCountry(country)}: write ${abroad.number}${fromHere ? ` (or ${fromHere})` : ""}.`;
    }
  }

  if (!phone.international && phone.digits.length >= 2 && phone.digits.length <= 6) {
    return `If ${phone.digits} is an internal extension, write ext:${phone.digits}; otherwise write the full number with + and the country code.`;
  }

  if (phone.international) {
    return "Check for missing or extra digits, and write the full number with + and the country code, such as +1 201 555 0123.";
  }

  return "Check the digits, or write the number with + and its country code, such as +44 20 7946 0123.";
}
