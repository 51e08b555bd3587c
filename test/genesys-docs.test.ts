import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ADDRESS_ERROR_CODES } from "../src/address/index.js";

const ROOT = join(import.meta.dirname, "..");
const ERRORS_DOC = readFileSync(join(ROOT, "docs/errors.md"), "utf8");

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => join(ROOT, folder, name));
}

function clientCodes(): string[] {
  const codes = new Set<string>();
  for (const file of sourceFiles("src/genesys")) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/"((?:genesys|call|lookup|config)\.[a-z_]+)"/g)) {
      codes.add(match[1] ?? "");
    }
  }
  return [...codes].sort();
}

describe("docs/errors.md", () => {
  test("finds the client's codes", () => {
    expect(clientCodes()).toContain("genesys.outcome_unknown");
    expect(clientCodes().length).toBeGreaterThan(15);
  });

  test.each(clientCodes())("documents client code %s", (code) => {
    expect(ERRORS_DOC).toContain(`\`${code}\``);
  });

  test.each([...ADDRESS_ERROR_CODES])("documents address code %s", (code) => {
    expect(ERRORS_DOC).toContain(`\`${code}\``);
  });

  test.each(["csv.missing_column", "csv.malformed_row"])("documents CSV code %s", (code) => {
    expect(ERRORS_DOC).toContain(`\`${code}\``);
  });

  test("lists every exit code", () => {
    for (const exitCode of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
      expect(ERRORS_DOC).toMatch(new RegExp(`^\\| ${exitCode} `, "m"));
    }
  });
});
