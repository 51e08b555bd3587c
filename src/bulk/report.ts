import { stringify } from "csv-stringify/sync";
import type { Journal, RunInfo } from "./journal.js";
import type { JournalRow, StateCounts } from "./types.js";

/** Columns of `gcdial bulk report --format csv`, one row per input record. */
export const REPORT_COLUMNS = [
  "line",
  "input",
  "state",
  "reason",
  "address",
  "conversation_id",
  "error_code",
  "message",
  "hint",
  "duplicate_of_line",
  "time_zone",
  "attempts",
  "correlation_id",
  "updated_at",
] as const;

/**
 * Why a row is in its state, in one word or code: the skip reason, the error code of an
 * invalid, failed or unknown row, or `duplicate_of_line_N`.
 */
export function rowReason(row: JournalRow): string {
  if (row.state === "skipped") {
    return row.skipReason ?? "";
  }
  if (row.state === "duplicate") {
    return `duplicate_of_line_${row.duplicateOfLine ?? "?"}`;
  }
  return row.errorCode ?? "";
}

function reportRecord(row: JournalRow): Record<(typeof REPORT_COLUMNS)[number], string | number> {
  return {
    line: row.line,
    input: row.input,
    state: row.state,
    reason: rowReason(row),
    address:
      row.extension === undefined
        ? (row.address ?? "")
        : `${row.address ?? ""};ext=${row.extension}`,
    conversation_id: row.conversationId ?? "",
    error_code: row.errorCode ?? "",
    message: row.errorMessage ?? "",
    hint: row.errorHint ?? "",
    duplicate_of_line: row.duplicateOfLine ?? "",
    time_zone: row.timeZone ?? "",
    attempts: row.attempts,
    correlation_id: row.correlationId ?? "",
    updated_at: row.updatedAt,
  };
}

/** Writes the report as CSV: a header, then every input record in line order. */
export function reportCsv(journal: Journal): string {
  const records = [...journal.rows()].map(reportRecord);
  return stringify(records, {
    header: true,
    columns: [...REPORT_COLUMNS],
    record_delimiter: "unix",
  });
}

/** Writes the report as one JSON document: the run, its counts and every row. */
export function reportJson(journal: Journal): string {
  const run = journal.runInfo();
  const rows = [...journal.rows()].map((row) => ({
    line: row.line,
    input: row.input,
    state: row.state,
    reason: rowReason(row) || undefined,
    address: row.address,
    extension: row.extension,
    conversationId: row.conversationId,
    error:
      row.errorCode === undefined
        ? undefined
        : { code: row.errorCode, message: row.errorMessage, hint: row.errorHint },
    duplicateOfLine: row.duplicateOfLine,
    timeZone: row.timeZone,
    attempts: row.attempts,
    correlationId: row.correlationId,
    updatedAt: row.updatedAt,
  }));
  return `${JSON.stringify({ ...runSummary(run, journal.counts()), rows }, null, 2)}\n`;
}

/** Returns the object of `gcdial bulk status --json`. */
export function statusJson(journal: Journal): { total: number; counts: StateCounts } {
  const counts = journal.counts();
  return { total: totalOf(counts), counts };
}

function runSummary(run: RunInfo, counts: StateCounts): Record<string, unknown> {
  return {
    runId: run.runId,
    createdAt: run.createdAt,
    file: run.options.file,
    column: run.options.column,
    total: totalOf(counts),
    counts,
  };
}

export function totalOf(counts: StateCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
