import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { type Stringifier, stringify } from "csv-stringify";
import type { CheckResultJson } from "./check-results.js";

/** Columns the report adds after the file's own columns. */
const ADDED_COLUMNS = [
  "line",
  "normalized",
  "status",
  "error_code",
  "hint",
  "duplicate_of_line",
] as const;

/**
 * Writes the CSV report of `gcdial check --csv --report FILE`. It repeats every column of the
 * input file and adds `line`, `normalized` (with `;ext=` for an extension), `status` (`valid`,
 * `duplicate`, `invalid` or `malformed`), `error_code`, `hint` and `duplicate_of_line`. An added
 * column whose name the file already uses gets a `gcdial_` prefix. A malformed row has empty cells
 * for the file's columns, because it could not be split into them. Rows are written with
 * backpressure, so memory stays flat.
 *
 * NOTE: cells are written as text; a spreadsheet may still read `+12015550123` as a number.
 */
export class CheckReportWriter {
  private constructor(
    private readonly stringifier: Stringifier,
    private readonly finished: Promise<void>,
    private readonly columnCount: number,
  ) {}

  /**
   * Opens the report file and writes the header.
   *
   * @throws the file system error when the file cannot be created.
   */
  static async open(path: string, columns: readonly string[]): Promise<CheckReportWriter> {
    const file: WriteStream = createWriteStream(path);
    await once(file, "open");
    const stringifier = stringify({ record_delimiter: "unix" });
    const finished = pipeline(stringifier, file);
    finished.catch(() => undefined);
    const writer = new CheckReportWriter(stringifier, finished, columns.length);
    await writer.writeRecord([...columns, ...addedColumnNames(columns)]);
    return writer;
  }

  /** Writes the report row of one checked record; `values` are its cells in header order. */
  async addRow(
    values: readonly string[],
    result: CheckResultJson,
    malformed: boolean,
  ): Promise<void> {
    const cells = Array.from({ length: this.columnCount }, (_, index) => values[index] ?? "");
    const status = malformed
      ? "malformed"
      : !result.ok
        ? "invalid"
        : result.duplicateOfLine === undefined
          ? "valid"
          : "duplicate";
    const normalized =
      result.value === undefined
        ? ""
        : result.extension === undefined
          ? result.value
          : `${result.value};ext=${result.extension}`;
    await this.writeRecord([
      ...cells,
      String(result.line ?? ""),
      normalized,
      status,
      result.error?.code ?? "",
      result.error?.hint ?? "",
      result.duplicateOfLine === undefined ? "" : String(result.duplicateOfLine),
    ]);
  }

  /** Ends the report and waits until the file is written and closed. */
  async close(): Promise<void> {
    this.stringifier.end();
    await this.finished;
  }

  private async writeRecord(record: string[]): Promise<void> {
    if (!this.stringifier.write(record)) {
      await once(this.stringifier, "drain");
    }
  }
}

function addedColumnNames(columns: readonly string[]): string[] {
  return ADDED_COLUMNS.map((name) => (columns.includes(name) ? `gcdial_${name}` : name));
}
