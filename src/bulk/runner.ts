import { isInsideWindow, localMinuteOfDay } from "./calling-window.js";
import type { Journal, RowError } from "./journal.js";
import type { Clock, TokenBucket } from "./pacing.js";
import type { CallingWindow, JournalRow, RowState } from "./types.js";

/** The result of a row's create POST. */
export interface DialResult {
  conversationId: string;
  correlationId?: string | undefined;
}

/**
 * The outcome of a failed dial for its row:
 * - `failed`: Genesys rejected the request, so no call was placed;
 * - `unknown`: the call may have been placed (timeout, reset, 5xx), so it must not be re-sent;
 * - `not_sent`: the request surely did not create a call, and the cause (credentials,
 *   permissions, a rate limit that outlasted the cap, no connection) would fail every row, so
 *   the row goes back to `pending` and the run stops.
 */
export type DialFailure =
  | { outcome: "failed" | "unknown"; error: RowError }
  | { outcome: "not_sent"; error: RowError; cause: unknown };

/** Emitted whenever a row changes state during the run. */
export interface RowEvent {
  row: JournalRow;
  /** `outside_window` when the row was passed over for now. */
  note?: "outside_window";
}

export interface RunnerOptions {
  journal: Journal;
  runId: string;
  concurrency: number;
  bucket: TokenBucket;
  clock: Clock;
  window?: CallingWindow | undefined;
  redialUnknown?: boolean;
  retryFailed?: boolean;
  /** Places the call for one row; `attributes` name the run and line for tracing. */
  dial(row: JournalRow, attributes: Record<string, string>): Promise<DialResult>;
  classify(error: unknown): DialFailure;
  /** Aborted by Ctrl-C: no new row starts, calls in flight finish. */
  stopSignal?: AbortSignal | undefined;
  onRow?(event: RowEvent): void;
  /** Consecutive failures with one error code that stop the run; default 5. */
  maxSameFailures?: number;
}

export interface RunnerResult {
  /** `done` when every dialable row was tried; otherwise why the run stopped early. */
  ending: "done" | "interrupted" | "stopped_on_error" | "stopped_on_failures";
  /** The error that stopped the run, for `stopped_on_error` and `stopped_on_failures`. */
  cause?: unknown;
  /** Lines whose call had begun when the run started and were found in `sending`. */
  recoveredLines: number[];
}

/** Attribute names put on every created call, so a call can be found in Genesys later. */
export const RUN_ID_ATTRIBUTE = "gcdialRunId";
export const LINE_ATTRIBUTE = "gcdialLine";

/**
 * Dials the journal's dialable rows with up to `concurrency` calls in flight, paced by the
 * shared token bucket. A row is committed as `sending` before its POST and ends `placed`,
 * `failed` or `unknown`. Rows left in `sending` by a crash become `unknown` first, and they are
 * dialled again only with `redialUnknown`.
 */
export async function runJournal(options: RunnerOptions): Promise<RunnerResult> {
  const recoveredLines = options.journal.recoverInterrupted();
  const queue = options.journal.dialableLines({ redialUnknown: options.redialUnknown ?? false });
  if (options.retryFailed) {
    queue.push(...failedLines(options.journal));
    queue.sort((a, b) => a - b);
  }

  const state: SharedState = { queue, stop: undefined, sameFailures: { code: "", count: 0 } };
  // A worker that throws (when the journal cannot be written, say) stops the others from taking
  // new rows. Its row stays `sending` in the journal, so a resume records it as `unknown`.
  const workers = Array.from({ length: Math.max(1, options.concurrency) }, () =>
    work(options, state).catch((error: unknown) => {
      state.stop ??= { ending: "stopped_on_error", cause: error };
    }),
  );
  await Promise.all(workers);

  if (state.stop !== undefined) {
    return { ending: state.stop.ending, cause: state.stop.cause, recoveredLines };
  }
  if (options.stopSignal?.aborted && state.queue.length > 0) {
    return { ending: "interrupted", recoveredLines };
  }
  return { ending: "done", recoveredLines };
}

interface SharedState {
  queue: number[];
  stop: { ending: "stopped_on_error" | "stopped_on_failures"; cause: unknown } | undefined;
  sameFailures: { code: string; count: number };
}

async function work(options: RunnerOptions, state: SharedState): Promise<void> {
  while (!shouldStop(options, state)) {
    const line = state.queue.shift();
    if (line === undefined) {
      return;
    }

    const row = options.journal.row(line);
    if (row === undefined || !isDialable(row, options)) {
      continue;
    }

    if (!isInsideCallingWindow(row, options)) {
      passOver(row, options);
      continue;
    }

    await options.bucket.take();
    if (shouldStop(options, state)) {
      state.queue.unshift(line);
      return;
    }

    // The wait for a token can be long while the pace is slowed, so the window is checked again.
    if (!isInsideCallingWindow(row, options)) {
      passOver(row, options);
      continue;
    }

    if (!options.journal.claim(line, [row.state])) {
      continue;
    }
    await dialClaimedRow(row, options, state);
  }
}

async function dialClaimedRow(
  row: JournalRow,
  options: RunnerOptions,
  state: SharedState,
): Promise<void> {
  const attributes = { [RUN_ID_ATTRIBUTE]: options.runId, [LINE_ATTRIBUTE]: String(row.line) };
  let result: DialResult;
  try {
    result = await options.dial(row, attributes);
  } catch (error) {
    recordFailure(row, options.classify(error), options, state);
    emit(options, row.line);
    return;
  }

  options.journal.markPlaced(row.line, result.conversationId, result.correlationId);
  state.sameFailures = { code: "", count: 0 };
  emit(options, row.line);
}

function recordFailure(
  row: JournalRow,
  failure: DialFailure,
  options: RunnerOptions,
  state: SharedState,
): void {
  if (failure.outcome === "not_sent") {
    options.journal.revertToPending(row.line);
    state.stop ??= { ending: "stopped_on_error", cause: failure.cause };
    return;
  }

  if (failure.outcome === "unknown") {
    options.journal.markUnknown(row.line, failure.error);
  } else {
    options.journal.markFailed(row.line, failure.error);
  }

  // The same error on several calls in a row almost always comes from the run's setup (caller
  // id, user, queue), not from the rows, so the run stops before it fails the whole file.
  const same = state.sameFailures;
  state.sameFailures =
    same.code === failure.error.code
      ? { code: same.code, count: same.count + 1 }
      : { code: failure.error.code, count: 1 };
  if (state.sameFailures.count >= (options.maxSameFailures ?? 5)) {
    state.stop ??= { ending: "stopped_on_failures", cause: failure.error };
  }
}

function shouldStop(options: RunnerOptions, state: SharedState): boolean {
  return state.stop !== undefined || options.stopSignal?.aborted === true;
}

function isDialable(row: JournalRow, options: RunnerOptions): boolean {
  switch (row.state) {
    case "pending":
      return true;
    case "skipped":
      return row.skipReason === "outside_window";
    case "unknown":
      return options.redialUnknown === true;
    case "failed":
      return options.retryFailed === true;
    default:
      return false;
  }
}

function isInsideCallingWindow(row: JournalRow, options: RunnerOptions): boolean {
  if (options.window === undefined) {
    return true;
  }
  if (row.timeZone === undefined) {
    return false;
  }
  return isInsideWindow(options.window, localMinuteOfDay(options.clock.now(), row.timeZone));
}

/**
 * Leaves a row for a later resume. `pending` rows become `skipped` (outside_window); `unknown`
 * and `failed` rows keep their state, so the record of an earlier call is never lost.
 */
function passOver(row: JournalRow, options: RunnerOptions): void {
  const from: RowState[] = ["pending", "skipped"];
  if (from.includes(row.state) && row.skipReason !== "outside_window") {
    options.journal.markOutsideWindow(row.line, from);
  }
  const current = options.journal.row(row.line) ?? row;
  options.onRow?.({ row: current, note: "outside_window" });
}

function emit(options: RunnerOptions, line: number): void {
  const row = options.journal.row(line);
  if (row !== undefined) {
    options.onRow?.({ row });
  }
}

function failedLines(journal: Journal): number[] {
  const lines: number[] = [];
  for (const row of journal.rows()) {
    if (row.state === "failed") {
      lines.push(row.line);
    }
  }
  return lines;
}
