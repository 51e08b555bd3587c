import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { INTERRUPTED_ERROR, Journal, type NewRow } from "../src/bulk/journal.js";
import { JOURNAL_SCHEMA_VERSION } from "../src/bulk/journal-schema.js";
import type { RunOptions } from "../src/bulk/types.js";

const OPTIONS: RunOptions = {
  file: "/tmp/contacts.csv",
  column: "phone",
  call: { asUser: "user:alice@example.com", country: "US" },
  concurrency: 2,
  ratePerMinute: 120,
};

const ROWS: NewRow[] = [
  { line: 2, input: "+1 201-555-0123", state: "pending", kind: "phone", address: "+12015550123" },
  { line: 3, input: "201.555.0123", state: "duplicate", duplicateOfLine: 2 },
  {
    line: 4,
    input: "911",
    state: "invalid",
    errorCode: "phone.emergency",
    errorMessage: "emergency",
  },
  { line: 5, input: "+12015550124", state: "skipped", skipReason: "dnc" },
  { line: 6, input: "+12015550125", state: "skipped", skipReason: "outside_window" },
];

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "gcdial-journal-"));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

function newJournal(): Journal {
  const journal = Journal.create(join(folder, "run.journal.sqlite"), {
    runId: "run-1",
    options: OPTIONS,
  });
  journal.insertRows(ROWS);
  return journal;
}

describe("journal file", () => {
  it("is created with mode 0600", () => {
    const journal = newJournal();
    journal.close();

    expect(statSync(journal.path).mode & 0o777).toBe(0o600);
  });

  it("keeps mode 0600 for the WAL file", () => {
    const journal = newJournal();
    journal.claim(2, ["pending"]);

    expect(statSync(`${journal.path}-wal`).mode & 0o777).toBe(0o600);
    journal.close();
  });

  it("uses WAL with full sync", () => {
    const journal = newJournal();
    journal.close();
    const db = new Database(journal.path, { readonly: true });

    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(JOURNAL_SCHEMA_VERSION);
    db.close();
  });

  it("rejects an existing file", () => {
    const path = join(folder, "taken.txt");
    writeFileSync(path, "notes that are not a journal\n".repeat(200));

    expect(() => Journal.create(path, { runId: "run-1", options: OPTIONS })).toThrow(
      expect.objectContaining({ code: "journal.exists" }),
    );
  });

  it("rejects an existing journal", () => {
    const journal = newJournal();
    journal.close();

    expect(() => Journal.create(journal.path, { runId: "run-2", options: OPTIONS })).toThrow(
      expect.objectContaining({ code: "journal.exists" }),
    );
  });

  it("reuses a journal whose creation was cut short", () => {
    const path = join(folder, "cut.sqlite");
    writeFileSync(path, "", { mode: 0o644 });
    const empty = new Database(path);
    empty.pragma("journal_mode = WAL");
    empty.close();

    expect(() => Journal.open(path)).toThrow(expect.objectContaining({ code: "journal.empty" }));
    const journal = Journal.create(path, { runId: "run-1", options: OPTIONS });
    expect(journal.runInfo().runId).toBe("run-1");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    journal.close();
  });

  it("rejects a journal from a newer version", () => {
    const journal = newJournal();
    journal.close();
    const db = new Database(journal.path);
    db.pragma(`user_version = ${JOURNAL_SCHEMA_VERSION + 1}`);
    db.close();

    expect(() => Journal.open(journal.path)).toThrow(
      expect.objectContaining({
        code: "journal.newer_version",
        message: expect.stringContaining("schema version 2"),
      }),
    );
  });

  it("rejects a file that is not a journal", () => {
    const path = join(folder, "notes.txt");
    writeFileSync(path, "just text, not SQLite at all ".repeat(50));

    expect(() => Journal.open(path)).toThrow(
      expect.objectContaining({ code: "journal.not_a_journal" }),
    );
  });

  it("rejects a missing file", () => {
    expect(() => Journal.open(join(folder, "absent.sqlite"))).toThrow(
      expect.objectContaining({ code: "journal.not_found" }),
    );
  });

  it("stores the options without change", () => {
    const journal = newJournal();
    journal.close();
    const reopened = Journal.open(journal.path);

    expect(reopened.runInfo()).toMatchObject({ runId: "run-1", phase: "ready", options: OPTIONS });
    reopened.close();
  });
});

describe("journal states", () => {
  it("counts rows by state", () => {
    const journal = newJournal();

    expect(journal.counts()).toEqual({
      pending: 1,
      sending: 0,
      placed: 0,
      failed: 0,
      unknown: 0,
      invalid: 1,
      duplicate: 1,
      skipped: 2,
    });
    journal.close();
  });

  it("lists pending and outside-window rows as dialable", () => {
    const journal = newJournal();

    expect(journal.dialableLines({ redialUnknown: false })).toEqual([2, 6]);
    journal.close();
  });

  it("claims a row only once", () => {
    const journal = newJournal();

    expect(journal.claim(2, ["pending"])).toBe(true);
    expect(journal.claim(2, ["pending"])).toBe(false);
    expect(journal.row(2)).toMatchObject({ state: "sending", attempts: 1 });
    journal.close();
  });

  it("never claims a do-not-call row", () => {
    const journal = newJournal();

    expect(journal.claim(5, ["skipped"])).toBe(false);
    expect(journal.row(5)?.state).toBe("skipped");
    journal.close();
  });

  it("claims an outside-window row", () => {
    const journal = newJournal();

    expect(journal.claim(6, ["skipped"])).toBe(true);
    expect(journal.row(6)).toMatchObject({ state: "sending", skipReason: undefined });
    journal.close();
  });

  it("records a placed call", () => {
    const journal = newJournal();
    journal.claim(2, ["pending"]);
    journal.markPlaced(2, "conv-1", "corr-1");

    expect(journal.row(2)).toMatchObject({
      state: "placed",
      conversationId: "conv-1",
      correlationId: "corr-1",
    });
    journal.close();
  });

  it("restores full sync after an outcome", () => {
    const journal = newJournal();
    // The connection is private; its pragma shows whether the next `sending` commit is fsynced.
    const db = (journal as unknown as { db: Database.Database }).db;
    journal.claim(2, ["pending"]);
    journal.claim(6, ["skipped"]);
    journal.markPlaced(2, "conv-1", "corr-1");
    expect(db.pragma("synchronous", { simple: true })).toBe(2);

    expect(() => journal.markPlaced(2, "conv-2", undefined)).toThrow(/not in state sending/);
    expect(db.pragma("synchronous", { simple: true })).toBe(2);

    journal.markUnknown(6, INTERRUPTED_ERROR);
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    journal.close();
  });

  it("refuses to place a row that was not sending", () => {
    const journal = newJournal();

    expect(() => journal.markPlaced(2, "conv-1", undefined)).toThrow(/not in state sending/);
    journal.close();
  });

  it("keeps a committed sending row after reopening", () => {
    const journal = newJournal();
    journal.claim(2, ["pending"]);
    // No close: the process is gone as after SIGKILL, and another connection reads the file.
    const reader = Journal.open(journal.path);

    expect(reader.row(2)?.state).toBe("sending");
    reader.close();
    journal.close();
  });

  it("turns interrupted rows into unknown", () => {
    const journal = newJournal();
    journal.claim(2, ["pending"]);

    expect(journal.recoverInterrupted()).toEqual([2]);
    expect(journal.row(2)).toMatchObject({ state: "unknown", errorCode: INTERRUPTED_ERROR.code });
    expect(journal.dialableLines({ redialUnknown: false })).toEqual([6]);
    expect(journal.dialableLines({ redialUnknown: true })).toEqual([2, 6]);
    journal.close();
  });

  it("marks outside-window only from pending or skipped", () => {
    const journal = newJournal();
    journal.claim(2, ["pending"]);
    journal.markUnknown(2, { code: "genesys.outcome_unknown", message: "timed out" });

    expect(journal.markOutsideWindow(2, ["pending", "skipped"])).toBe(false);
    expect(journal.row(2)?.state).toBe("unknown");
    journal.close();
  });

  it("rejects a second live owner", () => {
    const journal = newJournal();
    journal.acquire(111, () => true);

    expect(() => journal.acquire(222, () => true)).toThrow(
      expect.objectContaining({ code: "journal.in_use" }),
    );
    journal.close();
  });

  it("takes over from a dead owner", () => {
    const journal = newJournal();
    journal.acquire(111, () => true);
    journal.acquire(222, () => false);

    expect(journal.runInfo().ownerPid).toBe(222);
    journal.close();
  });
});
