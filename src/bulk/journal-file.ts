import { chmodSync, closeSync, openSync, statSync } from "node:fs";
import { JournalError } from "./errors.js";

/** Owner read and write only, because the journal contains the run's phone numbers. */
export const JOURNAL_FILE_MODE = 0o600;

/**
 * Creates an empty journal file with mode 0600 before SQLite opens it, so the numbers are never
 * readable by others, not even for a moment. Rejects an existing file rather than overwrite a
 * run's record, unless the file belongs to this user (a journal whose creation was cut short).
 * Returns true when an existing file is reused; the caller then checks that it has no tables.
 */
export function createJournalFile(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx", JOURNAL_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST" && isOwnedRegularFile(path)) {
      chmodSync(path, JOURNAL_FILE_MODE);
      verifyJournalFileMode(path);
      return true;
    }
    throw journalCreateError(path, error);
  }
  closeSync(fd);

  // The process umask may have removed bits from the mode given to open(2); set it exactly.
  chmodSync(path, JOURNAL_FILE_MODE);
  verifyJournalFileMode(path);
  return false;
}

function isOwnedRegularFile(path: string): boolean {
  const stats = statSync(path);
  return stats.isFile() && (process.getuid === undefined || stats.uid === process.getuid());
}

/** Throws when the file's permission bits are not exactly 0600 (POSIX systems only). */
export function verifyJournalFileMode(path: string): void {
  if (process.platform === "win32") {
    return;
  }

  const mode = statSync(path).mode & 0o777;
  if (mode !== JOURNAL_FILE_MODE) {
    throw new JournalError(`The journal ${path} has mode ${mode.toString(8)}, not 600.`, {
      code: "journal.unsafe_mode",
      hint: `Run \`chmod 600 ${path}\`; the journal holds phone numbers.`,
      path,
    });
  }
}

export function journalExistsError(path: string): JournalError {
  return new JournalError(`The journal ${path} already exists.`, {
    code: "journal.exists",
    hint: `Continue that run with \`gcdial bulk resume ${path}\`, or choose another file with --journal.`,
    path,
  });
}

function journalCreateError(path: string, error: unknown): JournalError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EEXIST") {
    return journalExistsError(path);
  }

  return new JournalError(`Cannot create the journal ${path}: ${(error as Error).message}`, {
    code: "journal.create_failed",
    hint: "Choose a writable folder with --journal.",
    path,
    cause: error,
  });
}
