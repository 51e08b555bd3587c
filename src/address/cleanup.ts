import type { AddressCleanup } from "./types.js";

/** Text after the clean-up, with a record of every character it removed or replaced. */
export interface CleanedInput {
  text: string;
  cleanup: AddressCleanup[];
}

/**
 * Invisible format characters that contacts apps and web pages paste around numbers: zero-width
 * characters and direction marks (U+200B–U+200F), bidirectional embeddings and overrides
 * (U+202A–U+202E), the word joiner and invisible operators (U+2060–U+2064), and the byte-order
 * mark (U+FEFF). Names from the Unicode Character Database.
 */
const FORMAT_CHARACTER_NAMES = new Map<number, string>([
  [0x200b, "ZERO WIDTH SPACE"],
  [0x200c, "ZERO WIDTH NON-JOINER"],
  [0x200d, "ZERO WIDTH JOINER"],
  [0x200e, "LEFT-TO-RIGHT MARK"],
  [0x200f, "RIGHT-TO-LEFT MARK"],
  [0x202a, "LEFT-TO-RIGHT EMBEDDING"],
  [0x202b, "RIGHT-TO-LEFT EMBEDDING"],
  [0x202c, "POP DIRECTIONAL FORMATTING"],
  [0x202d, "LEFT-TO-RIGHT OVERRIDE"],
  [0x202e, "RIGHT-TO-LEFT OVERRIDE"],
  [0x2060, "WORD JOINER"],
  [0x2061, "FUNCTION APPLICATION"],
  [0x2062, "INVISIBLE TIMES"],
  [0x2063, "INVISIBLE SEPARATOR"],
  [0x2064, "INVISIBLE PLUS"],
  [0xfeff, "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)"],
]);

/** No-break spaces; NFKC already maps them to U+0020, so they are recorded from the raw input. */
const NO_BREAK_SPACE_NAMES = new Map<number, string>([
  [0x00a0, "NO-BREAK SPACE"],
  [0x2007, "FIGURE SPACE"],
  [0x202f, "NARROW NO-BREAK SPACE"],
]);

const DECIMAL_DIGIT = /^\p{Nd}$/u;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Formats a code point as `U+200B`. */
export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Cleans an address before parsing: Unicode NFKC (full-width `＋` and digits become ASCII),
 * format characters removed, no-break spaces turned into spaces, and decimal digits of other
 * scripts (Arabic-Indic, Devanagari, ...) turned into ASCII digits. Each distinct character
 * changed is recorded once, in order of first appearance.
 */
export function cleanUpInput(input: string): CleanedInput {
  // Printable ASCII has nothing to clean, and it is most of what a contacts file holds.
  if (PRINTABLE_ASCII.test(input)) {
    return { text: input, cleanup: [] };
  }

  const changes = new Map<number, AddressCleanup>();
  const record = (codePoint: number, action: AddressCleanup["action"], description: string) => {
    if (!changes.has(codePoint)) {
      changes.set(codePoint, { codePoint: formatCodePoint(codePoint), action, description });
    }
  };

  recordCompatibilityCharacters(input, record);

  let text = "";
  for (const character of input.normalize("NFKC")) {
    const codePoint = character.codePointAt(0) ?? 0;
    const formatName = FORMAT_CHARACTER_NAMES.get(codePoint);
    if (formatName !== undefined) {
      record(codePoint, "removed", formatName);
      continue;
    }

    if (codePoint > 0x7f && DECIMAL_DIGIT.test(character)) {
      const digit = decimalDigitValue(codePoint);
      record(codePoint, "replaced", `decimal digit ${digit} of another script`);
      text += String(digit);
      continue;
    }

    text += character;
  }

  return { text, cleanup: [...changes.values()] };
}

/** Records no-break spaces and other compatibility characters that NFKC is about to replace. */
function recordCompatibilityCharacters(
  input: string,
  record: (codePoint: number, action: AddressCleanup["action"], description: string) => void,
): void {
  for (const character of input) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint < 0x80 || FORMAT_CHARACTER_NAMES.has(codePoint)) {
      continue;
    }

    const spaceName = NO_BREAK_SPACE_NAMES.get(codePoint);
    if (spaceName !== undefined) {
      record(codePoint, "replaced", `${spaceName}, read as a space`);
      continue;
    }

    const normalized = character.normalize("NFKC");
    if (normalized !== character && /^[\x20-\x7e]+$/.test(normalized)) {
      record(codePoint, "replaced", `compatibility form of "${normalized}"`);
    }
  }
}

/**
 * Returns the value of a decimal digit of any script. Unicode encodes every set of decimal digits
 * (general category Nd) as a contiguous run from 0 to 9, so the offset from the start of a
 * contiguous Nd region, modulo 10, is the digit's value.
 */
function decimalDigitValue(codePoint: number): number {
  let start = codePoint;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) {
    start -= 1;
  }

  return (codePoint - start) % 10;
}
