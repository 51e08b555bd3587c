import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Journal } from "../src/bulk/journal.js";
import type { JournalRow } from "../src/bulk/types.js";
import {
  type EmulatorProcess,
  numbersCsv,
  runCli,
  spawnCli,
  startEmulatorProcess,
} from "./fixtures/bulk-cli.js";

const ROWS = 100;
const KILLS = 15;
const CREATE_PATH = "/api/v2/conversations/calls/user/*";

interface CallEntry {
  id: string;
  request: { phoneNumber?: string; attributes?: Record<string, string> };
}

let emulator: EmulatorProcess;

beforeAll(async () => {
  emulator = await startEmulatorProcess(["--rate-limit", "100000"]);
});

afterAll(async () => {
  await emulator?.stop();
});

/** Seeded pseudo-random numbers (mulberry32), so a failing sequence of kills can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Reads the journal, or returns undefined when it does not hold a run yet. */
function readRows(path: string): JournalRow[] | undefined {
  if (!existsSync(path)) {
    return undefined;
  }
  try {
    const journal = Journal.open(path);
    try {
      return journal.runInfo().phase === "ready" ? [...journal.rows()] : [];
    } finally {
      journal.close();
    }
  } catch {
    return undefined;
  }
}

describe("bulk run killed with SIGKILL", () => {
  it("dials each number at most once", async () => {
    const seed = Number(process.env.GCDIAL_CRASH_SEED ?? Date.now() % 100_000);
    const random = seededRandom(seed);
    const folder = mkdtempSync(join(tmpdir(), "gcdial-crash-"));
    const contacts = join(folder, "contacts.csv");
    const journal = `${contacts}.journal.sqlite`;
    writeFileSync(contacts, numbersCsv(ROWS));
    // Every create response is delayed 60 ms after the call exists, so kills often land mid-call.
    await emulator.post("/__emulator/faults", {
      method: "POST",
      path: CREATE_PATH,
      times: 10_000,
      delayMs: 60,
    });

    // A slow pace makes each life short, so the kills spread over the whole file; every start
    // may burst one second of calls.
    const killedPace = ["--rate", "240/min", "--concurrency", "4"];
    const finishPace = ["--rate", "6000/min", "--concurrency", "4"];
    let kills = 0;
    let finishedEarly = false;
    while (kills < KILLS) {
      const args =
        readRows(journal) === undefined
          ? [
              "bulk",
              "run",
              contacts,
              "--column",
              "phone",
              "--as",
              "user:alice@example.com",
              ...killedPace,
            ]
          : ["bulk", "resume", journal, ...killedPace];
      const started = spawnCli(args, emulator.env);
      const killAfterMs = 250 + Math.floor(random() * 700);
      const timer = setTimeout(() => started.child.kill("SIGKILL"), killAfterMs);
      const result = await started.finished;
      clearTimeout(timer);
      if (result.signal === "SIGKILL") {
        kills += 1;
        continue;
      }
      // The run ended before its kill: every row was tried, so more kills prove nothing new.
      finishedEarly = true;
      break;
    }

    const final = await runCli(["bulk", "resume", journal, ...finishPace], emulator.env);
    const rows = readRows(journal) ?? [];
    const calls = await emulator.get<CallEntry[]>("/__emulator/calls");
    const callsByNumber = new Map<string, number>();
    for (const call of calls) {
      const number = call.request.phoneNumber ?? "";
      callsByNumber.set(number, (callsByNumber.get(number) ?? 0) + 1);
    }
    const unknownCount = rows.filter((row) => row.state === "unknown").length;
    const context = `seed ${seed}, ${kills} kills${finishedEarly ? ", finished early" : ""}, ${unknownCount} unknown`;

    expect(kills, context).toBeGreaterThanOrEqual(10);
    expect([0, 7], context).toContain(final.code);
    expect(
      [...callsByNumber.entries()].filter(([, count]) => count > 1),
      context,
    ).toEqual([]);
    expect(
      rows.map((row) => row.line),
      context,
    ).toEqual(Array.from({ length: ROWS }, (_, index) => index + 2));
    expect(
      rows.filter((row) => row.state === "pending" || row.state === "sending"),
      context,
    ).toEqual([]);
    expect(
      rows.every((row) => row.state === "placed" || row.state === "unknown"),
      context,
    ).toBe(true);

    const conversationIds = new Set(calls.map((call) => call.id));
    for (const row of rows.filter((candidate) => candidate.state === "placed")) {
      expect(conversationIds.has(row.conversationId ?? ""), `line ${row.line}, ${context}`).toBe(
        true,
      );
    }
    const placedLines = new Set(
      rows.filter((row) => row.state === "placed").map((row) => String(row.line)),
    );
    const untracedCalls = calls.filter(
      (call) => !placedLines.has(call.request.attributes?.gcdialLine ?? ""),
    );
    const unknownLines = new Set(
      rows.filter((row) => row.state === "unknown").map((row) => String(row.line)),
    );
    // A call the journal does not show as placed can only belong to a row whose outcome is unknown.
    for (const call of untracedCalls) {
      expect(unknownLines.has(call.request.attributes?.gcdialLine ?? ""), context).toBe(true);
    }

    const redial = await runCli(
      ["bulk", "resume", journal, "--redial-unknown", ...finishPace],
      emulator.env,
    );
    const afterRedial = readRows(journal) ?? [];

    expect(redial.code, context).toBe(0);
    expect(afterRedial.every((row) => row.state === "placed")).toBe(true);
  }, 90_000);
});
