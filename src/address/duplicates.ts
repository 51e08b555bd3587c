import { addressKey } from "./key.js";
import type { ParsedAddress } from "./types.js";

const INITIAL_SLOTS = 1024;

/** Slot value for "empty": E.164 numbers are at least 2 digits, so 0 is never a number key. */
const EMPTY = 0;

/** Extension value for "no extension"; an extension is stored as the number `1<digits>`. */
const NO_EXTENSION = 0;

/** An extension longer than this could lose digits in a float64, so it is kept in the `Map`. */
const MAX_COMPACT_EXTENSION_DIGITS = 14;

/**
 * Remembers the first line on which each normalised address appeared, to report later lines as
 * duplicates. Phone numbers (the bulk of a contacts file) are kept as numbers in an
 * open-addressing hash table of typed arrays: E.164 digits, extension and line take 20 bytes a
 * slot at a load of at most one half. So a million distinct numbers take 40 to 80 MB at most,
 * and usually less. Other addresses (SIP URIs, users, queues) use a `Map` by `addressKey`.
 * E.164 allows at most 15 digits, which a float64 represents exactly (up to 2^53, about 9.007e15).
 */
export class DuplicateFinder {
  private numbers = new Float64Array(INITIAL_SLOTS);
  private extensions = new Float64Array(INITIAL_SLOTS);
  private lines = new Uint32Array(INITIAL_SLOTS);
  private used = 0;
  private readonly otherKeys = new Map<string, number>();

  /** Number of distinct addresses seen. */
  get size(): number {
    return this.used + this.otherKeys.size;
  }

  /**
   * Records `line` as the first appearance of the address unless it appeared before; returns the
   * earlier line in that case, `undefined` otherwise.
   */
  firstLineOf(parsed: ParsedAddress, line: number): number | undefined {
    const number = parsed.kind === "phone" ? Number(parsed.value.slice(1)) : Number.NaN;
    const extension = compactExtension(parsed.extension);
    if (!Number.isSafeInteger(number) || number <= EMPTY || extension === undefined) {
      return this.firstLineOfKey(addressKey(parsed), line);
    }

    return this.firstLineOfNumber(number, extension, line);
  }

  private firstLineOfKey(key: string, line: number): number | undefined {
    const earlier = this.otherKeys.get(key);
    if (earlier === undefined) {
      this.otherKeys.set(key, line);
    }

    return earlier;
  }

  private firstLineOfNumber(number: number, extension: number, line: number): number | undefined {
    const slot = this.findSlot(this.numbers, this.extensions, number, extension);
    if (this.numbers[slot] === number) {
      return this.lines[slot];
    }

    this.numbers[slot] = number;
    this.extensions[slot] = extension;
    this.lines[slot] = line;
    this.used += 1;
    if (this.used * 2 > this.numbers.length) {
      this.grow();
    }

    return undefined;
  }

  /** Linear probing from a multiplicative hash of the number's low and high 26 bits. */
  private findSlot(
    numbers: Float64Array,
    extensions: Float64Array,
    number: number,
    extension: number,
  ): number {
    const mask = numbers.length - 1;
    const low = number % 67_108_864;
    const high = Math.floor(number / 67_108_864);
    const mixed = Math.imul(low ^ high ^ Math.imul(extension % 67_108_864, 31), 0x9e3779b1);
    let slot = (mixed >>> 0) & mask;
    while (
      numbers[slot] !== EMPTY &&
      (numbers[slot] !== number || extensions[slot] !== extension)
    ) {
      slot = (slot + 1) & mask;
    }

    return slot;
  }

  private grow(): void {
    const oldNumbers = this.numbers;
    const oldExtensions = this.extensions;
    const oldLines = this.lines;
    this.numbers = new Float64Array(oldNumbers.length * 2);
    this.extensions = new Float64Array(oldNumbers.length * 2);
    this.lines = new Uint32Array(oldNumbers.length * 2);
    for (let index = 0; index < oldNumbers.length; index += 1) {
      const number = oldNumbers[index] ?? EMPTY;
      if (number === EMPTY) {
        continue;
      }

      const extension = oldExtensions[index] ?? NO_EXTENSION;
      const slot = this.findSlot(this.numbers, this.extensions, number, extension);
      this.numbers[slot] = number;
      this.extensions[slot] = extension;
      this.lines[slot] = oldLines[index] ?? 0;
    }
  }
}

/**
 * Encodes an extension as the number `1<digits>`, so `7` and `07` stay apart; returns
 * `undefined` for one too long to encode exactly.
 */
function compactExtension(extension: string | undefined): number | undefined {
  if (extension === undefined) {
    return NO_EXTENSION;
  }

  if (extension.length > MAX_COMPACT_EXTENSION_DIGITS || !/^\d+$/.test(extension)) {
    return undefined;
  }

  return Number(`1${extension}`);
}
