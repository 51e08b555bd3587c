import { resolve } from "node:path";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import {
  type AddressResult,
  DuplicateFinder,
  parseAddress,
  readCountryOption,
} from "../../address/index.js";
import { type CsvEntry, type CsvReader, openCsv } from "../../bulk/csv-reader.js";
import { GcdialError } from "../../errors.js";
import { ExitCode } from "../exit-codes.js";
import { BufferedWriter } from "../output/buffered-writer.js";
import { CheckReportWriter } from "../output/check-report.js";
import {
  type CheckResultJson,
  checkResultJson,
  checkTableHeader,
  checkTableRow,
} from "../output/check-results.js";
import { type Colors, colorsFor } from "../output/colors.js";
import { TableWriter } from "../output/table.js";
import { printError, UsageError } from "../report-error.js";

/** Options of `gcdial check` as commander parses them. */
export interface CheckOptions {
  country?: string;
  json?: boolean;
  csv?: string;
  column?: string;
  report?: string;
}

/** The streams and environment `gcdial check` uses, so tests can run it in-process. */
export interface CheckIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

const NOTATION_HELP = `
Addresses:
  +1 201 555 0123, (201) 555-0123 --country US, 011 44 20 7946 0123 --country US,
  tel:+1-201-555-0123;ext=42, +1 201 555 0123 ext. 42     phone numbers
  sip:alice@sip.example.com, sips:...                      SIP URIs, kept as written
  ext:9001                                                 an internal extension
  user:<id|email>, queue:<id|name>, contact:<id>           Genesys Cloud users, queues, contacts
  genesys://user/<id>, genesys://queue/<id>, genesys://external/<id> are read too; they come
  from a tutorial and are not Genesys Cloud syntax.

Exit codes: 0 all valid, 3 any invalid, 2 usage error.`;

/** Adds `gcdial check` to the program. */
export function registerCheckCommand(program: Command): void {
  program
    .command("check")
    .summary("validate and normalise participant addresses, placing no call")
    .description("Validate and normalise participant addresses without placing a call.")
    .argument("[addresses...]", "addresses to check; - reads one address a line from stdin")
    .option("--country <code>", "default country for national numbers: an ISO 3166 code such as US")
    .option("--json", "print one JSON object per line, one for each address")
    .option("--csv <file>", "check a column of a CSV file (UTF-8, header on line 1)")
    .option("--column <name>", "the --csv column that holds the addresses")
    .option("--report <file>", "with --csv: write a CSV copy of the file with each row's outcome")
    .addHelpText("after", NOTATION_HELP)
    .action(async (addresses: string[], options: CheckOptions) => {
      process.exitCode = await runCheck(addresses, options, {
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
      });
    });
}

/**
 * Runs `gcdial check` and returns its exit code: 0 when every address is valid, 3 when any is
 * invalid (or a CSV row is malformed), 2 for a usage error. Errors go to stderr in plain words.
 */
export async function runCheck(
  addresses: string[],
  options: CheckOptions,
  io: CheckIo,
): Promise<ExitCode> {
  try {
    const country = checkOptions(addresses, options);
    const output = new BufferedWriter(io.stdout);
    const sink = createSink(output, options, colorsFor({ stream: io.stdout, env: io.env }));
    const counts =
      options.csv === undefined
        ? await checkAddresses(addresses, country, io.stdin, sink)
        : await checkCsvFile(options.csv, options.column ?? "", options.report, country, sink);
    await sink.end(counts);
    await output.flush();
    return counts.invalid > 0 ? ExitCode.invalidAddress : ExitCode.ok;
  } catch (error) {
    printError(error, io.stderr);
    return isUsageProblem(error) ? ExitCode.usage : ExitCode.failure;
  }
}

/** Errors that mean "run it differently": bad flags, a file that cannot be read, a wrong column. */
function isUsageProblem(error: unknown): boolean {
  if (error instanceof UsageError) {
    return true;
  }

  return error instanceof GcdialError && error.code.startsWith("csv.");
}

/** Checks the flags together and returns the default country. */
function checkOptions(addresses: string[], options: CheckOptions): string | undefined {
  const country = readCountryOption(options.country);
  if (!country.ok) {
    throw new UsageError(
      `--country ${JSON.stringify(country.given)} is not an ISO 3166 country code that the phone metadata knows.`,
      {
        code: "usage.invalid_country",
        hint: "Give a two-letter ISO 3166 code such as US, GB or DE (the country whose national numbers you check).",
      },
    );
  }

  if (options.csv === undefined) {
    checkAddressOptions(addresses, options);
  } else {
    checkCsvOptions(addresses, options);
  }

  return country.country;
}

function checkAddressOptions(addresses: string[], options: CheckOptions): void {
  if (options.column !== undefined || options.report !== undefined) {
    throw new UsageError("--column and --report only apply to --csv.", {
      code: "usage.csv_option_without_csv",
      hint: "Add --csv FILE, or leave out --column and --report.",
    });
  }

  if (addresses.length === 0) {
    throw new UsageError("No address to check.", {
      code: "usage.no_address",
      hint: "Give addresses (gcdial check +12015550123), - to read them from stdin, or --csv FILE --column NAME.",
    });
  }
}

function checkCsvOptions(addresses: string[], options: CheckOptions): void {
  if (addresses.length > 0) {
    throw new UsageError("Give either addresses or --csv, not both.", {
      code: "usage.addresses_and_csv",
      hint: "Run gcdial check once for the addresses and once for the file.",
    });
  }

  if (options.column === undefined || options.column === "") {
    throw new UsageError(
      `--column is missing: --csv ${options.csv} needs the name of the column with the addresses.`,
      {
        code: "usage.missing_column_option",
        hint: "Add --column NAME, such as --column phone.",
      },
    );
  }
}

interface CheckCounts {
  valid: number;
  duplicate: number;
  invalid: number;
}

/** Destination of results: JSON lines or the readable table. */
interface ResultSink {
  /** True once the reader of stdout closed it (as `head` does), so further results are lost. */
  readonly closed: boolean;
  add(json: CheckResultJson): Promise<void>;
  end(counts: CheckCounts): Promise<void>;
}

function createSink(output: BufferedWriter, options: CheckOptions, colors: Colors): ResultSink {
  if (options.json === true) {
    return {
      get closed() {
        return output.closed;
      },
      add: (json) => output.write(`${JSON.stringify(json)}\n`),
      end: async () => undefined,
    };
  }

  const table = new TableWriter(output, checkTableHeader(options.csv !== undefined));
  return {
    get closed() {
      return output.closed;
    },
    add: async (json) => {
      const { row, notes } = checkTableRow(json, colors);
      await table.addRow(row, notes);
    },
    end: async (counts) => {
      await table.end();
      await output.write(`\n${describeCounts(counts, colors)}\n`);
    },
  };
}

function describeCounts(counts: CheckCounts, colors: Colors): string {
  const parts = [colors.green(`${counts.valid} valid`)];
  if (counts.duplicate > 0) {
    parts.push(colors.yellow(`${counts.duplicate} duplicate`));
  }

  parts.push(
    counts.invalid > 0 ? colors.red(`${counts.invalid} invalid`) : `${counts.invalid} invalid`,
  );
  return parts.join(", ");
}

async function checkAddresses(
  addresses: string[],
  country: string | undefined,
  stdin: NodeJS.ReadableStream,
  sink: ResultSink,
): Promise<CheckCounts> {
  const counts: CheckCounts = { valid: 0, duplicate: 0, invalid: 0 };
  for await (const input of expandStdin(addresses, stdin)) {
    const result = parseAddress(input, { defaultCountry: country });
    count(counts, result, undefined);
    await sink.add(checkResultJson(result, input));
    if (sink.closed) {
      break;
    }
  }

  return counts;
}

/** Yields the addresses, reading stdin (one address a line, blank lines skipped) in place of `-`. */
async function* expandStdin(
  addresses: string[],
  stdin: NodeJS.ReadableStream,
): AsyncGenerator<string> {
  for (const address of addresses) {
    if (address !== "-") {
      yield address;
      continue;
    }

    const lines = createInterface({ input: stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (line.trim() !== "") {
        yield line;
      }
    }
  }
}

function count(
  counts: CheckCounts,
  result: AddressResult,
  duplicateOfLine: number | undefined,
): void {
  if (!result.ok) {
    counts.invalid += 1;
  } else if (duplicateOfLine === undefined) {
    counts.valid += 1;
  } else {
    counts.duplicate += 1;
  }
}

async function checkCsvFile(
  path: string,
  column: string,
  reportPath: string | undefined,
  country: string | undefined,
  sink: ResultSink,
): Promise<CheckCounts> {
  if (reportPath !== undefined && resolve(reportPath) === resolve(path)) {
    // Opening the report would truncate the file before it is read.
    throw new UsageError(`--report ${reportPath} is the --csv file itself.`, {
      code: "usage.report_is_input",
      hint: "Give the report another file name, such as contacts.report.csv.",
    });
  }

  const reader = await openCsv(path, { requiredColumns: [column] });
  let report: CheckReportWriter | undefined;
  try {
    report = reportPath === undefined ? undefined : await openReport(reportPath, reader.columns);
    const counts = await checkCsvEntries(reader, column, country, sink, report);
    await report?.close();
    return counts;
  } finally {
    await reader.close();
  }
}

async function openReport(path: string, columns: readonly string[]): Promise<CheckReportWriter> {
  try {
    return await CheckReportWriter.open(path, columns);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`Cannot write the report ${path}: ${reason}.`, {
      code: "usage.report_not_writable",
      hint: "Give a --report path in a folder that exists and that you can write to.",
      cause: error,
    });
  }
}

async function checkCsvEntries(
  reader: CsvReader,
  column: string,
  country: string | undefined,
  sink: ResultSink,
  report: CheckReportWriter | undefined,
): Promise<CheckCounts> {
  const counts: CheckCounts = { valid: 0, duplicate: 0, invalid: 0 };
  const duplicates = new DuplicateFinder();
  for await (const entry of reader.entries()) {
    const json = checkCsvEntry(entry, column, country, duplicates, counts);
    await sink.add(json);
    await report?.addRow(
      entry.kind === "row" ? entry.values : [],
      json,
      entry.kind === "malformed",
    );
    if (sink.closed && report === undefined) {
      break;
    }
  }

  return counts;
}

function checkCsvEntry(
  entry: CsvEntry,
  column: string,
  country: string | undefined,
  duplicates: DuplicateFinder,
  counts: CheckCounts,
): CheckResultJson {
  if (entry.kind === "malformed") {
    counts.invalid += 1;
    return { line: entry.line, input: "", ok: false, error: entry.error };
  }

  const input = entry.cells[column] ?? "";
  const result = parseAddress(input, {
    defaultCountry: country,
    field: `${column}, line ${entry.line}`,
  });
  const duplicateOfLine = result.ok ? duplicates.firstLineOf(result, entry.line) : undefined;
  count(counts, result, duplicateOfLine);
  return checkResultJson(result, input, { line: entry.line, duplicateOfLine });
}
