import type { Clock } from "./pacing.js";
import type { StateCounts } from "./types.js";

/** Redraws at most this often, so a fast run does not flood the terminal. */
const REDRAW_INTERVAL_MS = 200;
const BAR_WIDTH = 20;

/**
 * A one-line progress display for a terminal: done/total, a bar, the achieved pace, the time
 * left and the failures so far. It shows no phone numbers.
 */
export class ProgressLine {
  private readonly stream: NodeJS.WritableStream;
  private readonly clock: Clock;
  private readonly startedAtMs: number;
  private readonly todo: number;
  private lastDrawMs = Number.NEGATIVE_INFINITY;
  private drawn = false;

  /** `todo` is the number of rows this run may dial. */
  constructor(options: { stream: NodeJS.WritableStream; clock: Clock; todo: number }) {
    this.stream = options.stream;
    this.clock = options.clock;
    this.todo = options.todo;
    this.startedAtMs = options.clock.now();
  }

  /**
   * Redraws the line; `done` counts rows this run finished (placed, failed or unknown), and
   * `counts` is read only when the line is redrawn.
   */
  update(done: number, counts: () => StateCounts): void {
    const nowMs = this.clock.now();
    if (nowMs - this.lastDrawMs < REDRAW_INTERVAL_MS) {
      return;
    }
    this.lastDrawMs = nowMs;
    this.stream.write(
      `\r${formatProgress(done, this.todo, counts(), nowMs - this.startedAtMs)}\u001b[K`,
    );
    this.drawn = true;
  }

  /** Ends the line so later output starts on a fresh one. */
  finish(): void {
    if (this.drawn) {
      this.stream.write("\n");
      this.drawn = false;
    }
  }
}

/** Formats the progress line, for example `[#####.....] 50/100 · 59.8/min · ETA 50s · 1 failed`. */
export function formatProgress(
  done: number,
  todo: number,
  counts: StateCounts,
  elapsedMs: number,
): string {
  const share = todo === 0 ? 1 : Math.min(1, done / todo);
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}]`;
  const perMinute = elapsedMs > 0 ? (done * 60_000) / elapsedMs : 0;
  const parts = [`${bar} ${done}/${todo}`, `${perMinute.toFixed(1)}/min`];

  if (perMinute > 0 && done < todo) {
    parts.push(`ETA ${formatDuration(((todo - done) / perMinute) * 60_000)}`);
  }
  if (counts.failed > 0) {
    parts.push(`${counts.failed} failed`);
  }
  if (counts.unknown > 0) {
    parts.push(`${counts.unknown} unknown`);
  }
  return parts.join(" · ");
}

/** Formats a duration as `45s`, `3m08s` or `1h02m`. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) {
    return `${hours}h${String(minutes).padStart(2, "0")}m`;
  }
  if (minutes > 0) {
    return `${minutes}m${String(seconds).padStart(2, "0")}s`;
  }
  return `${seconds}s`;
}
