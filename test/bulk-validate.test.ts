import { describe, expect, it } from "vitest";
import { parseCallingWindow } from "../src/bulk/calling-window.js";
import { buildDncList, plainDncEntries } from "../src/bulk/dnc-list.js";
import { type ContactRecord, validateRows } from "../src/bulk/validate-rows.js";

const NOW_MS = Date.UTC(2026, 5, 15, 12, 0);

/** The phone column of the handed contacts file (header on line 1), with default country US. */
const CONTACTS: [number, string][] = [
  [2, "+1 201-555-0123"],
  [3, "(201) 555-0124"],
  [4, "201.555.0123"],
  [5, "1.5551234567E+10"],
  [6, ""],
  [7, "+44 20 7946 0123"],
  [8, "911"],
  [9, "+1 201 555 0125 ext. 7"],
  [10, "sip:desk@sip.example.com"],
  [11, "+1 201 555 ABCD"],
];

function records(rows: [number, string, string?][]): ContactRecord[] {
  return rows.map(([line, phone, zone]) => ({
    kind: "row",
    line,
    cells: { phone, zone: zone ?? "" },
  }));
}

describe("row validation", () => {
  it("classifies the contacts file", async () => {
    const rows = await validateRows(records(CONTACTS), {
      column: "phone",
      defaultCountry: "US",
      extensionPolicy: "tel-uri",
      nowMs: NOW_MS,
    });
    const outcome = rows.map((row) => [
      row.line,
      row.state,
      row.errorCode ?? row.duplicateOfLine ?? row.address,
    ]);

    expect(outcome).toEqual([
      [2, "pending", "+12015550123"],
      [3, "pending", "+12015550124"],
      [4, "duplicate", 2],
      [5, "invalid", "phone.scientific_notation"],
      [6, "invalid", "address.empty"],
      [7, "pending", "+442079460123"],
      [8, "invalid", "phone.emergency"],
      [9, "pending", "+12015550125"],
      [10, "pending", "sip:desk@sip.example.com"],
      [11, "invalid", "phone.contains_letters"],
    ]);
  });

  it("keeps the extension of a valid row", async () => {
    const [row] = await validateRows(records([[9, "+1 201 555 0125 ext. 7"]]), {
      column: "phone",
      defaultCountry: "US",
      extensionPolicy: "drop",
      nowMs: NOW_MS,
    });

    expect(row).toMatchObject({ state: "pending", address: "+12015550125", extension: "7" });
  });

  it("rejects an extension by default", async () => {
    const [row] = await validateRows(records([[9, "+1 201 555 0125 ext. 7"]]), {
      column: "phone",
      defaultCountry: "US",
      nowMs: NOW_MS,
    });

    expect(row).toMatchObject({ state: "invalid", errorCode: "call.extension_rejected" });
    expect(row?.errorHint).toContain("--extension");
  });

  it("gives a hint for every invalid row", async () => {
    const rows = await validateRows(records(CONTACTS), {
      column: "phone",
      defaultCountry: "US",
      nowMs: NOW_MS,
    });

    for (const row of rows.filter((candidate) => candidate.state === "invalid")) {
      expect(row.errorHint, `line ${row.line}`).toBeTruthy();
    }
  });

  it("marks an unreadable record invalid", async () => {
    const malformed: ContactRecord = {
      kind: "malformed",
      line: 5,
      error: {
        code: "csv.malformed_row",
        message: "Line 5 has 3 fields; the header has 2.",
        hint: "Quote it.",
      },
    };
    const [row] = await validateRows([malformed], { column: "phone", nowMs: NOW_MS });

    expect(row).toMatchObject({ line: 5, state: "invalid", errorCode: "csv.malformed_row" });
  });
});

describe("do-not-call list", () => {
  const dnc = buildDncList(
    plainDncEntries("# never call\n(201) 555-0124\n\n+44 20 7946 0123\r\n+1 201 555 0125\n"),
    {
      file: "dnc.txt",
      defaultCountry: "US",
    },
  );

  it("skips listed numbers in any notation", async () => {
    const rows = await validateRows(records(CONTACTS), {
      column: "phone",
      defaultCountry: "US",
      extensionPolicy: "tel-uri",
      dnc,
      nowMs: NOW_MS,
    });
    const skipped = rows
      .filter((row) => row.state === "skipped")
      .map((row) => [row.line, row.skipReason]);

    expect(skipped).toEqual([
      [3, "dnc"],
      [7, "dnc"],
      [9, "dnc"],
    ]);
  });

  it("counts its entries", () => {
    expect(dnc.size).toBe(3);
  });

  it("rejects an entry that is not a number", () => {
    expect(() =>
      buildDncList(plainDncEntries("phone\n+12015550123\n"), { file: "dnc.csv" }),
    ).toThrow(
      expect.objectContaining({
        code: "bulk.invalid_dnc_entry",
        message: expect.stringContaining("Line 1 of"),
      }),
    );
  });
});

describe("time zones for the window", () => {
  const window = parseCallingWindow("09:00-20:00");

  it("skips a many-zone country without a zone", async () => {
    const [row] = await validateRows(records([[2, "+1 201 555 0123"]]), {
      column: "phone",
      window,
      nowMs: NOW_MS,
    });

    expect(row).toMatchObject({
      state: "skipped",
      skipReason: "no_timezone",
      errorCode: "bulk.no_timezone",
    });
    expect(row?.errorMessage).toMatch(/several time zones/);
  });

  it("takes a one-zone country's zone", async () => {
    const [row] = await validateRows(records([[2, "+44 20 7946 0123"]]), {
      column: "phone",
      window,
      nowMs: NOW_MS,
    });

    expect(row).toMatchObject({ state: "pending", timeZone: "Europe/London" });
  });

  it("prefers the column over the option", async () => {
    const rows = await validateRows(
      records([
        [2, "+1 201 555 0123", "America/Chicago"],
        [3, "+1 201 555 0124", ""],
      ]),
      {
        column: "phone",
        window,
        timeZoneColumn: "zone",
        timeZone: "America/New_York",
        nowMs: NOW_MS,
      },
    );

    expect(rows.map((row) => row.timeZone)).toEqual(["America/Chicago", "America/New_York"]);
  });

  it("rejects a bad zone in the column", async () => {
    const [row] = await validateRows(records([[2, "+1 201 555 0123", "America/Nowhere"]]), {
      column: "phone",
      window,
      timeZoneColumn: "zone",
      nowMs: NOW_MS,
    });

    expect(row).toMatchObject({ state: "invalid", errorCode: "bulk.invalid_timezone" });
    expect(row?.errorMessage).toContain('"America/Nowhere"');
  });

  it("needs no zone without a window", async () => {
    const [row] = await validateRows(records([[2, "+1 201 555 0123"]]), {
      column: "phone",
      nowMs: NOW_MS,
    });

    expect(row?.state).toBe("pending");
    expect(row?.timeZone).toBeUndefined();
  });
});
