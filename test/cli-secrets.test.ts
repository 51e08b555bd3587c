import { PassThrough } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { printError } from "../src/cli/report-error.js";
import { DEMO_IDS, type EmulatorServer, startEmulatorServer } from "../src/emulator/index.js";
import { GcdialError } from "../src/errors.js";
import { PermissionError } from "../src/genesys/index.js";
import { type CliResult, cleanEnv, runCli } from "./cli-process.js";

// Planted values that must never reach stdout or stderr, whatever the run's outcome.
const CLIENT_SECRET = "sentinel-client-secret-7c1e9a4b";
const READ_ONLY_SECRET = "sentinel-readonly-secret-2d8f6e1c";
const WRONG_SECRET = "sentinel-wrong-secret-93b7a2f0";
const BAD_TOKEN = "sentinel-bad-access-token-51c3e8";

// The emulator issues tokens of 48 random bytes in base64url (64 characters) and random secrets
// of 32 bytes (43 characters). No legitimate output has a run of 40 such characters.
const TOKEN_SHAPED = /[A-Za-z0-9_-]{40,}/;

const CALLS_PATH = "/api/v2/conversations/calls";

let server: EmulatorServer;
let userToken: string;

beforeAll(async () => {
  server = await startEmulatorServer({
    port: 0,
    clientSecret: CLIENT_SECRET,
    readOnlyClientSecret: READ_ONLY_SECRET,
  });
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.emulator.reset();
  userToken = server.emulator.issueUserToken(DEMO_IDS.alice).access_token;
});

function clientEnv(clientId: string, clientSecret: string): Record<string, string> {
  return cleanEnv({
    GENESYSCLOUD_REGION: server.url,
    GENESYSCLOUD_OAUTHCLIENT_ID: clientId,
    GENESYSCLOUD_OAUTHCLIENT_SECRET: clientSecret,
  });
}

function expectNoSecrets(result: CliResult): void {
  const output = `${result.stdout}\n${result.stderr}`;
  for (const secret of [CLIENT_SECRET, READ_ONLY_SECRET, WRONG_SECRET, BAD_TOKEN, userToken]) {
    expect(output).not.toContain(secret);
  }

  expect(output).not.toMatch(TOKEN_SHAPED);
  expect(output).not.toMatch(/authorization:/i);
}

const ALICE_ARGS = ["call", "+1 201 555 0123", "--as", "alice@example.com"];

describe("secrets in CLI output", () => {
  it("stay out of a successful verbose call", async () => {
    const result = await runCli(
      [...ALICE_ARGS, "--verbose"],
      clientEnv(server.emulator.demo.clientId, CLIENT_SECRET),
    );

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("POST /oauth/token");
    expectNoSecrets(result);
  });

  it("stay out of --json and --dry-run output", async () => {
    const env = clientEnv(server.emulator.demo.clientId, CLIENT_SECRET);
    const placed = await runCli([...ALICE_ARGS, "--json", "--verbose"], env);
    const planned = await runCli([...ALICE_ARGS, "--dry-run", "--verbose"], env);

    expect(placed.code).toBe(0);
    expect(planned.code).toBe(0);
    expectNoSecrets(placed);
    expectNoSecrets(planned);
  });

  it("stay out of a wrong-secret failure", async () => {
    const result = await runCli(
      [...ALICE_ARGS, "--verbose"],
      clientEnv(server.emulator.demo.clientId, WRONG_SECRET),
    );

    expect(result.code, result.stderr).toBe(4);
    expectNoSecrets(result);
  });

  it("stay out of a permission failure", async () => {
    const demo = server.emulator.demo;
    const result = await runCli(
      [...ALICE_ARGS, "--verbose", "--json"],
      clientEnv(demo.readOnlyClientId, READ_ONLY_SECRET),
    );

    expect(result.code, result.stderr).toBe(5);
    expectNoSecrets(result);
  });

  it("stay out of an outcome-unknown failure", async () => {
    server.emulator.addFault({ method: "POST", path: `${CALLS_PATH}/user/*`, drop: "after" });
    const result = await runCli(
      [...ALICE_ARGS, "--verbose"],
      clientEnv(server.emulator.demo.clientId, CLIENT_SECRET),
    );

    expect(result.code, result.stderr).toBe(7);
    expectNoSecrets(result);
  });

  it("stay out of a rate-limit failure", async () => {
    // A Retry-After above the client's 60 s cap is not waited out: the call fails at once.
    server.emulator.addFault({
      method: "POST",
      path: `${CALLS_PATH}/user/*`,
      status: 429,
      headers: { "Retry-After": "120" },
    });
    const result = await runCli(
      [...ALICE_ARGS, "--verbose"],
      clientEnv(server.emulator.demo.clientId, CLIENT_SECRET),
    );

    expect(result.code, result.stderr).toBe(6);
    expect(result.stderr).toContain("[genesys.rate_limited]");
    expect(server.emulator.calls()).toHaveLength(0);
    expectNoSecrets(result);
  });

  it("stay out of access-token runs", async () => {
    const good = cleanEnv({
      GENESYSCLOUD_REGION: server.url,
      GENESYSCLOUD_ACCESS_TOKEN: userToken,
    });
    const bad = cleanEnv({ GENESYSCLOUD_REGION: server.url, GENESYSCLOUD_ACCESS_TOKEN: BAD_TOKEN });
    const placed = await runCli(["call", "+12015550123", "--verbose"], good);
    const rejected = await runCli(["call", "+12015550123", "--verbose", "--json"], bad);

    expect(placed.code).toBe(0);
    expect(rejected.code).toBe(4);
    expectNoSecrets(placed);
    expectNoSecrets(rejected);
  });

  it("stay out of a sandbox run", async () => {
    const result = await runCli([...ALICE_ARGS, "--sandbox", "--verbose"], cleanEnv());

    expect(result.code, result.stderr).toBe(0);
    expectNoSecrets(result);
  });

  it("leave phone numbers masked in verbose logs", async () => {
    const args = [
      "call",
      "+1 201 555 0123 x12",
      "--as",
      "alice@example.com",
      "--extension",
      "drop",
      "--verbose",
    ];
    const result = await runCli(args, clientEnv(server.emulator.demo.clientId, CLIENT_SECRET));

    expect(result.code, result.stderr).toBe(0);
    const logLines = result.stderr
      .split("\n")
      .filter((line) => /^\S+Z (INFO|WARN|DEBUG|ERROR) /.test(line));
    expect(logLines.some((line) => line.includes("to=+1201*****23"))).toBe(true);
    for (const line of logLines) {
      expect(line).not.toContain("2015550123");
    }
  });
});

describe("printError", () => {
  function printed(error: unknown, secrets: string[] = []): string {
    const stream = new PassThrough();
    let text = "";
    stream.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    printError(error, stream, { secrets });
    return text;
  }

  it("masks a listed secret and credential shapes", () => {
    const error = new GcdialError(`login failed for ${CLIENT_SECRET} with Bearer abc.def-123`, {
      code: "test.code",
      hint: 'send {"access_token":"tok-987654321"} again',
    });
    const text = printed(error, [CLIENT_SECRET]);

    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toContain("abc.def-123");
    expect(text).not.toContain("tok-987654321");
    expect(text).toContain("[test.code]");
  });

  it("adds details the message lacks", () => {
    const error = new PermissionError({
      method: "POST",
      path: "/api/v2/conversations/calls/user/u1",
      status: 403,
      attempts: 1,
      messageParams: { permissions: "conversation:call:add" },
      correlationId: "corr-1",
      message: "Placing the call was not allowed",
    });
    const lines = printed(error).trimEnd().split("\n");

    expect(lines[0]).toBe("gcdial: Placing the call was not allowed [genesys.permission_denied]");
    expect(lines).toContain("  request: POST /api/v2/conversations/calls/user/u1, HTTP 403");
    expect(lines).toContain("  missing permissions: conversation:call:add");
    expect(lines).toContain("  correlation id: corr-1");
    expect(lines.at(-1)).toMatch(/^ {2}hint: /);
  });

  it("repeats no detail the message has", () => {
    const error = new PermissionError({
      method: "POST",
      path: "/api/v2/conversations/calls",
      status: 403,
      attempts: 1,
      genesysCode: "missing.permissions",
      genesysMessage: "You are missing the following permission(s): conversation:call:add",
      correlationId: "corr-2",
    });
    const text = printed(error);

    expect(text.match(/corr-2/g)).toHaveLength(1);
    expect(text.match(/\/api\/v2\/conversations\/calls/g)).toHaveLength(1);
    expect(text).not.toContain("missing permissions:");
  });

  it("prints no stack trace for an unexpected error", () => {
    const text = printed(new TypeError("undefined is not a function"));

    expect(text).toContain("unexpected error: undefined is not a function");
    expect(text).not.toMatch(/\n\s+at /);
  });
});
