import { addressFailure, quote } from "./errors.js";
import { type PhoneContext, resolvePhoneDigits } from "./phone-number.js";
import type { AddressResult } from "./types.js";

/** RFC 3966 visual separators (`-`, `.`, `(`, `)`); spaces are tolerated as pasted text has them. */
const VISUAL_SEPARATORS = /[-.()\s]/g;

const LETTER = /\p{L}/u;

/**
 * Reads an RFC 3966 `tel:` URI (the text after `tel:`). A global number (`+1-201-555-0123`) is
 * resolved like any international number, with `;ext=` as its extension. A local number needs a
 * `phone-context`. When that context is a global number prefix (`;phone-context=+1-914-555`), the
 * two are joined as RFC 3966 section 5.1.5 describes. A domain context names no country, so such
 * a number cannot be dialled as E.164 and is reported invalid.
 */
export function parseTelUri(rest: string, context: PhoneContext): AddressResult {
  const [numberPart = "", ...parameterParts] = rest.split(";");
  const parameters = readParameters(parameterParts);
  const number = numberPart.trim();
  if (number === "") {
    return addressFailure(
      context,
      "address.empty",
      "The tel: URI has no number.",
      "Write a number after tel:, such as tel:+1-201-555-0123.",
    );
  }

  if (LETTER.test(number)) {
    return addressFailure(
      context,
      "phone.contains_letters",
      `The tel: URI number ${quote(number)} contains letters; gcdial does not drop or convert them.`,
      "Write the number in digits only, such as tel:+1-201-555-0123.",
    );
  }

  const extension = parameters.get("ext")?.replace(VISUAL_SEPARATORS, "");
  if (extension !== undefined && !/^\d{1,10}$/.test(extension)) {
    return telFailure(
      context,
      `The extension ${quote(parameters.get("ext") ?? "")} in the tel: URI is not 1 to 10 digits.`,
      "invalid_extension",
    );
  }

  const digits = number.replace(VISUAL_SEPARATORS, "");
  if (digits.startsWith("+")) {
    return readGlobalNumber(digits.slice(1), extension, number, context);
  }

  return readLocalNumber(digits, extension, number, parameters.get("phone-context"), context);
}

function readGlobalNumber(
  digits: string,
  extension: string | undefined,
  display: string,
  context: PhoneContext,
): AddressResult {
  if (!/^\d+$/.test(digits)) {
    return telFailure(
      context,
      `The tel: URI number ${quote(display)} has characters other than digits and separators.`,
      "invalid_characters",
    );
  }

  return resolvePhoneDigits({ international: true, digits, extension, display }, context);
}

function readLocalNumber(
  digits: string,
  extension: string | undefined,
  display: string,
  phoneContext: string | undefined,
  context: PhoneContext,
): AddressResult {
  if (phoneContext === undefined) {
    return telFailure(
      context,
      `The tel: URI ${quote(`tel:${display}`)} is a local number without a phone-context, so its country is unknown.`,
      "missing_phone_context",
    );
  }

  const prefix = phoneContext.replace(VISUAL_SEPARATORS, "");
  if (!/^\+\d+$/.test(prefix)) {
    return telFailure(
      context,
      `The tel: URI ${quote(`tel:${display}`)} is local to ${quote(phoneContext)}, which names no country.`,
      "local_number",
    );
  }

  if (!/^\d+$/.test(digits)) {
    return telFailure(
      context,
      `The tel: URI number ${quote(display)} has characters other than digits and separators.`,
      "invalid_characters",
    );
  }

  const joined = `${prefix.slice(1)}${digits}`;
  return resolvePhoneDigits(
    { international: true, digits: joined, extension, display: `+${joined}` },
    context,
  );
}

/** Parameter names are case-insensitive (RFC 3966 section 3); a repeated name keeps its first value. */
function readParameters(parts: string[]): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const part of parts) {
    const [name = "", ...valueParts] = part.split("=");
    const key = name.trim().toLowerCase();
    if (key !== "" && !parameters.has(key)) {
      parameters.set(key, valueParts.join("=").trim());
    }
  }

  return parameters;
}

function telFailure(context: PhoneContext, message: string, reason: string): AddressResult {
  return addressFailure(
    context,
    "phone.invalid",
    message,
    "Write a global number with + and the country code, such as tel:+1-201-555-0123;ext=42.",
    reason,
  );
}
