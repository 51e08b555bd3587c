import { describe, expect, it } from "vitest";
import { parseCallingWindow } from "../src/bulk/calling-window.js";
import { Journal, type NewRow } from "../src/bulk/journal.js";
import { TokenBucket } from "../src/bulk/pacing.js";
import { type DialFailure, type RunnerOptions, runJournal } from "../src/bulk/runner.js";
import type { JournalRow } from "../src/bulk/types.js";

const JUNE_15_2026_1200_UTC = Date.UTC(2026, 5, 15, 12, 0);

function fakeTime(startMs = JUNE_15_2026_1200_UTC) {
  let nowMs = startMs;
  return {
    clock: { now: () => nowMs },
    sleep: async (ms: number) => {
      nowMs += ms;
    },
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}

function pendingRows(count: number, timeZone?: string): NewRow[] {
  return Array.from({ length: count }, (_, index) => ({
    line: index + 2,
    input: `+1201555${String(index).padStart(4, "0")}`,
    state: "pending",
    kind: "phone",
    address: `+1201555${String(index).padStart(4, "0")}`,
    timeZone,
  }));
}

function journalWith(rows: NewRow[], now: () => number): Journal {
  const journal = Journal.createInMemory(
    {
      runId: "run-7",
      options: {
        file: "contacts.csv",
        column: "phone",
        call: {},
        concurrency: 3,
        ratePerMinute: 600,
      },
    },
    now,
  );
  journal.insertRows(rows);
  return journal;
}

const classifyAsFailed = (error: unknown): DialFailure => ({
  outcome: "failed",
  error: { code: (error as { code?: string }).code ?? "unexpected", message: String(error) },
});

function options(
  journal: Journal,
  time: ReturnType<typeof fakeTime>,
  extra: Partial<RunnerOptions>,
): RunnerOptions {
  return {
    journal,
    runId: "run-7",
    concurrency: 3,
    bucket: new TokenBucket({ ratePerMinute: 600, clock: time.clock, sleep: time.sleep }),
    clock: time.clock,
    dial: async (row) => ({ conversationId: `conv-${row.line}` }),
    classify: classifyAsFailed,
    ...extra,
  };
}

describe("runner", () => {
  it("places every pending row once", async () => {
    const time = fakeTime();
    const journal = journalWith(pendingRows(20), time.clock.now);
    const dialled: number[] = [];

    const result = await runJournal(
      options(journal, time, {
        dial: async (row) => {
          dialled.push(row.line);
          return { conversationId: `conv-${row.line}` };
        },
      }),
    );

    expect(result.ending).toBe("done");
    expect(dialled.sort((a, b) => a - b)).toEqual(pendingRows(20).map((row) => row.line));
    expect(journal.counts().placed).toBe(20);
    expect(journal.row(5)?.conversationId).toBe("conv-5");
  });

  it("commits sending before the POST", async () => {
    const time = fakeTime();
    const journal = journalWith(pendingRows(1), time.clock.now);
    let stateDuringDial: string | undefined;

    await runJournal(
      options(journal, time, {
        dial: async (row) => {
          stateDuringDial = journal.row(row.line)?.state;
          return { conversationId: "conv" };
        },
      }),
    );

    expect(stateDuringDial).toBe("sending");
  });

  it("names the run and line in attributes", async () => {
    const time = fakeTime();
    const journal = journalWith(pendingRows(1), time.clock.now);
    let seen: Record<string, string> | undefined;

    await runJournal(
      options(journal, time, {
        dial: async (_row, attributes) => {
          seen = attributes;
          return { conversationId: "conv" };
        },
      }),
    );

    expect(seen).toEqual({ gcdialRunId: "run-7", gcdialLine: "2" });
  });

  it("keeps calls in flight under the cap", async () => {
    const time = fakeTime();
    const journal = journalWith(pendingRows(12), time.clock.now);
    let inFlight = 0;
    let maxInFlight = 0;

    await runJournal(
      options(journal, time, {
        concurrency: 3,
        dial: async () => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setImmediate(resolve));
          inFlight -= 1;
          return { conversationId: "conv" };
        },
      }),
    );

    expect(maxInFlight).toBe(3);
  });

  it("records unknown and failed outcomes", async () => {
    const time = fakeTime();
    const journal = journalWith(pendingRows(2), time.clock.now);

    await runJournal(
      options(journal, time, {
        dial: async (row) => {
          throw Object.assign(new Error("boom"), { code: row.line === 2 ? "timeout" : "bad" });
        },
        classify: (error) => ({
          outcome: (error as { code: string }).code === "timeout" ? "unknown" : "failed",
          error: { code: (error as { code: string }).code, message: "boom", hint: "look" },
        }),
      }),
    );

    expect(journal.row(2)).toMatchObject({
      state: "unknown",
      errorCode: "timeout",
      errorHint: "look",
    });
    expect(journal.row(3)).toMatchObject({ state: "failed", errorCode: "bad" });
  });

  it("stops when nothing was sent", async () => {
    const time = fakeTime();
    const journal = journalWith(pendingRows(6), time.clock.now);
    const cause = new Error("bad credentials");

    const result = await runJournal(
      options(journal, time, {
        concurrency: 1,
        dial: async () => {
          throw cause;
        },
        classify: () => ({ outcome: "not_sent", error: { code: "auth", message: "bad" }, cause }),
      }),
    );

    expect(result).toMatchObject({ ending: "stopped_on_error", cause });
    expect(journal.counts()).toMatchObject({ pending: 6, sending: 0 });
  });

  it("stops when the journal fails", async () => {
    const time = fakeTime();
    const journal = journalWith(pendingRows(4), time.clock.now);

    const result = await runJournal(
      options(journal, time, {
        concurrency: 1,
        dial: async () => {
          journal.close();
          return { conversationId: "conv" };
        },
      }),
    );

    expect(result.ending).toBe("stopped_on_error");
    expect(String(result.cause)).toMatch(/database connection is not open/);
  });

  it("stops after repeated identical failures", async () => {
    const time = fakeTime();
    const journal = journalWith(pendingRows(20), time.clock.now);

    const result = await runJournal(
      options(journal, time, {
        concurrency: 1,
        dial: async () => {
          throw Object.assign(new Error("no station"), {
            code: "conversation.error.no.user.station",
          });
        },
      }),
    );

    expect(result.ending).toBe("stopped_on_failures");
    expect(journal.counts()).toMatchObject({ failed: 5, pending: 15 });
  });

  it("finishes calls in flight when stopped", async () => {
    const time = fakeTime();
    const journal = journalWith(pendingRows(10), time.clock.now);
    const stop = new AbortController();

    const result = await runJournal(
      options(journal, time, {
        concurrency: 2,
        stopSignal: stop.signal,
        dial: async (row) => {
          if (row.line === 3) {
            stop.abort();
          }
          await new Promise((resolve) => setImmediate(resolve));
          return { conversationId: `conv-${row.line}` };
        },
      }),
    );

    expect(result.ending).toBe("interrupted");
    expect(journal.counts()).toMatchObject({ placed: 2, sending: 0, pending: 8 });
  });

  it("never redials an interrupted row by default", async () => {
    const time = fakeTime();
    const journal = journalWith(pendingRows(3), time.clock.now);
    journal.claim(2, ["pending"]);
    const dialled: number[] = [];
    const dial = async (row: JournalRow) => {
      dialled.push(row.line);
      return { conversationId: `conv-${row.line}` };
    };

    const result = await runJournal(options(journal, time, { dial }));

    expect(result.recoveredLines).toEqual([2]);
    expect(dialled.sort()).toEqual([3, 4]);
    expect(journal.row(2)).toMatchObject({ state: "unknown", errorCode: "bulk.interrupted" });
  });

  it("redials unknown rows when asked", async () => {
    const time = fakeTime();
    const journal = journalWith(pendingRows(2), time.clock.now);
    journal.claim(2, ["pending"]);
    journal.recoverInterrupted();

    await runJournal(options(journal, time, { redialUnknown: true }));

    expect(journal.row(2)).toMatchObject({ state: "placed", attempts: 2, errorCode: undefined });
  });

  it("retries failed rows when asked", async () => {
    const time = fakeTime();
    const journal = journalWith(pendingRows(1), time.clock.now);
    journal.claim(2, ["pending"]);
    journal.markFailed(2, { code: "bad.request", message: "no" });

    await runJournal(options(journal, time, {}));
    expect(journal.row(2)?.state).toBe("failed");

    await runJournal(options(journal, time, { retryFailed: true }));
    expect(journal.row(2)?.state).toBe("placed");
  });
});

describe("runner calling window", () => {
  const window = parseCallingWindow("09:00-20:00");

  it("dials outside rows once open", async () => {
    // 12:00 UTC is 13:00 in London and 05:00 in Los Angeles (summer time).
    const time = fakeTime();
    const journal = journalWith(
      [
        ...pendingRows(1, "Europe/London"),
        { ...pendingRows(2, "America/Los_Angeles")[1] } as NewRow,
      ],
      time.clock.now,
    );

    await runJournal(options(journal, time, { window }));
    expect(journal.row(2)?.state).toBe("placed");
    expect(journal.row(3)).toMatchObject({ state: "skipped", skipReason: "outside_window" });

    time.advance(5 * 3_600_000);
    await runJournal(options(journal, time, { window }));
    expect(journal.row(3)).toMatchObject({ state: "placed", conversationId: "conv-3" });
  });

  it("keeps an unknown row unknown outside the window", async () => {
    const time = fakeTime();
    const journal = journalWith(pendingRows(1, "America/Los_Angeles"), time.clock.now);
    journal.claim(2, ["pending"]);
    journal.markUnknown(2, { code: "genesys.outcome_unknown", message: "timed out" });

    await runJournal(options(journal, time, { window, redialUnknown: true }));

    expect(journal.row(2)?.state).toBe("unknown");
    expect(journal.dialableLines({ redialUnknown: false })).toEqual([]);
  });

  it("dials across midnight", async () => {
    const time = fakeTime(Date.UTC(2026, 5, 15, 23, 30));
    const journal = journalWith(pendingRows(1, "UTC"), time.clock.now);

    await runJournal(options(journal, time, { window: parseCallingWindow("22:00-06:00") }));

    expect(journal.row(2)?.state).toBe("placed");
  });
});
