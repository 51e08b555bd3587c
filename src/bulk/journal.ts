import { existsSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { JournalError } from "./errors.js";
import { createJournalFile } from "./journal-file.js";
import { checkSchemaVersion, openDatabase, openReusedFile } from "./journal-open.js";
import { fromRecord, type RowRecord } from "./journal-rows.js";
import { JOURNAL_SCHEMA_SQL, JOURNAL_SCHEMA_VERSION } from "./journal-schema.js";
import {
  emptyCounts,
  type JournalRow,
  type RowState,
  type RunOptions,
  type StateCounts,
} from "./types.js";

/** The run as stored in the journal. */
export interface RunInfo {
  runId: string;
  createdAt: string;
  /** `validating` until every input row is in the journal. */
  phase: "validating" | "ready";
  options: RunOptions;
  ownerPid: number | undefined;
}

/** A row as the validation writes it. */
export type NewRow = Omit<JournalRow, "attempts" | "updatedAt">;

/** The error details of a call that did not end `placed`. */
export interface RowError {
  code: string;
  message: string;
  hint?: string | undefined;
  correlationId?: string | undefined;
}

/** Error stored on rows found in `sending` by a resume. */
export const INTERRUPTED_ERROR: RowError = {
  code: "bulk.interrupted",
  message: "The run stopped while this call was being placed; it may have been placed.",
  hint: "Check the call in Genesys Cloud (attribute gcdialLine); resume with --redial-unknown only if it was not placed.",
};

/**
 * The crash-safe record of a bulk run, one SQLite file per run.
 *
 * Every state change is its own transaction, committed before the method returns. With WAL and
 * `synchronous = FULL` a commit is on disk before the next statement runs, so a `sending` row
 * committed before the create POST survives SIGKILL and power loss alike. The outcome that
 * follows is committed without an fsync of its own (see `withoutSync`).
 */
export class Journal {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(path: string, db: Database.Database, now: () => number) {
    this.path = path;
    this.db = db;
    this.now = now;
  }

  /** Creates a new journal file (mode 0600) and stores the run's options. */
  static create(
    path: string,
    run: { runId: string; options: RunOptions },
    now: () => number = Date.now,
  ): Journal {
    const reused = createJournalFile(path);
    const db = reused ? openReusedFile(path) : openDatabase(path);

    const journal = new Journal(path, db, now);
    journal.initialise(run);
    return journal;
  }

  /**
   * Throws `journal.exists` when `path` contains a journal or other data, so `bulk run` can reject
   * the path before it validates the file and connects.
   */
  static checkCreatable(path: string): void {
    if (!existsSync(path) || statSync(path).size === 0) {
      return;
    }
    openReusedFile(path).close();
  }

  /** An in-memory journal, for a dry run that must leave no file behind. */
  static createInMemory(
    run: { runId: string; options: RunOptions },
    now: () => number = Date.now,
  ): Journal {
    const journal = new Journal(":memory:", new Database(":memory:"), now);
    journal.initialise(run);
    return journal;
  }

  /** Opens an existing journal, rejecting files that are not gcdial journals or are too new. */
  static open(path: string, now: () => number = Date.now): Journal {
    if (!existsSync(path)) {
      throw new JournalError(`The journal ${path} does not exist.`, {
        code: "journal.not_found",
        hint: "Give the path that `gcdial bulk run` printed when the run started.",
        path,
      });
    }

    const db = openDatabase(path);
    try {
      checkSchemaVersion(db, path);
    } catch (error) {
      db.close();
      throw error;
    }
    return new Journal(path, db, now);
  }

  /**
   * Writes the schema, the version and the run in one transaction, so a crash leaves either a
   * complete journal or one with no tables, which `create` reuses.
   */
  private initialise(run: { runId: string; options: RunOptions }): void {
    const initialise = this.db.transaction(() => {
      this.db.exec(JOURNAL_SCHEMA_SQL);
      this.db.pragma(`user_version = ${JOURNAL_SCHEMA_VERSION}`);
      this.db
        .prepare(
          "INSERT INTO run (singleton, run_id, created_at, phase, options_json) VALUES (1, ?, ?, 'validating', ?)",
        )
        .run(run.runId, this.timestamp(), JSON.stringify(run.options));
    });
    initialise();
  }

  runInfo(): RunInfo {
    const record = this.db.prepare("SELECT * FROM run WHERE singleton = 1").get() as
      | {
          run_id: string;
          created_at: string;
          phase: RunInfo["phase"];
          options_json: string;
          owner_pid: number | null;
        }
      | undefined;
    if (record === undefined) {
      throw new JournalError(`The journal ${this.path} contains no run.`, {
        code: "journal.not_a_journal",
        hint: "Give the path that `gcdial bulk run` printed when the run started.",
        path: this.path,
      });
    }

    return {
      runId: record.run_id,
      createdAt: record.created_at,
      phase: record.phase,
      options: JSON.parse(record.options_json) as RunOptions,
      ownerPid: record.owner_pid ?? undefined,
    };
  }

  /**
   * Records the process that runs the journal. Rejects the journal when another live process
   * owns it, because two processes dialling from one journal could each treat the other's
   * `sending` rows as interrupted.
   */
  acquire(pid: number, isAlive: (pid: number) => boolean): void {
    // An immediate transaction takes the write lock before reading, so two processes starting
    // at once cannot both see the journal free.
    const take = this.db.transaction(() => {
      const holder = this.runInfo().ownerPid;
      // NOTE: after a crash the operating system may give the dead run's pid to another
      // process; the journal then looks in use until that process ends.
      if (holder !== undefined && holder !== pid && isAlive(holder)) {
        throw new JournalError(`The journal ${this.path} is in use by process ${holder}.`, {
          code: "journal.in_use",
          hint: `Wait for that run to end, or stop it with Ctrl-C (kill -INT ${holder}), then resume.`,
          path: this.path,
        });
      }

      this.db.prepare("UPDATE run SET owner_pid = ? WHERE singleton = 1").run(pid);
    });
    take.immediate();
  }

  release(pid: number): void {
    this.db
      .prepare("UPDATE run SET owner_pid = NULL WHERE singleton = 1 AND owner_pid = ?")
      .run(pid);
  }

  /** Writes every validated row and marks the run ready, in one transaction. */
  insertRows(rows: Iterable<NewRow>): void {
    const insert = this.db.prepare(
      `INSERT INTO rows (line, input, state, kind, address, extension, address_key, time_zone,
         skip_reason, duplicate_of_line, error_code, error_message, error_hint, updated_at)
       VALUES (@line, @input, @state, @kind, @address, @extension, @addressKey, @timeZone,
         @skipReason, @duplicateOfLine, @errorCode, @errorMessage, @errorHint, @updatedAt)`,
    );
    const updatedAt = this.timestamp();
    const insertAll = this.db.transaction((all: Iterable<NewRow>) => {
      this.db.prepare("DELETE FROM rows").run();
      for (const row of all) {
        insert.run({ ...nullFields(row), updatedAt });
      }
      this.db.prepare("UPDATE run SET phase = 'ready' WHERE singleton = 1").run();
    });
    insertAll(rows);
  }

  counts(): StateCounts {
    const counts = emptyCounts();
    const records = this.db
      .prepare("SELECT state, COUNT(*) AS n FROM rows GROUP BY state")
      .all() as {
      state: RowState;
      n: number;
    }[];
    for (const record of records) {
      counts[record.state] = record.n;
    }
    return counts;
  }

  total(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM rows").get() as { n: number }).n;
  }

  row(line: number): JournalRow | undefined {
    const record = this.db.prepare("SELECT * FROM rows WHERE line = ?").get(line) as
      | RowRecord
      | undefined;
    return record === undefined ? undefined : fromRecord(record);
  }

  /** Every row in line order. */
  *rows(): IterableIterator<JournalRow> {
    for (const record of this.db.prepare("SELECT * FROM rows ORDER BY line").iterate()) {
      yield fromRecord(record as RowRecord);
    }
  }

  /**
   * Lines a run may dial, in order: `pending` rows and rows skipped as outside the calling window.
   * With `redialUnknown`, rows whose earlier call has an unknown outcome are included too.
   */
  dialableLines(options: { redialUnknown: boolean }): number[] {
    const unknown = options.redialUnknown ? " OR state = 'unknown'" : "";
    const records = this.db
      .prepare(
        `SELECT line FROM rows
         WHERE state = 'pending' OR (state = 'skipped' AND skip_reason = 'outside_window')${unknown}
         ORDER BY line`,
      )
      .all() as { line: number }[];
    return records.map((record) => record.line);
  }

  /**
   * Moves a row to `sending` and commits, before its create POST. Returns false when the row is
   * no longer in one of `from` (another worker or process took it), so it must not be dialled.
   */
  claim(line: number, from: readonly RowState[]): boolean {
    return this.transition(line, from, "sending", { attempts: "attempts + 1" });
  }

  markPlaced(line: number, conversationId: string, correlationId: string | undefined): void {
    this.withoutSync(() =>
      this.mustTransition(line, ["sending"], "placed", {
        conversation_id: conversationId,
        correlation_id: correlationId ?? null,
        error_code: null,
        error_message: null,
        error_hint: null,
      }),
    );
  }

  markFailed(line: number, error: RowError): void {
    this.withoutSync(() => this.mustTransition(line, ["sending"], "failed", errorFields(error)));
  }

  markUnknown(line: number, error: RowError): void {
    this.withoutSync(() => this.mustTransition(line, ["sending"], "unknown", errorFields(error)));
  }

  /**
   * Commits the outcome of a call with `synchronous = NORMAL`: no fsync of its own, but on disk
   * with the next FULL commit (the next `sending`) or the checkpoint at close. In WAL mode a
   * commit survives a process crash at any synchronous setting, so SIGKILL loses nothing. Only a
   * power loss or OS crash can roll such a commit back, and then the row is `sending` again,
   * which a resume reports as `unknown` and never dials. That halves the fsyncs per call.
   */
  private withoutSync(commit: () => void): void {
    this.db.pragma("synchronous = NORMAL");
    try {
      commit();
    } finally {
      this.db.pragma("synchronous = FULL");
    }
  }

  /**
   * Puts a `sending` row back to `pending`. Only for outcomes where the request surely did not
   * reach Genesys or was rejected before it was processed (401, 403, 429, connection refused).
   */
  revertToPending(line: number): void {
    this.mustTransition(line, ["sending"], "pending", {});
  }

  markOutsideWindow(line: number, from: readonly RowState[]): boolean {
    return this.transition(line, from, "skipped", { skip_reason: "outside_window" });
  }

  /** Turns rows left in `sending` by a crash into `unknown`; returns their lines. */
  recoverInterrupted(): number[] {
    const records = this.db
      .prepare("SELECT line FROM rows WHERE state = 'sending' ORDER BY line")
      .all() as {
      line: number;
    }[];
    const recover = this.db.transaction(() => {
      for (const record of records) {
        this.mustTransition(record.line, ["sending"], "unknown", errorFields(INTERRUPTED_ERROR));
      }
    });
    recover();
    return records.map((record) => record.line);
  }

  close(): void {
    if (this.db.open) {
      this.db.close();
    }
  }

  private mustTransition(
    line: number,
    from: readonly RowState[],
    to: RowState,
    fields: Fields,
  ): void {
    if (!this.transition(line, from, to, fields)) {
      throw new JournalError(
        `Line ${line} is not in state ${from.join(" or ")}; cannot mark it ${to}.`,
        {
          code: "journal.bad_transition",
          hint: "Another process may be using this journal; run `gcdial bulk status` to see its state.",
          path: this.path,
        },
      );
    }
  }

  private transition(
    line: number,
    from: readonly RowState[],
    to: RowState,
    fields: Fields,
  ): boolean {
    const assignments = ["state = @to", "updated_at = @updatedAt"];
    const values: Record<string, unknown> = { line, to, updatedAt: this.timestamp() };
    if (to !== "skipped") {
      assignments.push("skip_reason = NULL");
    }
    for (const [column, value] of Object.entries(fields)) {
      if (column === "attempts") {
        assignments.push(`attempts = ${value}`);
        continue;
      }
      assignments.push(`${column} = @${column}`);
      values[column] = value;
    }

    const fromList = from.map((_, index) => `@from${index}`).join(", ");
    from.forEach((state, index) => {
      values[`from${index}`] = state;
    });
    // Rows skipped for the do-not-call list or a missing time zone never leave that state.
    const sql = `UPDATE rows SET ${assignments.join(", ")}
      WHERE line = @line AND state IN (${fromList})
        AND (state <> 'skipped' OR skip_reason = 'outside_window')`;
    return this.prepared(sql).run(values).changes === 1;
  }

  // The transitions reuse a few statements thousands of times, and preparing one costs more than
  // running it.
  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }

    return statement;
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}

type Fields = Record<string, string | number | null>;

function errorFields(error: RowError): Fields {
  return {
    error_code: error.code,
    error_message: error.message,
    error_hint: error.hint ?? null,
    correlation_id: error.correlationId ?? null,
  };
}

function nullFields(row: NewRow): Record<string, unknown> {
  return {
    line: row.line,
    input: row.input,
    state: row.state,
    kind: row.kind ?? null,
    address: row.address ?? null,
    extension: row.extension ?? null,
    addressKey: row.addressKey ?? null,
    timeZone: row.timeZone ?? null,
    skipReason: row.skipReason ?? null,
    duplicateOfLine: row.duplicateOfLine ?? null,
    errorCode: row.errorCode ?? null,
    errorMessage: row.errorMessage ?? null,
    errorHint: row.errorHint ?? null,
  };
}
