import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { colourEnabled, createDemoStyle } from "../src/cli/demo-style.js";
import { CLI_PATH, cleanEnv, runCli } from "./cli-process.js";

const ANSI_ESCAPE = "\u001b[";

describe("gcdial demo", () => {
  it("runs the tour to completion in under 20 s", async () => {
    const env = cleanEnv();
    delete env.NO_COLOR;
    const result = await runCli(["demo"], env);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.durationMs).toBeLessThan(20_000);
    // Piped output has no colour even without NO_COLOR.
    expect(result.stdout).not.toContain(ANSI_ESCAPE);

    const out = result.stdout;
    expect(out).toMatch(/The emulator listens on http:\/\/127\.0\.0\.1:\d+/);
    // (a) addresses checked, one of them invalid with its hint
    expect(out).toMatch(/"\+1 \(201\) 555-0123"\s+phone \+12015550123/);
    expect(out).toMatch(/"011 44 20 7946 0018"\s+phone \+442079460018 \(default country US\)/);
    expect(out).toMatch(
      /"\+1 201\\u200b555 0123"\s+phone \+12015550123, removed U\+200B ZERO WIDTH SPACE/,
    );
    expect(out).toMatch(/"\+1 201 555 012"\s+invalid \[phone\.invalid\]/);
    // (b) a call on behalf of Alice, followed until it ends
    expect(out).toContain("Placed a call to +12015550123 on behalf of alice@example.com.");
    expect(out).toMatch(/\d+\.\d s {2}connected\n/);
    expect(out).toMatch(/\d+\.\d s {2}disconnected/);
    expect(out).toContain("The call connected and has ended.");
    // (c) a rate limit waited out, exactly one call created
    expect(out).toMatch(/attempt 1: POST \S+ answered 429 Too Many Requests/);
    expect(out).toContain("gcdial waits 2.0 s, as Genesys asked");
    expect(out).toMatch(/attempt 2: POST \S+ answered 200/);
    expect(out).toContain("The emulator received 2 call requests and created 1 call.");
    // (d) an invalid address explained, (e) the not.a.user trap, neither sent
    expect(out).toContain("[phone.scientific_notation]");
    expect(out).toContain("[call.needs_user]");
    expect(out.match(/Requests that reached the emulator: 0\./g)).toHaveLength(2);
    expect(out).toMatch(/Done in \d+\.\d s\./);
  });
});

describe("gcdial demo into a closed pipe", () => {
  it("ends quietly with exit 0", async () => {
    const child = spawn(process.execPath, [CLI_PATH, "demo"], {
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Close the reading end after the first line, as `gcdial demo | head -1` does.
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));

    expect(code, stderr).toBe(0);
    expect(stderr).toBe("");
  });
});

describe("demo colours", () => {
  it("are on for a terminal", () => {
    expect(colourEnabled({ isTTY: true }, {})).toBe(true);
    expect(createDemoStyle({ isTTY: true }, {}).heading("x")).toContain(ANSI_ESCAPE);
  });

  it("are off when piped", () => {
    expect(colourEnabled({ isTTY: false }, {})).toBe(false);
    expect(createDemoStyle({}, {}).heading("x")).toBe("x");
  });

  it("are off with NO_COLOR", () => {
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
  });

  it("stay on with an empty NO_COLOR", () => {
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: "" })).toBe(true);
  });

  it("are off for a dumb terminal", () => {
    expect(colourEnabled({ isTTY: true }, { TERM: "dumb" })).toBe(false);
  });
});
