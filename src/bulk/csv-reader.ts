/**
 * Streamed CSV reading for contacts files. Every cell is text and a UTF-8 byte-order mark is
 * stripped. CRLF and LF line ends and RFC 4180 quoted fields (with `""` escapes and line breaks)
 * are read, and each record carries the physical line it starts on (the header is line 1).
 *
 * A record that breaks the quoting rules or has the wrong number of fields is yielded as
 * `malformed` with its line, and reading goes on with the next line. csv-parse alone cannot do
 * that: after an invalid closing quote (csv-parse 6.2) it reads the rest of the file as one quoted
 * field, and it counts a CRLF inside a quoted field as two lines. So a small framing step splits
 * the text into records, checks their quoting and numbers their lines, and csv-parse decodes the
 * fields of the records that passed.
 *
 * @module
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import { GcdialError } from "../errors.js";

/** A data record: its cells by column name (the first column of a repeated name wins). */
export interface CsvRow {
  kind: "row";
  /** Physical line the record starts on; the header is line 1. */
  line: number;
  cells: Readonly<Record<string, string>>;
  /** The cells in header order, for reports that copy every column. */
  values: readonly string[];
}

/** A record that could not be read; the lines after it are read as usual. */
export interface CsvMalformedRow {
  kind: "malformed";
  line: number;
  error: { code: "csv.malformed_row"; message: string; hint: string };
}

export type CsvEntry = CsvRow | CsvMalformedRow;

export interface OpenCsvOptions {
  /** Columns that must be in the header; a missing one fails with `csv.missing_column`. */
  requiredColumns?: readonly string[];
  /** The file's name for messages, when `source` is a stream. */
  name?: string;
}

/** An open CSV file whose header has been read. Iterate `entries()` once; `close()` stops early. */
export interface CsvReader {
  /** Column names as the header writes them. */
  readonly columns: readonly string[];
  /** Data records and malformed records, in file order. */
  entries(): AsyncIterableIterator<CsvEntry>;
  /** Blank lines skipped so far (they are neither records nor errors). */
  readonly blankLines: number;
  close(): Promise<void>;
}

/**
 * A quoted field may span lines, but one left open by mistake would swallow the rest of the file.
 * Past these limits the record is reported malformed and reading resumes on its second line.
 * NOTE: the limits are gcdial's own choice, far above the size of a cell in a contacts file.
 */
const MAX_RECORD_LINES = 1_000;
const MAX_RECORD_CHARS = 1_048_576;

const MALFORMED_HINT =
  'Fix the line in the file: quote a field that holds commas, quotes or line breaks, write a quote inside it as two quotes (""), and give every row as many fields as the header.';

/**
 * Opens a CSV file (a path or a readable stream of bytes or text) and reads its header.
 *
 * @throws {GcdialError} `csv.unreadable` when the file cannot be read, `csv.no_header` when it
 *   has no header line, `csv.missing_column` when a required column is missing (the message
 *   lists the columns found, with invisible characters escaped).
 */
export async function openCsv(
  source: string | Readable,
  options: OpenCsvOptions = {},
): Promise<CsvReader> {
  const name = typeof source === "string" ? source : (options.name ?? "the CSV input");
  const input = typeof source === "string" ? createReadStream(source) : source;
  const framer = new RecordFramer();
  const parser = parse({
    record_delimiter: "\n",
    relax_column_count: true,
    skip_empty_lines: false,
  });
  const done = pipeline(
    input,
    (chunks: AsyncIterable<Buffer | string>) => framer.frame(chunks),
    parser,
  );
  done.catch(() => undefined);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const close = async () => {
    input.destroy();
    parser.destroy();
    await done.catch(() => undefined);
  };

  const columns = await readHeader(records, framer, name, close);
  checkRequiredColumns(columns, options.requiredColumns ?? [], name);
  return {
    columns,
    entries: () => readEntries(records, framer, columns, name),
    get blankLines() {
      return framer.blankLines;
    },
    close,
  };
}

async function readHeader(
  records: AsyncIterator<string[]>,
  framer: RecordFramer,
  name: string,
  close: () => Promise<void>,
): Promise<string[]> {
  let first: IteratorResult<string[]>;
  try {
    first = await records.next();
  } catch (error) {
    await close();
    throw unreadable(name, error);
  }

  const header = first.done ? undefined : decodeRecord(first.value, framer);
  if (header === undefined || header.malformed !== undefined) {
    await close();
    const problem = header?.malformed ?? "it is empty";
    throw new GcdialError(`No readable header line in ${name}: ${problem}.`, {
      code: "csv.no_header",
      hint: "The first line of the file must name the columns, such as: phone,name",
    });
  }

  return header.cells;
}

function checkRequiredColumns(
  columns: readonly string[],
  required: readonly string[],
  name: string,
): void {
  const missing = required.filter((column) => !columns.includes(column));
  if (missing.length === 0) {
    return;
  }

  const found = columns.map(escapeInvisible).join(", ");
  throw new GcdialError(
    `No column ${missing.map(escapeInvisible).join(", ")} in ${name}; the columns found are: ${found}.`,
    {
      code: "csv.missing_column",
      hint: "Name one of the columns found, exactly as the header writes it (column names are case-sensitive).",
    },
  );
}

async function* readEntries(
  records: AsyncIterator<string[]>,
  framer: RecordFramer,
  columns: readonly string[],
  name: string,
): AsyncIterableIterator<CsvEntry> {
  while (true) {
    let next: IteratorResult<string[]>;
    try {
      next = await records.next();
    } catch (error) {
      throw unreadable(name, error);
    }

    if (next.done) {
      return;
    }

    yield toEntry(next.value, framer, columns);
  }
}

function toEntry(fields: string[], framer: RecordFramer, columns: readonly string[]): CsvEntry {
  const record = decodeRecord(fields, framer);
  if (record.malformed !== undefined) {
    return malformed(record.line, record.malformed);
  }

  if (record.cells.length !== columns.length) {
    return malformed(
      record.line,
      `it has ${plural(record.cells.length, "field")}, but the header has ${columns.length}`,
    );
  }

  const cells: Record<string, string> = {};
  for (const [index, column] of columns.entries()) {
    if (!Object.hasOwn(cells, column)) {
      cells[column] = record.cells[index] ?? "";
    }
  }

  return { kind: "row", line: record.line, cells, values: record.cells };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function malformed(line: number, problem: string): CsvMalformedRow {
  return {
    kind: "malformed",
    line,
    error: {
      code: "csv.malformed_row",
      message: `Line ${line} is not a valid CSV record: ${problem}.`,
      hint: MALFORMED_HINT,
    },
  };
}

interface DecodedRecord {
  line: number;
  cells: string[];
  malformed: string | undefined;
}

/**
 * Splits the line number that the framer put in front of the fields (`12,<record>`) from the cells.
 * A malformed record arrives as `12!`, and its reason is taken from the framer.
 */
function decodeRecord(fields: string[], framer: RecordFramer): DecodedRecord {
  const [tag = "", ...cells] = fields;
  if (tag.endsWith("!")) {
    const line = Number(tag.slice(0, -1));
    return { line, cells: [], malformed: framer.takeMalformedReason(line) };
  }

  return { line: Number(tag), cells, malformed: undefined };
}

function unreadable(name: string, error: unknown): GcdialError {
  if (error instanceof GcdialError) {
    return error;
  }

  const code = (error as { code?: unknown } | undefined)?.code;
  const reason =
    code === "ENOENT"
      ? "no such file"
      : code === "EISDIR"
        ? "it is a folder"
        : code === "EACCES"
          ? "permission denied"
          : error instanceof Error
            ? error.message
            : String(error);
  return new GcdialError(`Cannot read ${name}: ${reason}.`, {
    code: "csv.unreadable",
    hint: "Check the file's path and that it can be read.",
    cause: error,
  });
}

/**
 * Writes a column name so that invisible characters show: control, format and unusual space
 * characters become `\u{200B}` escapes, and the name is quoted.
 */
export function escapeInvisible(name: string): string {
  const escaped = name.replace(
    /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\u2000-\u200a\u202f\u205f\u3000]/gu,
    (character) => {
      const codePoint = character.codePointAt(0) ?? 0;
      return `\\u{${codePoint.toString(16).toUpperCase().padStart(4, "0")}}`;
    },
  );
  return `"${escaped}"`;
}

/** State of the quoting scan of a record at the end of a line. */
type QuoteState = "field-start" | "unquoted" | "quoted" | "after-quote";

interface ScanResult {
  state: QuoteState;
  error: string | undefined;
}

/**
 * Scans one line of a record for RFC 4180 quoting, starting from `state`: a quote may only open
 * a field, and a closing quote must be followed by a comma or the end of the line.
 */
function scanQuotes(line: string, state: QuoteState): ScanResult {
  let current = state;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index];
    if (current === "quoted") {
      current = character === '"' ? "after-quote" : "quoted";
      continue;
    }

    if (current === "after-quote") {
      if (character === '"') {
        current = "quoted";
        continue;
      }

      if (character !== ",") {
        return { state: current, error: `it has text after a closing quote (column ${index + 1})` };
      }

      current = "field-start";
      continue;
    }

    if (character === ",") {
      current = "field-start";
      continue;
    }

    if (character === '"') {
      if (current === "unquoted") {
        return {
          state: current,
          error: `a quote appears inside an unquoted field (column ${index + 1})`,
        };
      }

      current = "quoted";
      continue;
    }

    current = "unquoted";
  }

  return { state: current, error: undefined };
}

/** A record whose quoted field is still open at the end of a line. */
interface OpenRecord {
  startLine: number;
  /** Raw lines of the record, `\r` kept, so that a cell keeps its own line breaks. */
  lines: string[];
  chars: number;
}

/**
 * Splits text into records, one physical line at a time, and numbers them. Records go out as
 * `<line>,<record>\n`. A malformed record goes out as `<line>!\n`, and its reason waits in
 * `malformedReasons` until it is decoded. So every record passes through csv-parse (and its
 * backpressure) in file order. Blank lines are counted and skipped.
 */
class RecordFramer {
  blankLines = 0;
  private readonly malformedReasons = new Map<number, string>();
  private lineNumber = 0;
  private openRecord: OpenRecord | undefined;
  private skippingOverlongLine = false;
  private output = "";

  takeMalformedReason(line: number): string {
    const reason = this.malformedReasons.get(line) ?? "its quoting is invalid";
    this.malformedReasons.delete(line);
    return reason;
  }

  async *frame(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
    const decoder = new TextDecoder("utf-8");
    let pending = "";
    let first = true;
    for await (const chunk of chunks) {
      let text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
      if (first && text.length > 0) {
        text = text.startsWith("\ufeff") ? text.slice(1) : text;
        first = false;
      }

      if (this.skippingOverlongLine) {
        text = this.skipRestOfLine(text);
      }

      pending = this.takeLines(pending + text);
      if (pending.length > MAX_RECORD_CHARS) {
        this.reportOverlongLine();
        pending = "";
      }

      yield* this.flush();
    }

    pending += decoder.decode();
    if (pending.length > 0 && !this.skippingOverlongLine) {
      this.acceptLine(pending);
    }

    this.endOfInput();
    yield* this.flush();
  }

  /** Frames every complete line of `text` and returns the unfinished last line. */
  private takeLines(text: string): string {
    let start = 0;
    let end = text.indexOf("\n", start);
    while (end >= 0) {
      this.acceptLine(text.slice(start, end));
      start = end + 1;
      end = text.indexOf("\n", start);
    }

    return text.slice(start);
  }

  /** Reports a line longer than the record limit, and skips it up to its end. */
  private reportOverlongLine(): void {
    this.lineNumber += 1;
    if (this.openRecord !== undefined) {
      this.abandonRecord(
        `a quoted field opened on this line is still open after ${MAX_RECORD_CHARS} characters`,
      );
    }

    this.emitMalformed(this.lineNumber, `the line is longer than ${MAX_RECORD_CHARS} characters`);
    this.skippingOverlongLine = true;
  }

  private skipRestOfLine(text: string): string {
    const end = text.indexOf("\n");
    if (end < 0) {
      return "";
    }

    this.skippingOverlongLine = false;
    return text.slice(end + 1);
  }

  private *flush(): Generator<string> {
    if (this.output.length > 0) {
      const text = this.output;
      this.output = "";
      yield text;
    }
  }

  private acceptLine(rawLine: string): void {
    this.lineNumber += 1;
    this.readLine(rawLine, this.lineNumber);
  }

  private readLine(rawLine: string, lineNumber: number): void {
    if (this.openRecord !== undefined) {
      this.continueRecord(rawLine, lineNumber);
      return;
    }

    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (line.length === 0) {
      this.blankLines += 1;
      return;
    }

    if (!line.includes('"')) {
      this.output += `${lineNumber},${line}\n`;
      return;
    }

    const scan = scanQuotes(line, "field-start");
    if (scan.error !== undefined) {
      this.emitMalformed(lineNumber, scan.error);
      return;
    }

    if (scan.state === "quoted") {
      this.openRecord = { startLine: lineNumber, lines: [rawLine], chars: rawLine.length };
      return;
    }

    this.output += `${lineNumber},${line}\n`;
  }

  private continueRecord(rawLine: string, lineNumber: number): void {
    const record = this.openRecord as OpenRecord;
    record.lines.push(rawLine);
    record.chars += rawLine.length + 1;
    const scan = scanQuotes(rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine, "quoted");
    if (scan.error !== undefined) {
      this.openRecord = undefined;
      this.emitMalformed(
        record.startLine,
        scan.error.replace(/\(column/, `(line ${lineNumber}, column`),
      );
      return;
    }

    if (scan.state !== "quoted") {
      this.openRecord = undefined;
      const text = record.lines.join("\n");
      this.output += `${record.startLine},${text.endsWith("\r") ? text.slice(0, -1) : text}\n`;
      return;
    }

    if (record.lines.length > MAX_RECORD_LINES || record.chars > MAX_RECORD_CHARS) {
      this.abandonRecord(
        `a quoted field opened on this line is not closed within ${MAX_RECORD_LINES} lines`,
      );
    }
  }

  /** At the end of the input, a record with an open quote is malformed. */
  private endOfInput(): void {
    while (this.openRecord !== undefined) {
      this.abandonRecord("a quoted field opened on this line is never closed");
    }
  }

  /**
   * Reports the open record as malformed at its first line and reads its other lines again as
   * records of their own, so one stray quote costs one line, not the rest of the file.
   */
  private abandonRecord(reason: string): void {
    const record = this.openRecord as OpenRecord;
    this.openRecord = undefined;
    this.emitMalformed(record.startLine, reason);
    for (const [offset, rawLine] of record.lines.slice(1).entries()) {
      this.readLine(rawLine, record.startLine + 1 + offset);
    }
  }

  private emitMalformed(lineNumber: number, reason: string): void {
    this.malformedReasons.set(lineNumber, reason);
    this.output += `${lineNumber}!\n`;
  }
}

/** Reads CSV text held in memory, for tests and small inputs. */
export function openCsvText(text: string, options: OpenCsvOptions = {}): Promise<CsvReader> {
  return openCsv(Readable.from([text]), { name: "the CSV text", ...options });
}
