import type { ClientHooks } from "../genesys/types.js";
import { readAndValidate } from "./contacts.js";
import { classifyDialError } from "./dial-outcome.js";
import { dryRunRows } from "./dry-run.js";
import type { NewRow } from "./journal.js";
import { Journal } from "./journal.js";
import { RunOutput } from "./output.js";
import { type Clock, GENESYS_DEFAULT_LIMIT_PER_MINUTE, type Sleep, TokenBucket } from "./pacing.js";
import { type RunnerResult, runJournal } from "./runner.js";
import { type BulkCallClient, resolveSender } from "./sender.js";
import type { JournalRow, RunOptions, StateCounts } from "./types.js";

/** An open connection to Genesys Cloud (or the sandbox emulator) for one run. */
export interface BulkConnection {
  client: BulkCallClient;
  close(): Promise<void>;
}

/** The surroundings of a bulk command: the CLI passes the real ones, tests pass fakes. */
export interface BulkIo {
  clock: Clock;
  sleep: Sleep;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  json: boolean;
  /** Draw a progress line (stderr is a terminal). */
  progress: boolean;
  /** Aborted on Ctrl-C: no new row starts, calls in flight finish. */
  stopSignal: AbortSignal;
  pid: number;
  isAlive(pid: number): boolean;
  newRunId(): string;
  /**
   * Opens the connection; credentials come from the environment, never from the journal. With
   * `optional`, returns undefined instead of failing when no credentials are configured.
   */
  connect(
    options: RunOptions,
    hooks: ClientHooks,
    connectOptions?: { optional: boolean },
  ): Promise<BulkConnection | undefined>;
}

export type BulkEnding = RunnerResult["ending"] | "dry_run";

export interface BulkResult {
  ending: BulkEnding;
  counts: StateCounts;
  /** The error that stopped the run early. */
  cause?: unknown;
  journalPath: string;
}

export interface StartOptions {
  journalPath: string;
  dryRun: boolean;
}

/**
 * Runs `gcdial bulk run`: validates every row, resolves the sender once, creates the journal and
 * dials. A bad row never stops the run. A missing column, a bad DNC file, an unknown `--as` user
 * or missing credentials do, and because they are found before the journal exists, the same
 * command can simply be run again.
 */
export async function startRun(
  options: RunOptions,
  start: StartOptions,
  io: BulkIo,
): Promise<BulkResult> {
  if (!start.dryRun) {
    Journal.checkCreatable(start.journalPath);
  }

  const rows = await readAndValidate(options, io.clock.now());
  const bucket = new TokenBucket({
    ratePerMinute: options.ratePerMinute,
    clock: io.clock,
    sleep: io.sleep,
  });
  const sample = rows.find((row) => row.state === "pending");
  const connection =
    sample === undefined
      ? undefined
      : await io.connect(options, pacingHooks(bucket), { optional: start.dryRun });
  if (connection !== undefined) {
    bucket.followPause(() => connection.client.pausedForMs());
  }

  try {
    const sender =
      connection === undefined || sample === undefined
        ? undefined
        : await resolveSender(connection.client, options.call, sample.input);
    const runId = io.newRunId();
    const journal = start.dryRun
      ? Journal.createInMemory({ runId, options }, io.clock.now)
      : Journal.create(start.journalPath, { runId, options }, io.clock.now);
    try {
      journal.acquire(io.pid, io.isAlive);
      journal.insertRows(rows);
      return await runNewJournal(journal, { bucket, connection, sender, options, io, start });
    } finally {
      journal.release(io.pid);
      journal.close();
    }
  } finally {
    await connection?.close();
  }
}

/** Announces a new run, prints the rows that will not be dialled, then dials or plans the rest. */
async function runNewJournal(
  journal: Journal,
  context: Omit<DialContext, "output" | "redialUnknown" | "retryFailed"> & { start: StartOptions },
): Promise<BulkResult> {
  const { options, io, start } = context;
  const output = newOutput(io);
  announce(output, journal, options, {
    resumed: false,
    dryRun: start.dryRun,
    journalPath: start.journalPath,
  });
  for (const row of journal.rows()) {
    if (row.state !== "pending") {
      output.row(row, undefined, { dialled: false });
    }
  }

  if (start.dryRun) {
    await dryRunRows(journal, {
      client: context.connection?.client,
      sender: context.sender,
      window: options.window,
      clock: io.clock,
      output,
    });
    return finish(journal, output, { ending: "dry_run", recoveredLines: [] });
  }

  const result = await dial(journal, {
    ...context,
    output,
    redialUnknown: false,
    retryFailed: false,
  });
  return finish(journal, output, result);
}

export interface ResumeOptions {
  redialUnknown: boolean;
  retryFailed: boolean;
  /** Flags that override the stored options for this resume. */
  overrides: Partial<
    Pick<RunOptions, "ratePerMinute" | "concurrency" | "region" | "sandbox" | "profile">
  >;
}

/**
 * `gcdial bulk resume`: continues a run from its journal alone. Rows found in `sending` become
 * `unknown` (their call may have been placed) and are dialled again only with `redialUnknown`.
 */
export async function resumeRun(
  journalPath: string,
  resume: ResumeOptions,
  io: BulkIo,
): Promise<BulkResult> {
  const journal = Journal.open(journalPath, io.clock.now);
  try {
    journal.acquire(io.pid, io.isAlive);
    try {
      return await resumeOpenJournal(journal, resume, io);
    } finally {
      journal.release(io.pid);
    }
  } finally {
    journal.close();
  }
}

async function resumeOpenJournal(
  journal: Journal,
  resume: ResumeOptions,
  io: BulkIo,
): Promise<BulkResult> {
  const run = journal.runInfo();
  const options: RunOptions = { ...run.options, ...definedOnly(resume.overrides) };
  const output = newOutput(io);
  if (run.phase === "validating") {
    // The run stopped before its rows were written, so nothing was dialled: validate again.
    journal.insertRows(await readAndValidate(options, io.clock.now()));
  }

  const recovered = journal.recoverInterrupted();
  announce(output, journal, options, {
    resumed: true,
    dryRun: false,
    journalPath: journal.path,
    ...resume,
  });
  for (const line of recovered) {
    const row = journal.row(line);
    if (row !== undefined) {
      output.row(row, undefined, { dialled: false, note: "interrupted" });
    }
  }

  const lines = dialableLines(journal, resume);
  const sample = lines.length === 0 ? undefined : journal.row(lines[0] as number);
  if (sample === undefined) {
    return finish(journal, output, { ending: "done", recoveredLines: recovered });
  }

  const bucket = new TokenBucket({
    ratePerMinute: options.ratePerMinute,
    clock: io.clock,
    sleep: io.sleep,
  });
  const connection = await io.connect(options, pacingHooks(bucket));
  if (connection === undefined) {
    throw new Error("connect returned no connection although one is required");
  }
  bucket.followPause(() => connection.client.pausedForMs());
  try {
    const sender = await resolveSender(connection.client, options.call, sample.input);
    const result = await dial(journal, {
      bucket,
      connection,
      sender,
      options,
      io,
      output,
      ...resume,
    });
    return finish(journal, output, { ...result, recoveredLines: recovered });
  } finally {
    await connection.close();
  }
}

interface DialContext {
  bucket: TokenBucket;
  connection: BulkConnection | undefined;
  sender: Awaited<ReturnType<typeof resolveSender>> | undefined;
  options: RunOptions;
  io: BulkIo;
  output: RunOutput;
  redialUnknown: boolean;
  retryFailed: boolean;
}

async function dial(journal: Journal, context: DialContext): Promise<RunnerResult> {
  const { connection, sender, options, io, output } = context;
  if (connection === undefined || sender === undefined) {
    return { ending: "done", recoveredLines: [] };
  }

  return runJournal({
    journal,
    runId: journal.runInfo().runId,
    concurrency: options.concurrency,
    bucket: context.bucket,
    clock: io.clock,
    window: options.window,
    redialUnknown: context.redialUnknown,
    retryFailed: context.retryFailed,
    stopSignal: io.stopSignal,
    classify: classifyDialError,
    dial: async (row, attributes) => {
      const placed = await connection.client.calls.place({ ...sender, to: row.input, attributes });
      return { conversationId: placed.conversationId, correlationId: placed.correlationId };
    },
    onRow: (event) =>
      output.row(event.row, () => journal.counts(), {
        dialled: event.note === undefined,
        note: event.note,
      }),
  });
}

/** Hooks that slow the shared pace as `inin-ratelimit-count` nears `inin-ratelimit-allowed`. */
function pacingHooks(bucket: TokenBucket): ClientHooks {
  return {
    onResponse: (info) => {
      if (info.rateLimit !== undefined) {
        bucket.observeRateLimit(info.rateLimit);
      }
    },
  };
}

function dialableLines(
  journal: Journal,
  resume: { redialUnknown: boolean; retryFailed: boolean },
): number[] {
  const lines = journal.dialableLines({ redialUnknown: resume.redialUnknown });
  if (!resume.retryFailed) {
    return lines;
  }
  const failed = [...journal.rows()].filter((row) => row.state === "failed").map((row) => row.line);
  return [...lines, ...failed].sort((a, b) => a - b);
}

function announce(
  output: RunOutput,
  journal: Journal,
  options: RunOptions,
  context: {
    resumed: boolean;
    dryRun: boolean;
    journalPath: string;
    redialUnknown?: boolean;
    retryFailed?: boolean;
  },
): void {
  const run = journal.runInfo();
  const resume = {
    redialUnknown: context.redialUnknown ?? false,
    retryFailed: context.retryFailed ?? false,
  };
  output.started({
    runId: run.runId,
    journal: context.dryRun ? "(none: dry run)" : context.journalPath,
    file: run.options.file,
    column: run.options.column,
    total: journal.total(),
    dialable: dialableLines(journal, resume).length,
    ratePerMinute: options.ratePerMinute,
    concurrency: options.concurrency,
    dryRun: context.dryRun,
    resumed: context.resumed,
  });
  if (options.ratePerMinute > GENESYS_DEFAULT_LIMIT_PER_MINUTE && !context.dryRun) {
    output.note(
      `--rate ${options.ratePerMinute}/min is above the ${GENESYS_DEFAULT_LIMIT_PER_MINUTE} requests a minute that Genesys Cloud allows a token by default; the run slows down when inin-ratelimit-count nears the org's limit.`,
    );
  }
}

function finish(
  journal: Journal,
  output: RunOutput,
  result: { ending: BulkEnding; cause?: unknown; recoveredLines: number[] },
): BulkResult {
  const counts = journal.counts();
  const leftForResume = journal.dialableLines({ redialUnknown: false }).length;
  const resumeCommand =
    result.ending === "dry_run" || leftForResume === 0
      ? undefined
      : `gcdial bulk resume ${shellQuote(journal.path)}`;
  output.finished({ ending: result.ending, counts, leftForResume, resumeCommand });
  return { ending: result.ending, counts, cause: result.cause, journalPath: journal.path };
}

function newOutput(io: BulkIo): RunOutput {
  return new RunOutput({
    stdout: io.stdout,
    stderr: io.stderr,
    json: io.json,
    progress: io.progress,
    clock: io.clock,
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}

/** Quotes a path for a POSIX shell when it contains anything but safe characters. */
export function shellQuote(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

export type { JournalRow, NewRow };
