import { readFile } from "node:fs/promises";
import { openCsv } from "./csv-reader.js";
import { buildDncList, type DncEntry, type DncList, plainDncEntries } from "./dnc-list.js";
import { BulkUsageError } from "./errors.js";
import type { NewRow } from "./journal.js";
import type { RunOptions } from "./types.js";
import { type ContactRecord, validateRows } from "./validate-rows.js";

/**
 * Reads the contacts file and validates every row, before anything is dialled.
 * NOTE: the validated rows stay in memory until they are written to the journal in one
 * transaction. That is an estimated 1 KB a row, so files of a few hundred thousand rows fit.
 */
export async function readAndValidate(options: RunOptions, nowMs: number): Promise<NewRow[]> {
  const dnc = options.dncFile === undefined ? undefined : await loadDncList(options);
  const required = [options.column];
  if (options.timeZoneColumn !== undefined) {
    required.push(options.timeZoneColumn);
  }

  const reader = await openCsv(options.file, { requiredColumns: required });
  try {
    return await validateRows(reader.entries() as AsyncIterable<ContactRecord>, {
      column: options.column,
      defaultCountry: options.call.country,
      extensionPolicy: options.call.extensionPolicy,
      dnc,
      window: options.window,
      timeZone: options.timeZone,
      timeZoneColumn: options.timeZoneColumn,
      nowMs,
    });
  } finally {
    await reader.close();
  }
}

/**
 * Loads the do-not-call list: one number per line, or the column `dncColumn` of a CSV file.
 * Numbers in any notation are accepted; national ones use the run's `--country`.
 */
export async function loadDncList(options: RunOptions): Promise<DncList> {
  const file = options.dncFile as string;
  const entries =
    options.dncColumn === undefined
      ? await plainEntries(file)
      : await csvEntries(file, options.dncColumn);
  return buildDncList(entries, { file, defaultCountry: options.call.country });
}

async function plainEntries(file: string): Promise<DncEntry[]> {
  try {
    return plainDncEntries(await readFile(file, "utf8"));
  } catch (error) {
    throw new BulkUsageError(
      `Cannot read the do-not-call file ${file}: ${(error as Error).message}`,
      {
        code: "bulk.dnc_unreadable",
        hint: "Check the path given with --dnc.",
        cause: error,
      },
    );
  }
}

async function csvEntries(file: string, column: string): Promise<DncEntry[]> {
  const reader = await openCsv(file, { requiredColumns: [column] });
  const entries: DncEntry[] = [];
  try {
    for await (const entry of reader.entries()) {
      if (entry.kind === "malformed") {
        throw new BulkUsageError(`The do-not-call file ${file}: ${entry.error.message}`, {
          code: "bulk.invalid_dnc_entry",
          hint: entry.error.hint,
        });
      }
      const text = (entry.cells[column] ?? "").trim();
      if (text !== "") {
        entries.push({ line: entry.line, text });
      }
    }
  } finally {
    await reader.close();
  }
  return entries;
}
