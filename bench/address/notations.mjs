// Ways people and spreadsheets write a phone number, used to build the messy address data set.
// Each function takes the seeded random generator and a `number` template (see phone-pool.mjs)
// and returns the cell text.
import { createWeightedPicker, pickOne, randomInt } from "../lib/random.mjs";

const invisibleCharacters = [
  "\u200b", // ZERO WIDTH SPACE
  "\u200e", // LEFT-TO-RIGHT MARK
  "\u200f", // RIGHT-TO-LEFT MARK
  "\u202a", // LEFT-TO-RIGHT EMBEDDING
  "\u2060", // WORD JOINER
  "\ufeff", // ZERO WIDTH NO-BREAK SPACE (a byte-order mark inside a cell)
  "\u00a0", // NO-BREAK SPACE
];

const extensionSuffixes = [" ext. ", " x", " ext ", ", ext. ", " extension ", " #"];

const letterCells = [
  "1-800-FLOWERS",
  "+1 201 555 CALL",
  "call me",
  "N/A",
  "+44 20 7946 OOOO",
  "unknown",
  "201-555-O123",
];

const sipCells = [
  "sip:alice@example.com",
  "sips:bob@pbx.example.org:5061",
  "sip:+12015550123@sip.example.com",
  "sip:9001@10.0.0.5;transport=tcp",
  "sip:@broken",
  "sip:",
];

const blankCells = ["", " ", "   ", "\u00a0", "\t"];

const emergencyCells = ["911", "112", "999", "000", "110"];

/** Replace the last digits of a formatted template with `digits`, keeping its punctuation. */
export function fillLastDigits(template, digits) {
  const characters = [...template];
  let remaining = digits.length;
  for (let index = characters.length - 1; index >= 0 && remaining > 0; index -= 1) {
    if (characters[index] >= "0" && characters[index] <= "9") {
      remaining -= 1;
      characters[index] = digits[remaining];
    }
  }
  return characters.join("");
}

function randomDigits(random, count) {
  let digits = "";
  for (let index = 0; index < count; index += 1) {
    digits += String(Math.floor(random() * 10));
  }
  return digits;
}

/** Return the number's templates with a fresh random subscriber part, so most rows differ. */
export function varyNumber(random, number) {
  const suffix = randomDigits(random, number.variableDigits);
  return {
    e164: fillLastDigits(number.e164, suffix),
    international: fillLastDigits(number.international, suffix),
    national: fillLastDigits(number.national, suffix),
    rfc3966: fillLastDigits(number.rfc3966, suffix),
    nationalVariants: number.nationalVariants.map((template) => fillLastDigits(template, suffix)),
  };
}

function toDigitBlock(text, zeroCodePoint) {
  return text.replace(/[0-9]/g, (digit) => String.fromCodePoint(zeroCodePoint + Number(digit)));
}

function insertAt(text, position, insertion) {
  return text.slice(0, position) + insertion + text.slice(position);
}

const notations = {
  e164: (_random, number) => number.e164,
  international: (_random, number) => number.international,
  national: (random, number) => pickOne(random, [number.national, ...number.nationalVariants]),
  idd00: (_random, number) => `00${number.international.slice(1)}`,
  idd011: (_random, number) => `011 ${number.international.slice(1)}`,
  telUri: (_random, number) => number.rfc3966,
  extension: (random, number) => {
    const extension = String(randomInt(random, 1, 9999));
    if (random() < 0.3) {
      return `${number.rfc3966};ext=${extension}`;
    }
    const base = random() < 0.5 ? number.international : number.national;
    return base + pickOne(random, extensionSuffixes) + extension;
  },
  fullWidth: (random, number) => {
    const digits = toDigitBlock(number.international, 0xff10);
    return random() < 0.5 ? digits.replace("+", "\uff0b") : digits;
  },
  arabicIndic: (_random, number) => toDigitBlock(number.international, 0x0660),
  invisible: (random, number) => {
    let text = random() < 0.5 ? number.international : number.e164;
    const count = randomInt(random, 1, 3);
    for (let index = 0; index < count; index += 1) {
      text = insertAt(
        text,
        randomInt(random, 0, text.length),
        pickOne(random, invisibleCharacters),
      );
    }
    return random() < 0.3 ? ` ${text}\u00a0` : text;
  },
  blank: (random) => pickOne(random, blankCells),
  letters: (random) => pickOne(random, letterCells),
  scientific: (random, number) => {
    const value = Number(number.e164.slice(1));
    return value.toExponential(randomInt(random, 6, 10)).toUpperCase();
  },
  sip: (random) => pickOne(random, sipCells),
  tooShort: (_random, number) => number.e164.slice(0, -3),
  tooLong: (random, number) => number.e164 + randomDigits(random, 4),
  unknownCountryCode: (random) => `+999 ${randomDigits(random, 8)}`,
  emergency: (random) => pickOne(random, emergencyCells),
  randomDigits: (random) => randomDigits(random, randomInt(random, 3, 16)),
};

/** How often each notation appears, in percent of rows. */
export const notationWeights = [
  ["e164", 20],
  ["international", 12],
  ["national", 12],
  ["idd00", 5],
  ["idd011", 5],
  ["telUri", 6],
  ["extension", 6],
  ["fullWidth", 3],
  ["arabicIndic", 3],
  ["invisible", 6],
  ["blank", 3],
  ["letters", 3],
  ["scientific", 2],
  ["sip", 3],
  ["tooShort", 3],
  ["tooLong", 3],
  ["unknownCountryCode", 1],
  ["emergency", 1],
  ["randomDigits", 3],
];

const pickNotation = createWeightedPicker(notationWeights);

/** Write one phone cell: pick a notation by weight and apply it to a varied number. */
export function writePhoneCell(random, number) {
  const notation = pickNotation(random);
  return { notation, text: notations[notation](random, varyNumber(random, number)) };
}
