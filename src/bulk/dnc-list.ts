import { addressKey, parseAddress } from "../address/index.js";
import type { ParsedAddress } from "../address/types.js";
import { BulkUsageError } from "./errors.js";

/**
 * Numbers not to call, matched by normalised key, so `+1 (201) 555-0123` on the list blocks
 * `201.555.0123` in the contacts. An entry without an extension blocks every extension of that
 * number, because dialling the extension still rings the listed line.
 */
export class DncList {
  private readonly keys = new Set<string>();
  private readonly numbers = new Set<string>();

  get size(): number {
    return this.keys.size;
  }

  add(address: ParsedAddress): void {
    this.keys.add(addressKey(address));
    if (address.kind === "phone" && address.extension === undefined) {
      this.numbers.add(address.value);
    }
  }

  blocks(address: ParsedAddress): boolean {
    if (this.keys.has(addressKey(address))) {
      return true;
    }
    return address.kind === "phone" && this.numbers.has(address.value);
  }
}

/** One entry of a do-not-call file with the line it came from. */
export interface DncEntry {
  line: number;
  text: string;
}

/**
 * Builds the list from entries read from a file. An entry that does not parse rejects the whole
 * list: a misread do-not-call list could let a run dial a number that must not be called.
 */
export function buildDncList(
  entries: Iterable<DncEntry>,
  options: { file: string; defaultCountry?: string | undefined },
): DncList {
  const list = new DncList();
  for (const entry of entries) {
    const result = parseAddress(entry.text, {
      defaultCountry: options.defaultCountry,
      field: "do-not-call entry",
    });
    if (!result.ok) {
      throw new BulkUsageError(
        `Line ${entry.line} of the do-not-call file ${options.file} is not a valid number: ${result.error.message}`,
        {
          code: "bulk.invalid_dnc_entry",
          hint: `Fix or remove that line. ${result.error.hint} If the file is a CSV with a header, name its column with --dnc-column.`,
        },
      );
    }
    list.add(result);
  }
  return list;
}

/**
 * Entries of a plain do-not-call file: one number per line, blank lines and lines starting with
 * `#` ignored.
 */
export function plainDncEntries(text: string): DncEntry[] {
  const entries: DncEntry[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const value = raw.trim();
    if (value === "" || value.startsWith("#")) {
      return;
    }
    entries.push({ line: index + 1, text: value });
  });
  return entries;
}
