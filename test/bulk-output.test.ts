import { describe, expect, it } from "vitest";
import { Journal } from "../src/bulk/journal.js";
import { describeRow, RunOutput, summaryText } from "../src/bulk/output.js";
import { formatDuration, formatProgress, ProgressLine } from "../src/bulk/progress.js";
import { reportCsv, reportJson, statusJson } from "../src/bulk/report.js";
import { emptyCounts, type JournalRow } from "../src/bulk/types.js";
import { TextSink } from "./fixtures/bulk-session-harness.js";

const PLACED_ROW: JournalRow = {
  line: 2,
  input: "+1 201-555-0123",
  state: "placed",
  address: "+12015550123",
  conversationId: "conv-2",
  attempts: 1,
  updatedAt: "2026-06-15T12:00:00.000Z",
};

const UNKNOWN_ROW: JournalRow = {
  line: 3,
  input: "+1 201-555-0124",
  state: "unknown",
  address: "+12015550124",
  errorCode: "genesys.outcome_unknown",
  errorMessage: "POST failed for +12015550124 after a timeout",
  errorHint: "Check Genesys Cloud first.",
  attempts: 1,
  updatedAt: "2026-06-15T12:00:00.000Z",
};

function journalWithRows(): Journal {
  const journal = Journal.createInMemory({
    runId: "run-3",
    options: {
      file: "/data/contacts.csv",
      column: "phone",
      call: {},
      concurrency: 1,
      ratePerMinute: 60,
    },
  });
  journal.insertRows([
    { line: 2, input: "+1 201-555-0123", state: "pending", kind: "phone", address: "+12015550123" },
    {
      line: 3,
      input: "201.555.0123",
      state: "duplicate",
      duplicateOfLine: 2,
      address: "+12015550123",
    },
    {
      line: 4,
      input: "911",
      state: "invalid",
      errorCode: "phone.emergency",
      errorMessage: "emergency",
      errorHint: "remove it",
    },
    {
      line: 5,
      input: "+44 20 7946 0123",
      state: "skipped",
      skipReason: "dnc",
      address: "+442079460123",
    },
  ]);
  journal.claim(2, ["pending"]);
  journal.markPlaced(2, "conv-2", "corr-2");
  return journal;
}

describe("progress line", () => {
  it("shows done, pace, time left and failures", () => {
    const counts = { ...emptyCounts(), failed: 1, unknown: 2 };

    expect(formatProgress(50, 100, counts, 60_000)).toBe(
      "[##########..........] 50/100 · 50.0/min · ETA 1m00s · 1 failed · 2 unknown",
    );
  });

  it("leaves out the time left when done", () => {
    expect(formatProgress(10, 10, emptyCounts(), 5_000)).toBe(
      "[####################] 10/10 · 120.0/min",
    );
  });

  it("formats durations", () => {
    expect(formatDuration(45_000)).toBe("45s");
    expect(formatDuration(188_000)).toBe("3m08s");
    expect(formatDuration(3_720_000)).toBe("1h02m");
  });

  it("redraws at most five times a second", () => {
    let nowMs = 0;
    const sink = new TextSink();
    const line = new ProgressLine({ stream: sink, clock: { now: () => nowMs }, todo: 10 });

    line.update(1, emptyCounts);
    nowMs += 100;
    line.update(2, emptyCounts);
    nowMs += 150;
    line.update(3, emptyCounts);
    line.finish();

    expect(sink.text.split("\r").length - 1).toBe(2);
    expect(sink.text.endsWith("\n")).toBe(true);
  });
});

describe("run output", () => {
  it("masks numbers in row lines", () => {
    expect(describeRow(UNKNOWN_ROW)).toBe(
      "line 3: unknown (genesys.outcome_unknown): POST failed for +1201*****24 after a timeout\n  hint: Check Genesys Cloud first.",
    );
  });

  it("masks numbers in row hints", () => {
    const row = { ...UNKNOWN_ROW, errorHint: "Write +12015550124 without letters." };

    expect(describeRow(row)).toContain("hint: Write +1201*****24 without letters.");
  });

  it("masks numbers in JSON events", () => {
    const stdout = new TextSink();
    const output = new RunOutput({
      stdout,
      stderr: new TextSink(),
      json: true,
      progress: false,
      clock: { now: () => 0 },
    });

    output.row(UNKNOWN_ROW, undefined, { dialled: true });
    const event = JSON.parse(stdout.text);

    expect(event).toMatchObject({
      event: "row",
      line: 3,
      state: "unknown",
      address: "+1201*****24",
    });
    expect(stdout.text).not.toContain("+12015550124");
  });

  it("prints placed rows only in JSON", () => {
    const stderr = new TextSink();
    const output = new RunOutput({
      stdout: new TextSink(),
      stderr,
      json: false,
      progress: false,
      clock: { now: () => 0 },
    });

    output.row(PLACED_ROW, undefined, { dialled: true });

    expect(stderr.text).toBe("");
  });

  it("writes status lines without a terminal", () => {
    const stderr = new TextSink();
    let nowMs = 0;
    const output = new RunOutput({
      stdout: new TextSink(),
      stderr,
      json: false,
      progress: false,
      clock: { now: () => nowMs },
    });
    const counts = () => ({ ...emptyCounts(), placed: 2 });
    output.started({
      runId: "run-4",
      journal: "/data/contacts.csv.journal.sqlite",
      file: "/data/contacts.csv",
      column: "phone",
      total: 10,
      dialable: 10,
      ratePerMinute: 2,
      concurrency: 1,
      dryRun: false,
      resumed: false,
    });
    const before = stderr.text;

    nowMs = 29_000;
    output.row(PLACED_ROW, counts, { dialled: true });
    expect(stderr.text).toBe(before);

    nowMs = 31_000;
    output.row(PLACED_ROW, counts, { dialled: true });
    expect(stderr.text.slice(before.length)).toBe(
      "progress: 2 of 10 calls done (2 placed in all, 0 failed, 0 unknown)\n",
    );
  });

  it("summarises only the states that occur", () => {
    const counts = { ...emptyCounts(), placed: 6, invalid: 4, duplicate: 1 };

    expect(summaryText({ ending: "done", counts, leftForResume: 0 })).toBe(
      "Done: 6 placed, 4 invalid, 1 duplicate (11 rows).",
    );
  });

  it("says how many rows are left", () => {
    const counts = { ...emptyCounts(), placed: 1, pending: 3 };

    expect(summaryText({ ending: "interrupted", counts, leftForResume: 3 })).toBe(
      "Stopped by Ctrl-C: 3 pending, 1 placed (4 rows). 3 rows left for a resume.",
    );
  });
});

describe("reports", () => {
  it("lists every row in CSV", () => {
    const journal = journalWithRows();
    const lines = reportCsv(journal).trim().split("\n");

    expect(lines.length).toBe(5);
    expect(lines[1]).toMatch(/^2,\+1 201-555-0123,placed,,\+12015550123,conv-2,/);
    expect(lines[2]).toMatch(/^3,201\.555\.0123,duplicate,duplicate_of_line_2,/);
    expect(lines[3]).toMatch(
      /^4,911,invalid,phone\.emergency,,,phone\.emergency,emergency,remove it,/,
    );
    expect(lines[4]).toMatch(/^5,\+44 20 7946 0123,skipped,dnc,/);
    journal.close();
  });

  it("lists every row in JSON", () => {
    const journal = journalWithRows();
    const report = JSON.parse(reportJson(journal));

    expect(report).toMatchObject({
      runId: "run-3",
      file: "/data/contacts.csv",
      column: "phone",
      total: 4,
    });
    expect(report.rows.map((row: { line: number }) => row.line)).toEqual([2, 3, 4, 5]);
    expect(report.rows[2]).toMatchObject({
      state: "invalid",
      error: { code: "phone.emergency", hint: "remove it" },
    });
    journal.close();
  });

  it("counts every state for status", () => {
    const journal = journalWithRows();

    expect(statusJson(journal)).toEqual({
      total: 4,
      counts: {
        pending: 0,
        sending: 0,
        placed: 1,
        failed: 0,
        unknown: 0,
        invalid: 1,
        duplicate: 1,
        skipped: 1,
      },
    });
    journal.close();
  });
});
