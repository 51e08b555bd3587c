import { readFileSync, statSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseCallingWindow } from "../src/bulk/calling-window.js";
import { Journal } from "../src/bulk/journal.js";
import { numbersCsv, SessionHarness } from "./fixtures/bulk-session-harness.js";

const JUNE_15_2026_1200_UTC = Date.UTC(2026, 5, 15, 12, 0);
const CONTACTS_CSV = readFileSync(new URL("./fixtures/bulk-contacts.csv", import.meta.url), "utf8");

let harness: SessionHarness;

beforeEach(() => {
  harness = new SessionHarness(JUNE_15_2026_1200_UTC);
});

afterEach(() => {
  harness.dispose();
});

describe("bulk run of the contacts file", () => {
  it("ends every line in its expected state", async () => {
    const file = harness.writeFile("contacts.csv", CONTACTS_CSV);
    const result = await harness.start(
      harness.options(file, {
        call: { asUser: "user:alice@example.com", country: "US", extensionPolicy: "tel-uri" },
      }),
    );

    const journal = Journal.open(harness.journalPath());
    const states = [...journal.rows()].map((row) => [
      row.line,
      row.state,
      row.errorCode ?? row.duplicateOfLine ?? null,
    ]);
    journal.close();

    expect(result.ending).toBe("done");
    expect(states).toEqual([
      [2, "placed", null],
      [3, "placed", null],
      [4, "duplicate", 2],
      [5, "invalid", "phone.scientific_notation"],
      [6, "invalid", "address.empty"],
      [7, "placed", null],
      [8, "invalid", "phone.emergency"],
      [9, "placed", null],
      [10, "placed", null],
      [11, "invalid", "phone.contains_letters"],
    ]);
  });

  it("places one call per valid row, traced by run and line", async () => {
    const file = harness.writeFile("contacts.csv", CONTACTS_CSV);
    await harness.start(
      harness.options(file, {
        call: { asUser: "user:alice@example.com", country: "US", extensionPolicy: "tel-uri" },
      }),
    );

    const calls = harness.emulator.calls();
    const traced = calls.map(
      (call) => (call.request as { attributes: Record<string, string> }).attributes,
    );
    const numbers = calls
      .map((call) => (call.request as { phoneNumber: string }).phoneNumber)
      .sort();

    expect(traced.map((attributes) => attributes.gcdialLine).sort()).toEqual([
      "10",
      "2",
      "3",
      "7",
      "9",
    ]);
    expect(traced.every((attributes) => attributes.gcdialRunId === "run-1")).toBe(true);
    expect(numbers).toEqual([
      "+12015550123",
      "+12015550124",
      "+442079460123",
      "sip:desk@sip.example.com",
      "tel:+12015550125;ext=7",
    ]);
  });

  it("prints each row once with the number masked", async () => {
    const file = harness.writeFile("contacts.csv", CONTACTS_CSV);
    await harness.start(
      harness.options(file, {
        call: { asUser: "user:alice@example.com", country: "US", extensionPolicy: "tel-uri" },
      }),
    );

    const lines = harness.rowEvents().map((event) => event.line);

    expect(lines.sort((a, b) => Number(a) - Number(b))).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(harness.stdout.text).not.toContain("+12015550123");
    expect(harness.stdout.text).not.toContain("sentinel-secret-4f9");
  });

  it("warns about a rate above 300/min", async () => {
    const file = harness.writeFile("contacts.csv", CONTACTS_CSV);
    await harness.start(harness.options(file, { ratePerMinute: 600 }));

    expect(harness.stdout.text).toContain('"event":"note"');
    expect(harness.stdout.text).toContain("--rate 600/min is above the 300 requests a minute");
  });

  it("creates the journal with mode 0600", async () => {
    const file = harness.writeFile("contacts.csv", CONTACTS_CSV);
    await harness.start(harness.options(file));

    expect(statSync(harness.journalPath()).mode & 0o777).toBe(0o600);
  });

  it("stores no credentials in the journal", async () => {
    const file = harness.writeFile("contacts.csv", CONTACTS_CSV);
    await harness.start(harness.options(file));

    expect(readFileSync(harness.journalPath()).includes("sentinel-secret-4f9")).toBe(false);
  });
});

describe("bulk run faults", () => {
  it("waits out a 429 storm with every worker paused", async () => {
    const file = harness.writeFile("numbers.csv", numbersCsv(12));
    harness.emulator.addFault({
      method: "POST",
      path: "/api/v2/conversations/calls/user/*",
      times: 3,
      status: 429,
      headers: { "Retry-After": "3" },
    });

    const result = await harness.start(harness.options(file));
    const log = harness.emulator.requests();
    const refusals = log
      .filter((entry) => entry.status === 429)
      .map((entry) => Date.parse(entry.at));

    expect(result.counts.placed).toBe(12);
    expect(refusals.length).toBe(3);
    for (const refusedAtMs of refusals) {
      const during = log.filter((entry) => {
        const atMs = Date.parse(entry.at);
        return atMs > refusedAtMs && atMs < refusedAtMs + 3_000;
      });
      expect(
        during,
        `requests within 3 s after the 429 at ${new Date(refusedAtMs).toISOString()}`,
      ).toEqual([]);
    }
    expect([...harness.callsByLine().values()].every((count) => count === 1)).toBe(true);
  });

  it("records a 503 as unknown", async () => {
    const file = harness.writeFile("numbers.csv", numbersCsv(4));
    harness.emulator.addFault({
      method: "POST",
      path: "/api/v2/conversations/calls/user/*",
      times: 1,
      status: 503,
    });

    const result = await harness.start(harness.options(file, { concurrency: 1 }));

    expect(result.counts).toMatchObject({ placed: 3, unknown: 1 });
    expect(harness.createPosts().length).toBe(4);
    const journal = Journal.open(harness.journalPath());
    expect(journal.row(2)).toMatchObject({
      state: "unknown",
      errorCode: "genesys.outcome_unknown",
    });
    journal.close();
  });

  it("records a dropped connection after create as unknown", async () => {
    const file = harness.writeFile("numbers.csv", numbersCsv(3));
    harness.emulator.addFault({
      method: "POST",
      path: "/api/v2/conversations/calls/user/*",
      times: 1,
      drop: "after",
    });

    const result = await harness.start(harness.options(file, { concurrency: 1 }));

    expect(result.counts).toMatchObject({ placed: 2, unknown: 1 });
    expect(harness.createPosts().length).toBe(3);
    expect(harness.callsByLine().get("2")).toBe(1);
  });

  it("leaves unknown rows alone on resume", async () => {
    const file = harness.writeFile("numbers.csv", numbersCsv(3));
    harness.emulator.addFault({
      method: "POST",
      path: "/api/v2/conversations/calls/user/*",
      times: 1,
      drop: "after",
    });
    await harness.start(harness.options(file, { concurrency: 1 }));

    const resumed = await harness.resume();

    expect(resumed.counts).toMatchObject({ placed: 2, unknown: 1 });
    expect(harness.createPosts().length).toBe(3);
  });

  it("redials unknown rows only when asked", async () => {
    const file = harness.writeFile("numbers.csv", numbersCsv(3));
    harness.emulator.addFault({
      method: "POST",
      path: "/api/v2/conversations/calls/user/*",
      times: 1,
      status: 503,
    });
    await harness.start(harness.options(file, { concurrency: 1 }));

    const resumed = await harness.resume({ redialUnknown: true });

    expect(resumed.counts).toMatchObject({ placed: 3, unknown: 0 });
    expect(harness.createPosts().length).toBe(4);
  });

  it("stops on a permission error and keeps rows pending", async () => {
    const file = harness.writeFile("numbers.csv", numbersCsv(5));
    harness.emulator.addFault({
      method: "POST",
      path: "/api/v2/conversations/calls/user/*",
      times: 1,
      status: 403,
    });

    const result = await harness.start(harness.options(file, { concurrency: 1 }));

    expect(result.ending).toBe("stopped_on_error");
    expect(result.cause).toMatchObject({ code: "genesys.permission_denied" });
    expect(result.counts).toMatchObject({ pending: 5, sending: 0 });
    expect(harness.stdout.text).toContain("gcdial bulk resume");
  });

  it("slows down before the server's limit", async () => {
    const file = harness.writeFile("numbers.csv", numbersCsv(30));
    harness.emulator.updateSettings({ rateLimitPerMinute: 20 });

    const result = await harness.start(harness.options(file, { ratePerMinute: 600 }));
    const refused = harness.emulator.requests().filter((entry) => entry.status === 429);

    expect(result.counts.placed).toBe(30);
    expect(refused).toEqual([]);
  });
});

describe("bulk run rules", () => {
  it("never dials a do-not-call number", async () => {
    const file = harness.writeFile("contacts.csv", CONTACTS_CSV);
    const dnc = harness.writeFile("dnc.txt", "(201) 555-0124\n+44 20 7946 0123\n");

    const result = await harness.start(harness.options(file, { dncFile: dnc }));
    const dialled = harness.emulator
      .calls()
      .map((call) => (call.request as { phoneNumber: string }).phoneNumber);

    expect(result.counts.skipped).toBe(2);
    expect(dialled).not.toContain("+12015550124");
    expect(dialled).not.toContain("+442079460123");
  });

  it("reads a do-not-call CSV column", async () => {
    const file = harness.writeFile("contacts.csv", CONTACTS_CSV);
    const dnc = harness.writeFile("dnc.csv", "name,number\nGrace,+1 201 555 0124\n");

    await harness.start(harness.options(file, { dncFile: dnc, dncColumn: "number" }));
    const journal = Journal.open(harness.journalPath());

    expect(journal.row(3)).toMatchObject({ state: "skipped", skipReason: "dnc" });
    journal.close();
  });

  it("dials a duplicate number once", async () => {
    const file = harness.writeFile(
      "dupes.csv",
      "phone\n+1 201 555 0123\n(201) 555-0123\ntel:+1-201-555-0123\n",
    );

    const result = await harness.start(harness.options(file));

    expect(result.counts).toMatchObject({ placed: 1, duplicate: 2 });
    expect(harness.emulator.calls().length).toBe(1);
  });

  it("dials waiting rows once open", async () => {
    // 12:00 UTC: 13:00 in London, 08:00 in New York, 05:00 in Los Angeles.
    const file = harness.writeFile(
      "zones.csv",
      "phone,zone\n+1 201 555 0100,America/New_York\n+1 201 555 0101,America/Los_Angeles\n+44 20 7946 0123,\n+1 201 555 0102,\n",
    );
    const options = harness.options(file, {
      window: parseCallingWindow("09:00-20:00"),
      timeZoneColumn: "zone",
    });

    const first = await harness.start(options);
    expect(first.counts).toMatchObject({ placed: 1, skipped: 3 });

    harness.time.advance(60 * 60_000);
    const second = await harness.resume();
    expect(second.counts).toMatchObject({ placed: 2, skipped: 2 });

    harness.time.advance(3 * 60 * 60_000);
    const third = await harness.resume();
    expect(third.counts).toMatchObject({ placed: 3, skipped: 1 });

    const journal = Journal.open(harness.journalPath());
    expect(journal.row(5)).toMatchObject({ state: "skipped", skipReason: "no_timezone" });
    journal.close();
    expect([...harness.callsByLine().values()]).toEqual([1, 1, 1]);
  });

  it("places no call in a dry run", async () => {
    const file = harness.writeFile("contacts.csv", CONTACTS_CSV);

    const result = await harness.start(harness.options(file), true);

    expect(result.ending).toBe("dry_run");
    expect(harness.createPosts()).toEqual([]);
    expect(harness.rowEvents().filter((event) => event.note === "would_dial").length).toBe(4);
  });
});
