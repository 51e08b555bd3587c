import { stripVTControlCharacters } from "node:util";
import type { BufferedWriter } from "./buffered-writer.js";

/** Rows gathered to size the columns before the first one is printed. */
const SIZING_ROWS = 200;

/** Columns wider than this do not widen the table further; their text still prints in full. */
const MAX_COLUMN_WIDTH = 40;

/** A table row: one text per column; text may carry colour codes, which take no width. */
export type TableRow = readonly string[];

/**
 * Prints rows as an aligned text table without holding a long output in memory: the first 200
 * rows size the columns, and later rows use those widths (a longer cell pushes its row's later
 * columns right instead of being cut). The last column is never padded.
 */
export class TableWriter {
  private widths: number[] | undefined;
  private readonly sizingRows: TableRow[] = [];

  constructor(
    private readonly output: BufferedWriter,
    private readonly header: TableRow,
  ) {}

  /** Adds a row, followed by lines printed under it without alignment (such as a hint). */
  async addRow(row: TableRow, notes: readonly string[] = []): Promise<void> {
    if (this.widths === undefined) {
      this.sizingRows.push(row, ...notes.map((note) => [NOTE_MARK, note]));
      if (this.sizingRows.length >= SIZING_ROWS) {
        await this.printSizingRows();
      }

      return;
    }

    await this.print(row, notes);
  }

  /** Prints what is still held back; call once after the last row. */
  async end(): Promise<void> {
    if (this.widths === undefined) {
      await this.printSizingRows();
    }
  }

  private async printSizingRows(): Promise<void> {
    const rows = [this.header, ...this.sizingRows.filter((row) => row[0] !== NOTE_MARK)];
    this.widths = this.header.map((_, column) =>
      Math.min(MAX_COLUMN_WIDTH, Math.max(...rows.map((row) => visibleWidth(row[column] ?? "")))),
    );
    await this.output.write(`${this.formatRow(this.header)}\n`);
    for (const row of this.sizingRows) {
      const text = row[0] === NOTE_MARK ? this.formatNote(row[1] ?? "") : this.formatRow(row);
      await this.output.write(`${text}\n`);
    }

    this.sizingRows.length = 0;
  }

  private async print(row: TableRow, notes: readonly string[]): Promise<void> {
    let text = `${this.formatRow(row)}\n`;
    for (const note of notes) {
      text += `${this.formatNote(note)}\n`;
    }

    await this.output.write(text);
  }

  private formatRow(row: TableRow): string {
    const widths = this.widths ?? [];
    const last = row.length - 1;
    return row
      .map((cell, column) => (column === last ? cell : pad(cell, widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  }

  /** Indents a note to start under the last column, so it reads as part of that row. */
  private formatNote(note: string): string {
    const widths = this.widths ?? [];
    const indent = widths.slice(0, -1).reduce((sum, width) => sum + width + 2, 0);
    return `${" ".repeat(indent)}${note}`;
  }
}

/** Marks a held-back note among the held-back rows. */
const NOTE_MARK = "\u0000note";

function pad(cell: string, width: number): string {
  const missing = width - visibleWidth(cell);
  return missing > 0 ? `${cell}${" ".repeat(missing)}` : cell;
}

/** Width on a terminal, counting code points and ignoring colour codes. */
export function visibleWidth(text: string): number {
  return [...stripVTControlCharacters(text)].length;
}
