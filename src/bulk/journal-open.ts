import Database from "better-sqlite3";
import { JournalError } from "./errors.js";
import { journalExistsError } from "./journal-file.js";
import { JOURNAL_SCHEMA_VERSION } from "./journal-schema.js";

/** Opens a journal's SQLite file with WAL and full sync. */
export function openDatabase(path: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    // `gcdial bulk status` may read while a run writes; wait for its lock instead of failing.
    db.pragma("busy_timeout = 5000");
  } catch (error) {
    throw new JournalError(`Cannot open ${path} as a journal: ${(error as Error).message}`, {
      code: "journal.not_a_journal",
      hint: "Give the path that `gcdial bulk run` printed when the run started.",
      path,
      cause: error,
    });
  }
  return db;
}

/** Rejects a database that is not a journal of a version this gcdial reads. */
export function checkSchemaVersion(db: Database.Database, path: string): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > JOURNAL_SCHEMA_VERSION) {
    throw new JournalError(
      `The journal ${path} has schema version ${version}; this gcdial reads versions up to ${JOURNAL_SCHEMA_VERSION}.`,
      {
        code: "journal.newer_version",
        hint: "Use the gcdial version that wrote the journal, or a newer one.",
        path,
      },
    );
  }

  if (version < 1 && isUninitialised(db)) {
    throw new JournalError(
      `The journal ${path} is empty: its run stopped before it began, so nothing was dialled.`,
      {
        code: "journal.empty",
        hint: "Start the run again with `gcdial bulk run`; it reuses this file.",
        path,
      },
    );
  }

  if (version < 1) {
    throw new JournalError(`${path} is not a gcdial journal (it has no schema version).`, {
      code: "journal.not_a_journal",
      hint: "Give the path that `gcdial bulk run` printed when the run started.",
      path,
    });
  }
}

/** Opens an existing file for a new journal, only when it contains no tables yet. */
export function openReusedFile(path: string): Database.Database {
  let db: Database.Database;
  try {
    db = openDatabase(path);
  } catch {
    throw journalExistsError(path);
  }

  if (!isUninitialised(db)) {
    db.close();
    throw journalExistsError(path);
  }
  return db;
}

/** True for a database with no tables and no version: a journal whose creation was cut short. */
function isUninitialised(db: Database.Database): boolean {
  const version = db.pragma("user_version", { simple: true }) as number;
  const tables = (db.prepare("SELECT COUNT(*) AS n FROM sqlite_master").get() as { n: number }).n;
  return version === 0 && tables === 0;
}
