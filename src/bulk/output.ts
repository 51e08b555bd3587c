import { maskAddress, maskPhoneNumbersInText } from "../address/index.js";
import type { Clock } from "./pacing.js";
import { ProgressLine } from "./progress.js";
import { rowReason, totalOf } from "./report.js";
import type { JournalRow, StateCounts } from "./types.js";

/** Time between two status lines when stderr is not a terminal. */
const STATUS_INTERVAL_MS = 30_000;

/** The facts a run prints when it starts. */
export interface RunStart {
  runId: string;
  journal: string;
  file: string;
  column: string;
  total: number;
  /** Rows this start may dial. */
  dialable: number;
  ratePerMinute: number;
  concurrency: number;
  dryRun: boolean;
  resumed: boolean;
}

/** The facts a run prints when it ends. */
export interface RunEnd {
  ending: string;
  counts: StateCounts;
  /** Rows left for a later resume (pending, or outside the calling window). */
  leftForResume: number;
  resumeCommand?: string | undefined;
}

/**
 * Everything a bulk run prints. With `json`, one JSON object per line on stdout (`start`,
 * `row`, `summary`). Otherwise plain lines on stderr for rows that did not end `placed`, a
 * progress line when stderr is a terminal, and a summary on stdout. Phone numbers are masked in
 * all of it; the journal and `gcdial bulk report` hold them in full.
 */
export class RunOutput {
  private readonly stdout: NodeJS.WritableStream;
  private readonly stderr: NodeJS.WritableStream;
  private readonly json: boolean;
  private readonly showProgress: boolean;
  private readonly clock: Clock;
  private progress: ProgressLine | undefined;
  private finishedThisRun = 0;
  private dialable = 0;
  private lastStatusAtMs: number | undefined;

  constructor(options: {
    stdout: NodeJS.WritableStream;
    stderr: NodeJS.WritableStream;
    json: boolean;
    progress: boolean;
    clock: Clock;
  }) {
    this.stdout = options.stdout;
    this.stderr = options.stderr;
    this.json = options.json;
    this.showProgress = options.progress && !options.json;
    this.clock = options.clock;
  }

  started(start: RunStart): void {
    this.dialable = start.dialable;
    this.lastStatusAtMs = this.clock.now();
    if (this.json) {
      this.line({ event: "start", ...start });
      return;
    }

    this.stderr.write(
      `${runLabel(start)} ${start.runId}: ${start.total} rows in ${start.file} (column ${start.column}).\n`,
    );
    this.stderr.write(`Journal: ${start.journal}\n`);
    if (!start.dryRun) {
      this.stderr.write(
        `${countRows(start.dialable)} to dial at up to ${formatRate(start.ratePerMinute)} calls a minute, ${start.concurrency} at a time.\n`,
      );
    }
    if (this.showProgress && start.dialable > 0 && !start.dryRun) {
      this.progress = new ProgressLine({
        stream: this.stderr,
        clock: this.clock,
        todo: start.dialable,
      });
    }
  }

  note(text: string): void {
    if (this.json) {
      this.line({ event: "note", message: text });
      return;
    }
    this.progress?.finish();
    this.stderr.write(`${text}\n`);
  }

  /** A row reached a state: at validation, after its call, or when passed over for now. */
  row(
    row: JournalRow,
    /** Reads the journal's counts; called only when the progress line is redrawn. */
    counts: (() => StateCounts) | undefined,
    options: { dialled: boolean; note?: string },
  ): void {
    if (options.dialled) {
      this.finishedThisRun += 1;
    }

    if (this.json) {
      this.line(rowEvent(row, options.note));
      return;
    }

    if (options.note === "would_dial") {
      this.stderr.write(`line ${row.line}: would dial ${maskAddress(row.address ?? row.input)}\n`);
    } else if (row.state !== "placed" && row.state !== "pending") {
      this.progress?.finish();
      this.stderr.write(`${describeRow(row)}\n`);
    }
    if (counts !== undefined) {
      this.progress?.update(this.finishedThisRun, counts);
    }
    if (options.dialled && counts !== undefined) {
      this.statusLine(counts);
    }
  }

  // Without a terminal there is no progress line, so a long run writes a plain status line now
  // and then instead of staying silent until its summary.
  private statusLine(counts: () => StateCounts): void {
    const now = this.clock.now();
    if (this.showProgress || this.lastStatusAtMs === undefined) {
      return;
    }

    if (now - this.lastStatusAtMs < STATUS_INTERVAL_MS) {
      return;
    }

    this.lastStatusAtMs = now;
    const { placed, failed, unknown } = counts();
    this.stderr.write(
      `progress: ${this.finishedThisRun} of ${this.dialable} calls done (${placed} placed in all, ${failed} failed, ${unknown} unknown)\n`,
    );
  }

  finished(end: RunEnd): void {
    this.progress?.finish();
    if (this.json) {
      this.line({ event: "summary", ...end, total: totalOf(end.counts) });
      return;
    }

    this.stdout.write(`${summaryText(end)}\n`);
    if (end.resumeCommand !== undefined) {
      this.stdout.write(`To continue: ${end.resumeCommand}\n`);
    }
  }

  private line(value: Record<string, unknown>): void {
    this.stdout.write(`${JSON.stringify(value)}\n`);
  }
}

function rowEvent(row: JournalRow, note: string | undefined): Record<string, unknown> {
  return {
    event: "row",
    line: row.line,
    state: row.state,
    reason: rowReason(row) || undefined,
    note,
    address: row.address === undefined ? undefined : maskAddress(row.address),
    conversationId: row.conversationId,
    duplicateOfLine: row.duplicateOfLine,
    error:
      row.errorCode === undefined || row.state === "placed"
        ? undefined
        : {
            code: row.errorCode,
            message: maskPhoneNumbersInText(row.errorMessage ?? ""),
            hint: row.errorHint,
          },
  };
}

function runLabel(start: RunStart): string {
  if (start.dryRun) {
    return "Dry run (no calls)";
  }
  return start.resumed ? "Resuming run" : "Run";
}

/** Describes a row in one plain line, such as `line 5: invalid (phone.scientific_notation): ...`. */
export function describeRow(row: JournalRow): string {
  const reason = rowReason(row);
  const head = `line ${row.line}: ${row.state}${reason === "" ? "" : ` (${reason})`}`;
  if (row.state === "duplicate") {
    return `${head}: same number as line ${row.duplicateOfLine ?? "?"}`;
  }
  if (row.errorMessage === undefined) {
    return head;
  }
  const text = `${head}: ${maskPhoneNumbersInText(row.errorMessage)}`;
  return row.errorHint === undefined
    ? text
    : `${text}\n  hint: ${maskPhoneNumbersInText(row.errorHint)}`;
}

/** `1 row` or `5 rows`. */
function countRows(count: number): string {
  return count === 1 ? "1 row" : `${count} rows`;
}

/** `Done: 6 placed, 4 invalid, 1 duplicate (11 rows).` with only the states that occur. */
export function summaryText(end: RunEnd): string {
  const parts = Object.entries(end.counts)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${state}`);
  const head = ENDING_TEXT[end.ending] ?? end.ending;
  const left = end.leftForResume > 0 ? ` ${countRows(end.leftForResume)} left for a resume.` : "";
  return `${head}: ${parts.join(", ") || "no rows"} (${countRows(totalOf(end.counts))}).${left}`;
}

const ENDING_TEXT: Record<string, string> = {
  done: "Done",
  dry_run: "Dry run done",
  interrupted: "Stopped by Ctrl-C",
  stopped_on_error: "Stopped on an error",
  stopped_on_failures: "Stopped after repeated failures",
};

function formatRate(perMinute: number): string {
  return Number.isInteger(perMinute) ? String(perMinute) : perMinute.toFixed(1);
}
