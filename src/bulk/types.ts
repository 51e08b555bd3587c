import type { ExtensionPolicy } from "../genesys/types.js";

/**
 * States of a journalled row. `sending` is committed before the create POST, so a row found in
 * `sending` after a crash may or may not have been dialled.
 */
export const ROW_STATES = [
  "pending",
  "sending",
  "placed",
  "failed",
  "unknown",
  "invalid",
  "duplicate",
  "skipped",
] as const;

export type RowState = (typeof ROW_STATES)[number];

/** The reason a `skipped` row was not dialled. Only `outside_window` is reconsidered by a resume. */
export const SKIP_REASONS = ["dnc", "no_timezone", "outside_window"] as const;

export type SkipReason = (typeof SKIP_REASONS)[number];

/** The options of `gcdial call` that a bulk run applies to every row. */
export interface BulkCallOptions {
  asUser?: string | undefined;
  from?: string | undefined;
  callerId?: string | undefined;
  callerIdName?: string | undefined;
  fromQueue?: string | undefined;
  /** Default country (ISO 3166-1 alpha-2) for national numbers. */
  country?: string | undefined;
  /** The handling of a number with an extension; the client's default is `reject`. */
  extensionPolicy?: ExtensionPolicy | undefined;
}

/** A calling window in the callee's local time; `endMinute` is exclusive. */
export interface CallingWindow {
  /** Minutes after local midnight, 0..1439. */
  startMinute: number;
  endMinute: number;
  /** The window as the user wrote it, such as `09:00-20:00`. */
  text: string;
}

/**
 * Everything a resume needs to continue a run, stored in the journal. Credentials are never
 * part of it: they come from the environment, a profile or `--sandbox` on every start.
 */
export interface RunOptions {
  file: string;
  column: string;
  call: BulkCallOptions;
  /** Genesys Cloud region (a name, domain or base URL); not a secret. */
  region?: string | undefined;
  sandbox?: boolean | undefined;
  profile?: string | undefined;
  concurrency: number;
  ratePerMinute: number;
  window?: CallingWindow | undefined;
  timeZone?: string | undefined;
  timeZoneColumn?: string | undefined;
  dncFile?: string | undefined;
  dncColumn?: string | undefined;
}

/** One row of the journal. */
export interface JournalRow {
  line: number;
  /** The cell exactly as read from the file. */
  input: string;
  state: RowState;
  kind?: string | undefined;
  /** The normalised address (E.164 for phone numbers). */
  address?: string | undefined;
  extension?: string | undefined;
  addressKey?: string | undefined;
  timeZone?: string | undefined;
  skipReason?: SkipReason | undefined;
  duplicateOfLine?: number | undefined;
  conversationId?: string | undefined;
  correlationId?: string | undefined;
  errorCode?: string | undefined;
  errorMessage?: string | undefined;
  errorHint?: string | undefined;
  attempts: number;
  updatedAt: string;
}

export type StateCounts = Record<RowState, number>;

export function emptyCounts(): StateCounts {
  return {
    pending: 0,
    sending: 0,
    placed: 0,
    failed: 0,
    unknown: 0,
    invalid: 0,
    duplicate: 0,
    skipped: 0,
  };
}
