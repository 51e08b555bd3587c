import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type EmulatorProcess,
  numbersCsv,
  runCli,
  spawnCli,
  startEmulatorProcess,
} from "./fixtures/bulk-cli.js";

const CONTACTS_CSV = readFileSync(new URL("./fixtures/bulk-contacts.csv", import.meta.url));
const AS_ALICE = ["--as", "user:alice@example.com"];

let emulator: EmulatorProcess;
let folder: string;

beforeAll(async () => {
  emulator = await startEmulatorProcess(["--rate-limit", "100000"]);
});

afterAll(async () => {
  await emulator?.stop();
});

beforeEach(async () => {
  await emulator.post("/__emulator/reset", {});
  folder = mkdtempSync(join(tmpdir(), "gcdial-bulk-cli-"));
});

function file(name: string, text: string | Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

interface CallEntry {
  request: { phoneNumber?: string; attributes?: Record<string, string> };
}

describe("gcdial bulk run", () => {
  it("dials every valid row of the contacts file", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);
    const journal = `${contacts}.journal.sqlite`;

    const run = await runCli(
      [
        "bulk",
        "run",
        contacts,
        "--column",
        "phone",
        "--country",
        "US",
        "--extension",
        "tel-uri",
        ...AS_ALICE,
      ],
      emulator.env,
    );

    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`Journal: ${journal}`);
    expect(run.stdout).toContain("Done: 5 placed, 4 invalid, 1 duplicate (10 rows).");
    expect(statSync(journal).mode & 0o777).toBe(0o600);

    const calls = await emulator.get<CallEntry[]>("/__emulator/calls");
    expect(calls.map((call) => call.request.attributes?.gcdialLine).sort()).toEqual([
      "10",
      "2",
      "3",
      "7",
      "9",
    ]);
  });

  it("reports every line with its final state", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);
    await runCli(
      ["bulk", "run", contacts, "--column", "phone", "--country", "US", ...AS_ALICE],
      emulator.env,
    );

    const report = await runCli(
      ["bulk", "report", `${contacts}.journal.sqlite`, "--format", "json"],
      emulator.env,
    );
    const rows = (
      JSON.parse(report.stdout) as { rows: { line: number; state: string; reason?: string }[] }
    ).rows;

    expect(report.code).toBe(0);
    expect(rows.map((row) => [row.line, row.state, row.reason ?? ""])).toEqual([
      [2, "placed", ""],
      [3, "placed", ""],
      [4, "duplicate", "duplicate_of_line_2"],
      [5, "invalid", "phone.scientific_notation"],
      [6, "invalid", "address.empty"],
      [7, "placed", ""],
      [8, "invalid", "phone.emergency"],
      [9, "invalid", "call.extension_rejected"],
      [10, "placed", ""],
      [11, "invalid", "phone.contains_letters"],
    ]);
  });

  it("writes the report as CSV", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);
    await runCli(
      ["bulk", "run", contacts, "--column", "phone", "--country", "US", ...AS_ALICE],
      emulator.env,
    );

    const report = await runCli(
      ["bulk", "report", `${contacts}.journal.sqlite`, "--format", "csv"],
      emulator.env,
    );
    const lines = report.stdout.trim().split("\n");

    expect(lines[0]).toBe(
      "line,input,state,reason,address,conversation_id,error_code,message,hint,duplicate_of_line,time_zone,attempts,correlation_id,updated_at",
    );
    expect(lines.length).toBe(11);
    expect(lines[3]).toMatch(/^4,201\.555\.0123,duplicate,duplicate_of_line_2,\+12015550123,/);
  });

  it("writes the report to a private file", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);
    await runCli(
      ["bulk", "run", contacts, "--column", "phone", "--country", "US", ...AS_ALICE],
      emulator.env,
    );
    const output = join(folder, "report.csv");

    const report = await runCli(
      ["bulk", "report", `${contacts}.journal.sqlite`, "--format", "csv", "--output", output],
      emulator.env,
    );

    expect(report.code).toBe(0);
    expect(report.stdout).toBe("");
    expect(statSync(output).mode & 0o777).toBe(0o600);
    expect(readFileSync(output, "utf8").trim().split("\n").length).toBe(11);
  });

  it("prints status counts as JSON", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);
    await runCli(
      ["bulk", "run", contacts, "--column", "phone", "--country", "US", ...AS_ALICE],
      emulator.env,
    );

    const status = await runCli(
      ["bulk", "status", `${contacts}.journal.sqlite`, "--json"],
      emulator.env,
    );

    expect(JSON.parse(status.stdout)).toEqual({
      total: 10,
      counts: {
        pending: 0,
        sending: 0,
        placed: 4,
        failed: 0,
        unknown: 0,
        invalid: 5,
        duplicate: 1,
        skipped: 0,
      },
    });
  });

  it("prints one JSON event per line", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);

    const run = await runCli(
      ["bulk", "run", contacts, "--column", "phone", "--country", "US", "--json", ...AS_ALICE],
      emulator.env,
    );
    const events = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { event: string });

    expect(events[0]).toMatchObject({ event: "start", total: 10, dialable: 4 });
    expect(events.filter((event) => event.event === "row").length).toBe(10);
    expect(events.at(-1)).toMatchObject({ event: "summary", ending: "done" });
    expect(run.stdout).not.toMatch(/\+1201555012[345]/);
  });

  it("places nothing in a dry run", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);

    const run = await runCli(
      ["bulk", "run", contacts, "--column", "phone", "--country", "US", "--dry-run", ...AS_ALICE],
      emulator.env,
    );

    expect(run.code).toBe(0);
    expect(run.stderr).toContain("would dial");
    expect(existsSync(`${contacts}.journal.sqlite`)).toBe(false);
    expect(await emulator.get<unknown[]>("/__emulator/calls")).toEqual([]);
  });

  it("validates without credentials in a dry run", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);
    const env = { PATH: process.env.PATH, HOME: folder };

    const run = await runCli(
      ["bulk", "run", contacts, "--column", "phone", "--country", "US", "--dry-run"],
      env,
    );

    expect(run.code).toBe(0);
    expect(run.stderr).toContain("the calls are not planned");
    expect(run.stderr).toContain("line 2: would dial +1201*****23");
    expect(run.stdout).toContain("Dry run done: 4 pending, 5 invalid, 1 duplicate (10 rows).");
  });

  it("writes the journal where --journal says", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);
    const journal = join(folder, "elsewhere.sqlite");

    const run = await runCli(
      [
        "bulk",
        "run",
        contacts,
        "--column",
        "phone",
        "--country",
        "US",
        "--journal",
        journal,
        ...AS_ALICE,
      ],
      emulator.env,
    );

    expect(run.code).toBe(0);
    expect(statSync(journal).mode & 0o777).toBe(0o600);
  });
});

describe("gcdial bulk run flags", () => {
  it.each([
    [["--rate", "fast"], '--rate "fast" is not a rate'],
    [["--rate", "0/min"], "outside 1 to 6000"],
    [["--concurrency", "0"], '--concurrency "0" is not a whole number from 1 to 64'],
    [["--concurrency", "2.5"], '--concurrency "2.5"'],
    [["--window", "9-5"], 'The calling window "9-5" is not in the form HH:MM-HH:MM'],
    [
      ["--window", "09:00-20:00", "--timezone", "Mars/Olympus"],
      'The time zone "Mars/Olympus" is not a known IANA time zone',
    ],
    [["--timezone", "Europe/London"], "--timezone needs --window"],
    [["--dnc-column", "phone"], "--dnc-column needs --dnc"],
    [["--country", "XX"], '--country "XX"'],
    [["--extension", "keep"], '--extension "keep" is not one of reject, tel-uri, drop'],
  ])("rejects %j", async (flags, message) => {
    const contacts = file("contacts.csv", CONTACTS_CSV);

    const run = await runCli(
      ["bulk", "run", contacts, "--column", "phone", ...AS_ALICE, ...flags],
      emulator.env,
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(`${contacts}.journal.sqlite`)).toBe(false);
  });

  it("requires --column", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);

    const run = await runCli(["bulk", "run", contacts, ...AS_ALICE], emulator.env);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--column is missing");
  });

  it("lists the columns when one is missing", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);

    const run = await runCli(
      ["bulk", "run", contacts, "--column", "Phone", ...AS_ALICE],
      emulator.env,
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the columns found are: "phone", "name"');
  });

  it("rejects an unreadable do-not-call entry", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);
    const dnc = file("dnc.txt", "+1 201 555 0124\nnot a number\n");

    const run = await runCli(
      ["bulk", "run", contacts, "--column", "phone", "--dnc", dnc, ...AS_ALICE],
      emulator.env,
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Line 2 of the do-not-call file");
  });

  it("refuses to overwrite a journal", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);
    await runCli(["bulk", "run", contacts, "--column", "phone", ...AS_ALICE], emulator.env);

    const again = await runCli(
      ["bulk", "run", contacts, "--column", "phone", ...AS_ALICE],
      emulator.env,
    );

    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
    expect(again.stderr).toContain("gcdial bulk resume");
  });

  it("leaves no journal without credentials", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);
    const env = { PATH: process.env.PATH, HOME: folder };

    const run = await runCli(["bulk", "run", contacts, "--column", "phone", ...AS_ALICE], env);

    expect(run.code).toBe(2);
    expect(existsSync(`${contacts}.journal.sqlite`)).toBe(false);
  });

  it("needs a user with client credentials", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);

    const run = await runCli(["bulk", "run", contacts, "--column", "phone"], emulator.env);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--as");
  });
});

describe("gcdial bulk resume", () => {
  it("rejects a journal from a newer gcdial", async () => {
    const contacts = file("contacts.csv", CONTACTS_CSV);
    await runCli(["bulk", "run", contacts, "--column", "phone", ...AS_ALICE], emulator.env);
    const db = new Database(`${contacts}.journal.sqlite`);
    db.pragma("user_version = 99");
    db.close();

    const resume = await runCli(["bulk", "resume", `${contacts}.journal.sqlite`], emulator.env);

    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain("schema version 99");
  });

  it("exits 7 on an unknown outcome", async () => {
    const numbers = file("numbers.csv", numbersCsv(3));
    await emulator.post("/__emulator/faults", {
      method: "POST",
      path: "/api/v2/conversations/calls/user/*",
      times: 1,
      status: 503,
    });

    const run = await runCli(
      ["bulk", "run", numbers, "--column", "phone", "--concurrency", "1", ...AS_ALICE],
      emulator.env,
    );
    const resume = await runCli(["bulk", "resume", `${numbers}.journal.sqlite`], emulator.env);
    const posts = (
      await emulator.get<{ method: string; path: string }[]>("/__emulator/requests")
    ).filter(
      (entry) => entry.method === "POST" && entry.path.startsWith("/api/v2/conversations/calls"),
    );

    expect(run.code).toBe(7);
    expect(run.stderr).toContain("line 2: unknown (genesys.outcome_unknown)");
    expect(resume.code).toBe(7);
    expect(posts.length).toBe(3);
  });

  it("stops on Ctrl-C and resumes", async () => {
    const numbers = file("numbers.csv", numbersCsv(12));
    const journal = `${numbers}.journal.sqlite`;
    const started = spawnCli(
      [
        "bulk",
        "run",
        numbers,
        "--column",
        "phone",
        "--rate",
        "120/min",
        "--concurrency",
        "2",
        "--json",
        ...AS_ALICE,
      ],
      emulator.env,
    );
    await waitFor(() => countCalls() >= 3);
    const second = await runCli(["bulk", "resume", journal], emulator.env);
    started.child.kill("SIGINT");
    const stopped = await started.finished;

    expect(second.code).toBe(2);
    expect(second.stderr).toContain("is in use by process");
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toContain(`"resumeCommand":"gcdial bulk resume ${journal}"`);
    const status = JSON.parse(
      (await runCli(["bulk", "status", journal, "--json"], emulator.env)).stdout,
    );
    expect(status.counts.sending).toBe(0);
    expect(status.counts.pending).toBeGreaterThan(0);

    const resumed = await runCli(["bulk", "resume", journal, "--rate", "6000/min"], emulator.env);
    const calls = await emulator.get<CallEntry[]>("/__emulator/calls");
    const numbersDialled = calls.map((call) => call.request.phoneNumber);

    expect(resumed.code).toBe(0);
    expect(new Set(numbersDialled).size).toBe(12);
    expect(numbersDialled.length).toBe(12);
  });
});

let lastCallCount = 0;

function countCalls(): number {
  return lastCallCount;
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    lastCallCount = (await emulator.get<unknown[]>("/__emulator/calls")).length;
    if (condition()) {
      return;
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error("condition not met within 10 s");
}
