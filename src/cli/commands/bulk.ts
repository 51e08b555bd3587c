import { randomUUID } from "node:crypto";
import { chmodSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { parseAddress } from "../../address/index.js";
import { BulkUsageError, JournalError } from "../../bulk/errors.js";
import { Journal } from "../../bulk/journal.js";
import { JOURNAL_FILE_MODE } from "../../bulk/journal-file.js";
import { reportCsv, reportJson, statusJson, totalOf } from "../../bulk/report.js";
import {
  parseConcurrency,
  parseRate,
  type RunFlags,
  readRunOptions,
} from "../../bulk/run-options.js";
import {
  type BulkConnection,
  type BulkIo,
  type BulkResult,
  resumeRun,
  startRun,
} from "../../bulk/session.js";
import type { RunOptions } from "../../bulk/types.js";
import { GcdialError } from "../../errors.js";
import type { ClientHooks } from "../../genesys/types.js";
import { resolveConfig } from "../config.js";
import { openConnection } from "../connection.js";
import { ExitCode } from "../exit-codes.js";
import { errorToJson, exitCodeFor, printError } from "../report-error.js";

const EXIT_CODES_HELP = `
Exit codes:
  0    every row that could be dialled now was placed (invalid, duplicate and skipped rows
       do not count as failures; rows outside the calling window wait for a resume)
  7    a row ended unknown: its call may have been placed
  1    a row failed, or the run stopped after repeated identical failures
  4 5 6 9  an authentication, permission, rate-limit or connection error stopped the run
  2    a bad flag, file or journal
  130  stopped by Ctrl-C; the summary prints the command that resumes
`;

/**
 * Registers `gcdial bulk run|resume|status|report`.
 *
 * Exit codes of `run` and `resume`:
 * - 0: every row that could be dialled now was placed (invalid, duplicate and skipped rows do
 *   not count as failures);
 * - 7: a row ended `unknown`;
 * - 1: otherwise, a row ended `failed`, or the run stopped after repeated failures;
 * - 4, 5, 6, 9: an authentication, permission, rate-limit or connection error stopped the run;
 * - 2: a bad flag, file or journal;
 * - 130: stopped by Ctrl-C.
 */
export function registerBulkCommands(program: Command): void {
  const bulk = program
    .command("bulk")
    .summary("place calls to every row of a contacts file, resumably")
    .description(
      "Place one call per row of a CSV file, journalled in SQLite so that a run stopped at any moment resumes without dialling anyone twice.",
    );

  registerRun(bulk);
  registerResume(bulk);
  for (const command of bulk.commands.filter((each) => ["run", "resume"].includes(each.name()))) {
    command.addHelpText("after", EXIT_CODES_HELP);
  }
  registerStatus(bulk);
  registerReport(bulk);
}

interface CommonRunFlags {
  json?: boolean;
  verbose?: boolean;
}

function registerRun(bulk: Command): void {
  bulk
    .command("run")
    .summary("validate a contacts file, then dial every valid row")
    .description(
      "Check every row of a contacts file first, then place one call per valid row. Each row is journalled before its request, so a stopped run resumes without dialling anyone twice.",
    )
    .argument("<file>", "CSV file with a header line")
    .option("--column <name>", "column that holds the numbers (required)")
    .option(
      "--as <user>",
      "user the calls are placed for (required with client credentials): an id or an email",
    )
    .option(
      "--from <address>",
      "the sender: a phone number (caller id), queue:<id|name>, or user:<id|email>",
    )
    .option("--caller-id <phone>", "caller-id number shown to the callees")
    .option("--caller-name <name>", "caller-id name shown to the callees")
    .option("--from-queue <queue>", "queue the calls are placed for: an id or a name")
    .option(
      "--country <code>",
      "default country for national numbers (ISO 3166 code such as US or GB)",
    )
    .option(
      "--extension <policy>",
      "numbers with an extension: reject (default; such rows are invalid), tel-uri (send tel:+E164;ext=N) or drop (dial the main number)",
    )
    .option(
      "--region <region>",
      "Genesys Cloud region: a name (us_east_1), a domain (mypurecloud.ie) or a base URL",
    )
    .option("--profile <file>", "profile file with region and credentials")
    .option("--sandbox", "dial against gcdial's own emulator, started for this command")
    .option("--concurrency <n>", "calls in flight at once, 1 to 64 (default 4)")
    .option(
      "--rate <n/min>",
      "calls per minute, shared by all workers, such as 120/min or 2/s (default 120/min)",
    )
    .option(
      "--journal <path>",
      "journal file to create (default: beside FILE, FILE.journal.sqlite)",
    )
    .option(
      "--dnc <file>",
      "do-not-call numbers, one per line in any notation (or a CSV column, with --dnc-column)",
    )
    .option("--dnc-column <name>", "read --dnc as a CSV file and take the numbers from this column")
    .option(
      "--window <HH:MM-HH:MM>",
      "dial only when the callee's local time is inside this window, such as 09:00-20:00",
    )
    .option(
      "--timezone <zone>",
      "IANA time zone of the callees for --window, such as America/New_York",
    )
    .option("--timezone-column <name>", "column with each callee's IANA time zone for --window")
    .option("--dry-run", "validate and plan every call, write no journal, place no call")
    .option("--json", "print one JSON object per line: start, each row, summary")
    .option("--verbose", "log every HTTP attempt to stderr (tokens and phone numbers masked)")
    .action(
      async (
        file: string,
        flags: RunFlags & CommonRunFlags & { journal?: string; dryRun?: boolean },
      ) => {
        process.exitCode = await runCommand(flags, async (io) => {
          const options = readRunOptions(resolve(file), flags);
          const journalPath = resolve(flags.journal ?? `${file}.journal.sqlite`);
          return startRun(options, { journalPath, dryRun: flags.dryRun === true }, io);
        });
      },
    );
}

interface ResumeFlags extends CommonRunFlags {
  redialUnknown?: boolean;
  retryFailed?: boolean;
  rate?: string;
  concurrency?: string;
  region?: string;
  profile?: string;
  sandbox?: boolean;
}

function registerResume(bulk: Command): void {
  bulk
    .command("resume")
    .summary("continue a run from its journal")
    .description(
      "Continue a run from its journal alone. Rows left in `sending` by a crash become `unknown`: their call may have been placed, so they are not dialled again unless --redial-unknown is given. Credentials come from the environment, a profile or --sandbox, as for `gcdial call`; the journal never holds them.",
    )
    .argument("<journal>", "the journal file printed when the run started")
    .option(
      "--redial-unknown",
      "dial again the rows whose earlier call may or may not have been placed",
    )
    .option("--retry-failed", "dial again the rows whose call Genesys rejected")
    .option("--rate <n/min>", "calls per minute for this resume (default: the run's)")
    .option("--concurrency <n>", "calls in flight at once for this resume (default: the run's)")
    .option("--region <region>", "Genesys Cloud region (default: the run's)")
    .option("--profile <file>", "profile file with region and credentials")
    .addOption(
      new Option("--sandbox", "dial against gcdial's own emulator, started for this command"),
    )
    .option("--json", "print one JSON object per line: start, each row, summary")
    .option("--verbose", "log every HTTP attempt to stderr (tokens and phone numbers masked)")
    .action(async (journal: string, flags: ResumeFlags) => {
      process.exitCode = await runCommand(flags, (io) =>
        resumeRun(
          resolve(journal),
          {
            redialUnknown: flags.redialUnknown === true,
            retryFailed: flags.retryFailed === true,
            overrides: {
              ratePerMinute: flags.rate === undefined ? undefined : parseRate(flags.rate),
              concurrency:
                flags.concurrency === undefined ? undefined : parseConcurrency(flags.concurrency),
              region: flags.region,
              profile: flags.profile,
              sandbox: flags.sandbox,
            },
          },
          io,
        ),
      );
    });
}

function registerStatus(bulk: Command): void {
  bulk
    .command("status")
    .summary("count the rows of a run by state")
    .description("Count the rows of a run by state, read from its journal alone.")
    .argument("<journal>", "the journal file")
    .option(
      "--json",
      "print {total, counts: {pending, sending, placed, failed, unknown, invalid, duplicate, skipped}}",
    )
    .action((path: string, flags: { json?: boolean }) => {
      process.exitCode = withJournal(path, flags.json === true, (journal) => {
        if (flags.json === true) {
          process.stdout.write(`${JSON.stringify(statusJson(journal))}\n`);
          return;
        }
        process.stdout.write(statusText(journal));
      });
    });
}

function registerReport(bulk: Command): void {
  bulk
    .command("report")
    .summary("list every input row with its final state")
    .description(
      "List every input row of a run with its final state, and its conversation id or error code and hint. --format csv or --format json is required.",
    )
    .argument("<journal>", "the journal file")
    .addOption(
      new Option("--format <format>", "report format")
        .choices(["csv", "json"])
        .makeOptionMandatory(),
    )
    .option("--output <file>", "write the report to this file (mode 0600) instead of stdout")
    .action((path: string, flags: { format: "csv" | "json"; output?: string }) => {
      process.exitCode = withJournal(path, false, (journal) => {
        const text = flags.format === "csv" ? reportCsv(journal) : reportJson(journal);
        if (flags.output === undefined) {
          process.stdout.write(text);
          return;
        }
        // The report contains the numbers in full, like the journal.
        writeFileSync(flags.output, text, { mode: JOURNAL_FILE_MODE });
        // The mode above applies only to a new file; an existing one is made private too.
        chmodSync(flags.output, JOURNAL_FILE_MODE);
      });
    });
}

/** Runs `run` or `resume` with the real process around it, and turns the result into an exit code. */
async function runCommand(
  flags: CommonRunFlags,
  body: (io: BulkIo) => Promise<BulkResult>,
): Promise<number> {
  const stop = new AbortController();
  const onInterrupt = interruptHandler(stop);
  process.on("SIGINT", onInterrupt);
  try {
    const result = await body(processIo(flags, stop.signal));
    if (result.cause !== undefined) {
      reportError(result.cause, flags.json === true);
    }
    return exitCodeOfRun(result);
  } catch (error) {
    reportError(error, flags.json === true);
    return exitCodeOfError(error);
  } finally {
    process.off("SIGINT", onInterrupt);
  }
}

/**
 * Returns the SIGINT handler. The first Ctrl-C stops new calls and lets calls in flight finish,
 * and the second quits at once. Either way the journal stays consistent: a row whose POST was cut
 * off is `sending` in the journal, and a resume records it as `unknown`.
 */
function interruptHandler(stop: AbortController): () => void {
  return () => {
    if (!stop.signal.aborted) {
      process.stderr.write(
        "\nStopping: no new calls start; waiting for the calls in flight. Press Ctrl-C again to quit now.\n",
      );
      stop.abort();
      return;
    }
    process.stderr.write("\nQuitting now; calls cut off are recorded as unknown on resume.\n");
    process.exit(ExitCode.interrupted);
  };
}

function processIo(flags: CommonRunFlags, stopSignal: AbortSignal): BulkIo {
  return {
    clock: { now: () => Date.now() },
    sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
    stdout: process.stdout,
    stderr: process.stderr,
    json: flags.json === true,
    progress: process.stderr.isTTY === true,
    stopSignal,
    pid: process.pid,
    isAlive: isProcessAlive,
    newRunId: randomUUID,
    connect: (options, hooks, connectOptions) =>
      connect(options, hooks, {
        verbose: flags.verbose === true,
        optional: connectOptions?.optional === true,
      }),
  };
}

async function connect(
  options: RunOptions,
  hooks: ClientHooks,
  how: { verbose: boolean; optional: boolean },
): Promise<BulkConnection | undefined> {
  if (how.optional && options.sandbox !== true && !hasCredentials(options)) {
    return undefined;
  }

  const verbose = how.verbose;
  const connection = await openConnection(
    { region: options.region, sandbox: options.sandbox, profile: options.profile, verbose },
    process.env,
    { stderr: process.stderr, hooks },
  );
  if (connection.credentialsKind === "client-credentials" && !namesUser(options)) {
    await connection.close();
    const example = connection.sandbox?.userEmails[0] ?? "alice@example.com";
    throw new BulkUsageError(
      "Client credentials have no user, so Genesys cannot place the calls as one (it would return 400 not.a.user).",
      {
        code: "call.needs_user",
        hint: `Name the user the calls are placed for with --as, such as --as user:${example}.`,
      },
    );
  }
  return connection;
}

function hasCredentials(options: RunOptions): boolean {
  return (
    resolveConfig({ region: options.region, profile: options.profile }, process.env).credentials !==
    undefined
  );
}

function namesUser(options: RunOptions): boolean {
  if (options.call.asUser !== undefined) {
    return true;
  }
  if (options.call.from === undefined) {
    return false;
  }
  const sender = parseAddress(options.call.from, { defaultCountry: options.call.country });
  return sender.ok && sender.kind === "user";
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function exitCodeOfRun(result: BulkResult): number {
  switch (result.ending) {
    case "interrupted":
      return ExitCode.interrupted;
    case "stopped_on_error":
      return exitCodeOfError(result.cause);
    case "stopped_on_failures":
      return ExitCode.failure;
    default:
      break;
  }

  if (result.counts.unknown > 0) {
    return ExitCode.outcomeUnknown;
  }
  return result.counts.failed > 0 ? ExitCode.failure : ExitCode.ok;
}

function exitCodeOfError(error: unknown): number {
  if (error instanceof BulkUsageError || error instanceof JournalError) {
    return ExitCode.usage;
  }
  // The CSV reader's errors (missing column, unreadable file, no header) are the command's input.
  if (error instanceof GcdialError && error.code.startsWith("csv.")) {
    return ExitCode.usage;
  }
  return exitCodeFor(error);
}

function reportError(error: unknown, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ event: "error", error: errorToJson(error) })}\n`);
  }
  printError(error, process.stderr);
}

function withJournal(path: string, json: boolean, body: (journal: Journal) => void): number {
  let journal: Journal | undefined;
  try {
    journal = Journal.open(resolve(path));
    body(journal);
    return ExitCode.ok;
  } catch (error) {
    reportError(error, json);
    return exitCodeOfError(error);
  } finally {
    journal?.close();
  }
}

function statusText(journal: Journal): string {
  const run = journal.runInfo();
  const counts = journal.counts();
  const states = Object.entries(counts)
    .map(([state, n]) => `  ${state.padEnd(10)}${n}`)
    .join("\n");
  const running =
    run.ownerPid !== undefined && isProcessAlive(run.ownerPid)
      ? `Running in process ${run.ownerPid}.\n`
      : "";
  return `Run ${run.runId}, started ${run.createdAt}\nFile ${run.options.file}, column ${run.options.column}\n${running}${totalOf(counts)} rows:\n${states}\n`;
}
