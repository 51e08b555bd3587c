import { spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const CONTACTS = fileURLToPath(new URL("./fixtures/contacts.csv", import.meta.url));

interface CliResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with piped stdio (so stdout is not a terminal) and the given environment. */
function runCli(
  args: string[],
  options: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
    });
    child.on("error", reject);
    child.on("close", (exitCode) => resolve({ exitCode, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}

function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** What checking the phone column of the contacts fixture with default country US must report. */
const EXPECTED_CONTACT_ROWS = [
  { line: 2, input: "+1 201-555-0123", ok: true, value: "+12015550123" },
  { line: 3, input: "(201) 555-0124", ok: true, value: "+12015550124" },
  { line: 4, input: "201.555.0123", ok: true, value: "+12015550123", duplicateOfLine: 2 },
  { line: 5, input: "1.5551234567E+10", ok: false, error: "phone.scientific_notation" },
  { line: 6, input: "", ok: false, error: "address.empty" },
  { line: 7, input: "+44 20 7946 0123", ok: true, value: "+442079460123" },
  { line: 8, input: "911", ok: false, error: "phone.emergency" },
  { line: 9, input: "+1 201 555 0125 ext. 7", ok: true, value: "+12015550125", extension: "7" },
  {
    line: 10,
    input: "sip:desk@sip.example.com",
    ok: true,
    kind: "sip",
    value: "sip:desk@sip.example.com",
  },
  { line: 11, input: "+1 201 555 ABCD", ok: false, error: "phone.contains_letters" },
];

let workDir = "";

beforeAll(() => {
  if (!existsSync(CLI)) {
    throw new Error("dist/cli/main.js is missing: run npm run build before these tests");
  }

  workDir = mkdtempSync(join(tmpdir(), "gcdial-check-"));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe("gcdial check with arguments", () => {
  it("exits 0 and prints JSON when every address is valid", async () => {
    const result = await runCli([
      "check",
      "--json",
      "--country",
      "US",
      "(201) 555-0123",
      "+1 201 555 0123 x42",
      "user:alice@example.com",
    ]);

    expect(result.exitCode).toBe(0);
    expect(jsonLines(result.stdout)).toEqual([
      { input: "(201) 555-0123", ok: true, kind: "phone", value: "+12015550123" },
      {
        input: "+1 201 555 0123 x42",
        ok: true,
        kind: "phone",
        value: "+12015550123",
        extension: "42",
      },
      {
        input: "user:alice@example.com",
        ok: true,
        kind: "user",
        value: "alice@example.com",
        by: "email",
      },
    ]);
    expect(result.stderr).toBe("");
  });

  it("exits 3 when an address is invalid and says why", async () => {
    const result = await runCli([
      "check",
      "--json",
      "--country",
      "US",
      "+12015550123",
      "0201 555 0123",
    ]);

    expect(result.exitCode).toBe(3);
    const [, invalid] = jsonLines(result.stdout);
    expect(invalid).toMatchObject({
      input: "0201 555 0123",
      ok: false,
      error: { code: "phone.invalid", reason: "too_long" },
    });
    expect((invalid?.error as { hint?: string } | undefined)?.hint).toBeTruthy();
  });

  it("prints a table without colour when piped", async () => {
    const result = await runCli(["check", "--country", "US", "+12015550123", "911"]);

    expect(result.exitCode).toBe(3);
    expect(result.stdout).not.toContain("\u001b[");
    expect(result.stdout).toMatch(/^INPUT\s+STATUS\s+RESULT\n/);
    expect(result.stdout).toMatch(/"\+12015550123"\s+valid\s+\+12015550123/);
    expect(result.stdout).toMatch(/"911"\s+invalid\s+phone\.emergency/);
    expect(result.stdout).toContain("hint: ");
    expect(result.stdout).toContain("1 valid, 1 invalid");
  });

  it("colours the table only when colour is forced and NO_COLOR is unset", async () => {
    const forced = await runCli(["check", "+12015550123"], { env: { FORCE_COLOR: "1" } });
    const noColor = await runCli(["check", "+12015550123"], {
      env: { FORCE_COLOR: "1", NO_COLOR: "1" },
    });

    expect(forced.stdout).toContain("\u001b[32mvalid");
    expect(noColor.stdout).not.toContain("\u001b[");
  });

  it("reads one address a line from stdin with -", async () => {
    const result = await runCli(["check", "-", "--json", "--country", "GB"], {
      stdin: "020 7946 0123\r\n\r\n+1 201 555 0123\n",
    });

    expect(result.exitCode).toBe(0);
    expect(jsonLines(result.stdout).map((line) => line.value)).toEqual([
      "+442079460123",
      "+12015550123",
    ]);
  });
});

describe("gcdial check usage errors", () => {
  it.each([
    [
      ["check", "--country", "XX", "+12015550123"],
      "usage.invalid_country",
      "two-letter ISO 3166 code",
    ],
    [["check"], "usage.no_address", "--csv FILE --column NAME"],
    [["check", "--csv", CONTACTS], "usage.missing_column_option", "--column"],
    [["check", "--column", "phone", "+12015550123"], "usage.csv_option_without_csv", "--csv"],
  ])("exits 2 for %j", async (args, code, hint) => {
    const result = await runCli(args);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`[${code}]`);
    expect(result.stderr).toContain(hint);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe("");
  });

  it("exits 2 when the report would overwrite the input", async () => {
    const path = join(workDir, "same.csv");
    copyFileSync(CONTACTS, path);
    const result = await runCli(["check", "--csv", path, "--column", "phone", "--report", path]);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("[usage.report_is_input]");
    expect(readFileSync(path, "utf8")).toBe(readFileSync(CONTACTS, "utf8"));
  });

  it("exits 2 for an unknown flag", async () => {
    const result = await runCli(["check", "--colour", "+12015550123"]);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("unknown option");
  });

  it("exits 2 for a missing file", async () => {
    const result = await runCli([
      "check",
      "--csv",
      join(workDir, "missing.csv"),
      "--column",
      "phone",
    ]);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("missing.csv: no such file. [csv.unreadable]");
  });

  it("exits 2 for a missing column and lists the columns found", async () => {
    const result = await runCli(["check", "--csv", CONTACTS, "--column", "Phone"]);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('No column "Phone"');
    expect(result.stderr).toContain('the columns found are: "phone", "name". [csv.missing_column]');
  });
});

describe("gcdial check --csv", () => {
  it("reports every row of the contacts file", async () => {
    const result = await runCli([
      "check",
      "--csv",
      CONTACTS,
      "--column",
      "phone",
      "--country",
      "US",
      "--json",
    ]);

    expect(result.exitCode).toBe(3);
    const rows = jsonLines(result.stdout);
    expect(rows).toHaveLength(EXPECTED_CONTACT_ROWS.length);
    for (const [index, expected] of EXPECTED_CONTACT_ROWS.entries()) {
      const row = rows[index] ?? {};
      const { error, ...fields } = expected;
      expect(row).toMatchObject(fields);
      expect((row.error as { code?: string } | undefined)?.code).toBe(error);
      expect(row.extension).toBe(expected.extension);
      expect(row.duplicateOfLine).toBe(expected.duplicateOfLine);
    }
  });

  it("writes a report with the original columns and each outcome", async () => {
    const reportPath = join(workDir, "report.csv");
    const result = await runCli([
      "check",
      "--csv",
      CONTACTS,
      "--column",
      "phone",
      "--country",
      "US",
      "--report",
      reportPath,
    ]);

    expect(result.exitCode).toBe(3);
    const lines = readFileSync(reportPath, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("phone,name,line,normalized,status,error_code,hint,duplicate_of_line");
    expect(lines[1]).toBe("+1 201-555-0123,Ada,2,+12015550123,valid,,,");
    expect(lines[3]).toBe("201.555.0123,Ada again,4,+12015550123,duplicate,,,2");
    expect(lines[4]).toMatch(
      /^1\.5551234567E\+10,Spreadsheet,5,,invalid,phone\.scientific_notation,"Format the column as text/,
    );
    expect(lines[6]).toBe('+44 20 7946 0123,"London, ""the office""",7,+442079460123,valid,,,');
    expect(lines[8]).toBe("+1 201 555 0125 ext. 7,With extension,9,+12015550125;ext=7,valid,,,");
    expect(lines).toHaveLength(11);
  });

  it("reports a malformed row and checks the rows after it", async () => {
    const path = join(workDir, "malformed.csv");
    writeFileSync(path, 'phone,name\n"+12015550123"x,A\n+12015550124,B\n');
    const result = await runCli(["check", "--csv", path, "--column", "phone", "--json"]);

    expect(result.exitCode).toBe(3);
    expect(jsonLines(result.stdout)).toMatchObject([
      { line: 2, ok: false, error: { code: "csv.malformed_row" } },
      { line: 3, ok: true, value: "+12015550124" },
    ]);
  });
});

describe("gcdial check output", () => {
  it("stops quietly when stdout is closed", async () => {
    const path = join(workDir, "many.csv");
    const rows = Array.from(
      { length: 50_000 },
      (_, index) => `+1201555${String(index % 10_000).padStart(4, "0")}`,
    );
    writeFileSync(path, `phone\n${rows.join("\n")}\n`);
    const child = spawn(
      process.execPath,
      [CLI, "check", "--csv", path, "--column", "phone", "--json"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
    });
    child.stdout.once("data", () => child.stdout.destroy());
    const exitCode = await new Promise<number | null>((resolve) => child.on("close", resolve));

    expect(exitCode).toBe(0);
    expect(stderr).toBe("");
  });
});

describe("short-number metadata", () => {
  it("loads only when a short number needs classifying", async () => {
    const script = `
      import { createRequire } from "node:module";
      const { parseAddress } = await import(${JSON.stringify(new URL("../dist/address/index.js", import.meta.url).href)});
      const cache = createRequire(import.meta.url).cache;
      const loaded = () => Object.keys(cache).some((path) => path.includes("google-libphonenumber"));
      parseAddress("(201) 555-0123", { defaultCountry: "US" });
      const afterNumber = loaded();
      parseAddress("911", { defaultCountry: "US" });
      console.log(JSON.stringify({ afterNumber, afterShortNumber: loaded() }));
    `;
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      let stdout = "";
      child.stdout.setEncoding("utf8").on("data", (text: string) => {
        stdout += text;
      });
      child.on("error", reject);
      child.on("close", () => resolve(stdout));
    });

    expect(JSON.parse(output)).toEqual({ afterNumber: false, afterShortNumber: true });
  });
});

describe("gcdial --version", () => {
  it("names the phone metadata version", async () => {
    const result = await runCli(["--version"]);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(
      /^gcdial \d+\.\d+\.\d+ \(libphonenumber-js \d+\.\d+\.\d+, metadata \d+\.\d+\.\d+\)\n$/,
    );
  });
});
