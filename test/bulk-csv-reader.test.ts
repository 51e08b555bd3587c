import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { type CsvEntry, escapeInvisible, openCsv, openCsvText } from "../src/bulk/csv-reader.js";
import { GcdialError } from "../src/errors.js";

const FIXTURE = new URL("./fixtures/contacts.csv", import.meta.url);

/**
 * The contacts fixture as a spreadsheet program on Windows saves it: UTF-8 with a byte-order mark,
 * CRLF line ends, and a quoted field holding a comma and escaped quotes.
 */
const CONTACTS_CSV =
  "\ufeffphone,name\r\n" +
  "+1 201-555-0123,Ada\r\n" +
  "(201) 555-0124,Grace\r\n" +
  "201.555.0123,Ada again\r\n" +
  "1.5551234567E+10,Spreadsheet\r\n" +
  ",No number\r\n" +
  '+44 20 7946 0123,"London, ""the office"""\r\n' +
  "911,Emergency\r\n" +
  "+1 201 555 0125 ext. 7,With extension\r\n" +
  "sip:desk@sip.example.com,SIP desk\r\n" +
  "+1 201 555 ABCD,Vanity\r\n";

async function readAll(text: string): Promise<CsvEntry[]> {
  const reader = await openCsvText(text);
  const entries: CsvEntry[] = [];
  for await (const entry of reader.entries()) {
    entries.push(entry);
  }

  return entries;
}

function rejection(promise: Promise<unknown>): Promise<GcdialError> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(GcdialError);
      return error as GcdialError;
    },
  );
}

describe("contacts fixture", () => {
  it("is byte for byte the Windows spreadsheet export", () => {
    expect(readFileSync(FIXTURE, "utf8")).toBe(CONTACTS_CSV);
  });

  it("reads every row with its line and text cells", async () => {
    const reader = await openCsv(FIXTURE.pathname, { requiredColumns: ["phone"] });
    const entries: CsvEntry[] = [];
    for await (const entry of reader.entries()) {
      entries.push(entry);
    }

    expect(reader.columns).toEqual(["phone", "name"]);
    expect(entries.map((entry) => entry.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(entries.map((entry) => (entry.kind === "row" ? entry.cells.phone : undefined))).toEqual([
      "+1 201-555-0123",
      "(201) 555-0124",
      "201.555.0123",
      "1.5551234567E+10",
      "",
      "+44 20 7946 0123",
      "911",
      "+1 201 555 0125 ext. 7",
      "sip:desk@sip.example.com",
      "+1 201 555 ABCD",
    ]);
    expect(entries[5]).toMatchObject({ kind: "row", cells: { name: 'London, "the office"' } });
  });
});

describe("openCsv", () => {
  it("numbers multi-line records by first line", async () => {
    const entries = await readAll(
      'phone,note\r\n+12015550123,"two\r\nlines"\r\n+12015550124,x\r\n',
    );

    expect(entries).toEqual([
      {
        kind: "row",
        line: 2,
        cells: { phone: "+12015550123", note: "two\r\nlines" },
        values: ["+12015550123", "two\r\nlines"],
      },
      {
        kind: "row",
        line: 4,
        cells: { phone: "+12015550124", note: "x" },
        values: ["+12015550124", "x"],
      },
    ]);
  });

  it("reports malformed rows and reads on", async () => {
    const text =
      'phone,name\n"+12015550123"x,A\n+12015550124\n+120"15550125,C\n+12015550126,D,E\n+12015550127,F\n';
    const entries = await readAll(text);

    expect(entries.map((entry) => [entry.line, entry.kind])).toEqual([
      [2, "malformed"],
      [3, "malformed"],
      [4, "malformed"],
      [5, "malformed"],
      [6, "row"],
    ]);
    const [closingQuote, tooFew, strayQuote, tooMany] = entries;
    expect(closingQuote).toMatchObject({
      error: { message: expect.stringContaining("after a closing quote") },
    });
    expect(tooFew).toMatchObject({
      error: { message: expect.stringContaining("1 field, but the header has 2") },
    });
    expect(strayQuote).toMatchObject({
      error: { message: expect.stringContaining("inside an unquoted field") },
    });
    expect(tooMany).toMatchObject({ error: { code: "csv.malformed_row" } });
  });

  it("reports an unclosed quote and reads on", async () => {
    const entries = await readAll(
      'phone,name\n+12015550123,"open\n+12015550124,B\n+12015550125,C\n',
    );

    expect(entries.map((entry) => [entry.line, entry.kind])).toEqual([
      [2, "malformed"],
      [3, "row"],
      [4, "row"],
    ]);
    expect(entries[0]).toMatchObject({
      error: { message: expect.stringContaining("never closed") },
    });
  });

  it("skips blank lines and counts them", async () => {
    const reader = await openCsvText("phone\n\n+12015550123\r\n\r\n+12015550124");
    const lines: number[] = [];
    for await (const entry of reader.entries()) {
      lines.push(entry.line);
    }

    expect(lines).toEqual([3, 5]);
    expect(reader.blankLines).toBe(2);
  });

  it("keeps leading zeros and plus signs as text", async () => {
    const entries = await readAll("phone,id\n+0044,007\n");

    expect(entries[0]).toMatchObject({ cells: { phone: "+0044", id: "007" } });
  });

  it("reads chunks split inside characters", async () => {
    const bytes = Buffer.from("\ufeffname,phone\r\nZo\u00eb,+12015550123\r\n", "utf8");
    const pieces = [
      bytes.subarray(0, 2),
      bytes.subarray(2, 17),
      bytes.subarray(17, 30),
      bytes.subarray(30),
    ];
    const reader = await openCsv(Readable.from(pieces));
    const entries: CsvEntry[] = [];
    for await (const entry of reader.entries()) {
      entries.push(entry);
    }

    expect(reader.columns).toEqual(["name", "phone"]);
    expect(entries).toMatchObject([
      { line: 2, cells: { name: "Zo\u00eb", phone: "+12015550123" } },
    ]);
  });

  it("lists the columns found when one is missing", async () => {
    const error = await rejection(
      openCsvText("pho\u200bne,Name\n1,2\n", { requiredColumns: ["phone"] }),
    );

    expect(error.code).toBe("csv.missing_column");
    expect(error.message).toContain('"pho\\u{200B}ne", "Name"');
  });

  it("rejects an empty file", async () => {
    expect((await rejection(openCsvText("", { requiredColumns: ["phone"] }))).code).toBe(
      "csv.no_header",
    );
  });

  it("rejects a file that does not exist", async () => {
    const error = await rejection(openCsv("/nonexistent/contacts.csv"));

    expect(error.code).toBe("csv.unreadable");
    expect(error.message).toContain("/nonexistent/contacts.csv: no such file");
  });

  it("reads 200,000 rows as a stream", async () => {
    const rowCount = 200_000;
    async function* lines() {
      yield "phone,name\n";
      for (let start = 0; start < rowCount; start += 1000) {
        let chunk = "";
        for (let index = start; index < start + 1000; index += 1) {
          chunk += `+1201555${String(index % 10_000).padStart(4, "0")},"Row ${index}"\n`;
        }
        yield chunk;
      }
    }

    const reader = await openCsv(Readable.from(lines()));
    let count = 0;
    let lastLine = 0;
    for await (const entry of reader.entries()) {
      count += entry.kind === "row" ? 1 : 0;
      lastLine = entry.line;
    }

    expect(count).toBe(rowCount);
    expect(lastLine).toBe(rowCount + 1);
  });
});

describe("escapeInvisible", () => {
  it("shows invisible characters as escapes", () => {
    expect(escapeInvisible("\ufeffphone\u00a0")).toBe('"\\u{FEFF}phone\\u{00A0}"');
    expect(escapeInvisible("phone")).toBe('"phone"');
  });
});
