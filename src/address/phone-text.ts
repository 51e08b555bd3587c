import { addressFailure, quote } from "./errors.js";
import { type PhoneContext, resolvePhoneDigits } from "./phone-number.js";
import type { AddressResult } from "./types.js";

/**
 * A number a spreadsheet stored as a float and shows in scientific notation (`1.55E+10`,
 * `1,55E+10` with a decimal comma). The digits past the precision shown are lost.
 */
const SCIENTIFIC_NOTATION = /^[+-]?\d+(?:[.,]\d+)?\s*[eE]\s*\+?\d+$/;

/**
 * An extension after the number: `ext. 42`, `ext 42`, `extn 42`, `extension 42`, `x42`, `#42`,
 * optionally after a comma or semicolon. The number must end in a digit or a closing bracket.
 */
const EXTENSION_SUFFIX =
  /^(?<main>.*[\d)])\s*[,;]?\s*(?:extension|extn|ext|x|#)\s*[.:=]?\s*(?<extension>\d+)$/i;

/** NOTE: 10 digits is gcdial's own limit; no source fixes a maximum extension length. */
const MAX_EXTENSION_DIGITS = 10;

/** Visual separators people write inside numbers, including Unicode dashes and the minus sign. */
const SEPARATOR = /[\s\-.()/\u2010-\u2015\u2212]/u;

const LETTER = /\p{L}/u;

/**
 * Reads a phone number written by a person: digits with separators, an optional leading `+`, an
 * optional extension. Letters are reported, never dropped; any other character makes it invalid.
 */
export function parsePhoneText(text: string, context: PhoneContext): AddressResult {
  if (SCIENTIFIC_NOTATION.test(text)) {
    return addressFailure(
      context,
      "phone.scientific_notation",
      `${quote(text)} is a number in scientific notation: a spreadsheet stored the phone number as a number and dropped digits.`,
      "Format the column as text in the spreadsheet, re-enter the full numbers (such as +1 201 555 0123), and save again.",
    );
  }

  const { main, extension } = splitExtension(text);
  if (LETTER.test(main)) {
    return lettersFailure(main, context);
  }

  if (extension !== undefined && extension.length > MAX_EXTENSION_DIGITS) {
    return addressFailure(
      context,
      "phone.invalid",
      `The extension ${extension} of ${quote(text)} is longer than ${MAX_EXTENSION_DIGITS} digits.`,
      "Check the extension digits.",
      "invalid_extension",
    );
  }

  return readDigits(main.trim(), extension, context);
}

function splitExtension(text: string): { main: string; extension: string | undefined } {
  const match = EXTENSION_SUFFIX.exec(text);
  if (match?.groups?.main === undefined || match.groups.extension === undefined) {
    return { main: text, extension: undefined };
  }

  return { main: match.groups.main, extension: match.groups.extension };
}

function readDigits(
  main: string,
  extension: string | undefined,
  context: PhoneContext,
): AddressResult {
  let digits = "";
  let international = false;
  // Indexing by code point, not by UTF-16 unit, so a character outside the BMP is reported whole.
  let index = 0;
  for (const character of main) {
    const isFirst = index === 0;
    index += 1;
    if (character >= "0" && character <= "9") {
      digits += character;
      continue;
    }

    if (character === "+" && isFirst) {
      international = true;
      continue;
    }

    if (SEPARATOR.test(character)) {
      continue;
    }

    return invalidCharacter(main, character, context);
  }

  return resolvePhoneDigits({ international, digits, extension, display: main }, context);
}

function invalidCharacter(main: string, character: string, context: PhoneContext): AddressResult {
  const codePoint = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
  const found =
    character === "+"
      ? "a + that is not at the start"
      : `the character ${quote(character)} (${codePoint})`;
  return addressFailure(
    context,
    "phone.invalid",
    `${quote(main)} is not a valid phone number: it contains ${found}.`,
    "Write only digits, spaces, dashes, dots or brackets, with + only at the start, such as +1 201 555 0123.",
    "invalid_characters",
  );
}

/** Letters on a phone keypad (ITU E.161): ABC on 2 up to WXYZ on 9. */
const KEYPAD = ["", "", "ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"];

function lettersFailure(main: string, context: PhoneContext): AddressResult {
  const hasDigits = /\d/.test(main);
  if (!hasDigits) {
    return addressFailure(
      context,
      "address.ambiguous",
      `${quote(main)} is not a phone number, and it does not say what else it is.`,
      `Write queue:${main.trim()} for a queue, user:<email> for a user, or sip:<user>@<host> for a SIP address.`,
    );
  }

  const vanity = vanityHint(main.trim(), context);
  return addressFailure(
    context,
    "phone.contains_letters",
    `${quote(main)} contains letters; gcdial does not drop or convert them.`,
    `Write the number in digits only.${vanity}`,
  );
}

/**
 * Offers the keypad reading of a vanity number (`1-800-FLOWERS`) only when those digits form a
 * valid number, so trailing junk such as `0123zz` gets no such suggestion.
 */
function vanityHint(main: string, context: PhoneContext): string {
  const keypadDigits = toKeypadDigits(main);
  if (keypadDigits === undefined) {
    return "";
  }

  const reading = parsePhoneText(keypadDigits, { ...context, cleanup: [] });
  if (!reading.ok || reading.kind !== "phone") {
    return "";
  }

  return ` If it is a vanity number, its keypad digits are ${reading.value}.`;
}

/** Converts Latin letters to keypad digits, or returns `undefined` when other letters occur. */
function toKeypadDigits(text: string): string | undefined {
  let result = "";
  for (const character of text.toUpperCase()) {
    if (!LETTER.test(character)) {
      result += character;
      continue;
    }

    const key = KEYPAD.findIndex((letters) => letters.includes(character));
    if (key < 0) {
      return undefined;
    }

    result += String(key);
  }

  return result;
}
