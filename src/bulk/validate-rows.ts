import { addressKey, parseAddress } from "../address/index.js";
import type { ParsedAddress } from "../address/types.js";
import type { ExtensionPolicy } from "../genesys/types.js";
import type { DncList } from "./dnc-list.js";
import type { NewRow } from "./journal.js";
import { countryTimeZone, isValidTimeZone } from "./time-zones.js";
import type { CallingWindow } from "./types.js";

/** A record of the contacts file: its cells by column name, or why it could not be read. */
export type ContactRecord =
  | { kind: "row"; line: number; cells: Readonly<Record<string, string>> }
  | {
      kind: "malformed";
      line: number;
      error: { code: string; message: string; hint?: string | undefined };
    };

export interface ValidationOptions {
  column: string;
  defaultCountry?: string | undefined;
  /** With `reject` (the default), a number with an extension cannot be dialled. */
  extensionPolicy?: ExtensionPolicy | undefined;
  dnc?: DncList | undefined;
  /** Without a window no time zone is needed, and none is looked for. */
  window?: CallingWindow | undefined;
  timeZone?: string | undefined;
  timeZoneColumn?: string | undefined;
  nowMs: number;
}

/**
 * Checks every record before the first call and decides its first state. The order of the
 * rules: unreadable or invalid -> `invalid`; on the do-not-call list -> `skipped` (dnc); same
 * normalised address as an earlier line -> `duplicate`; no time zone for the calling window ->
 * `skipped` (no_timezone) or `invalid` (a zone name that does not exist); otherwise `pending`.
 */
export async function validateRows(
  records: AsyncIterable<ContactRecord> | Iterable<ContactRecord>,
  options: ValidationOptions,
): Promise<NewRow[]> {
  const firstLineByKey = new Map<string, number>();
  const rows: NewRow[] = [];

  for await (const record of records) {
    rows.push(validateRecord(record, options, firstLineByKey));
  }
  return rows;
}

function validateRecord(
  record: ContactRecord,
  options: ValidationOptions,
  firstLineByKey: Map<string, number>,
): NewRow {
  if (record.kind === "malformed") {
    return { line: record.line, input: "", state: "invalid", ...errorColumns(record.error) };
  }

  const input = record.cells[options.column] ?? "";
  const parsed = parseAddress(input, {
    defaultCountry: options.defaultCountry,
    field: options.column,
  });
  if (!parsed.ok) {
    return { line: record.line, input, state: "invalid", ...errorColumns(parsed.error) };
  }

  if (
    parsed.kind === "phone" &&
    parsed.extension !== undefined &&
    (options.extensionPolicy ?? "reject") === "reject"
  ) {
    return {
      line: record.line,
      input,
      state: "invalid",
      ...errorColumns(extensionRejected(parsed)),
    };
  }

  const base: NewRow = {
    line: record.line,
    input,
    state: "pending",
    kind: parsed.kind,
    address: parsed.value,
    extension: parsed.extension,
    addressKey: addressKey(parsed),
  };
  if (options.dnc?.blocks(parsed)) {
    return { ...base, state: "skipped", skipReason: "dnc" };
  }

  const key = base.addressKey ?? parsed.value;
  const firstLine = firstLineByKey.get(key);
  if (firstLine !== undefined) {
    return { ...base, state: "duplicate", duplicateOfLine: firstLine };
  }
  firstLineByKey.set(key, record.line);

  if (options.window === undefined) {
    return base;
  }
  return withTimeZone(base, parsed, record.cells, options);
}

function withTimeZone(
  row: NewRow,
  parsed: ParsedAddress,
  cells: Readonly<Record<string, string>>,
  options: ValidationOptions,
): NewRow {
  const fromColumn =
    options.timeZoneColumn === undefined ? "" : (cells[options.timeZoneColumn] ?? "").trim();
  if (fromColumn !== "" && !isValidTimeZone(fromColumn)) {
    return {
      ...row,
      state: "invalid",
      errorCode: "bulk.invalid_timezone",
      errorMessage: `${options.timeZoneColumn}: "${fromColumn}" is not a known IANA time zone.`,
      errorHint:
        "Write a zone name from the IANA database, such as America/New_York or Europe/London.",
    };
  }

  const zone =
    (fromColumn === "" ? undefined : fromColumn) ??
    options.timeZone ??
    (parsed.kind === "phone" ? countryTimeZone(parsed.value, options.nowMs) : undefined);
  if (zone === undefined) {
    return {
      ...row,
      state: "skipped",
      skipReason: "no_timezone",
      errorCode: "bulk.no_timezone",
      errorMessage: noZoneMessage(parsed),
      errorHint:
        "Give the callee's zone in a column (--timezone-column) or for the whole file (--timezone), in a new run with its own --journal.",
    };
  }
  return { ...row, timeZone: zone };
}

function extensionRejected(parsed: ParsedAddress): { code: string; message: string; hint: string } {
  return {
    code: "call.extension_rejected",
    message: `The number has extension ${parsed.extension}, and Genesys has no field for an extension.`,
    hint: "Run with --extension tel-uri to send tel:+E164;ext=N if your dial plan reads it, or --extension drop to dial the main number only.",
  };
}

function noZoneMessage(parsed: ParsedAddress): string {
  if (parsed.kind !== "phone") {
    return `A ${parsed.kind} address has no country, so its local time is unknown.`;
  }
  return "The number's country has several time zones, so its local time is unknown.";
}

function errorColumns(error: {
  code: string;
  message: string;
  hint?: string | undefined;
}): Partial<NewRow> {
  return { errorCode: error.code, errorMessage: error.message, errorHint: error.hint };
}
