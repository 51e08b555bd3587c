import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AddressError } from "../src/address/index.js";
import { runCall } from "../src/cli/commands/call.js";
import { exitCodeFor } from "../src/cli/report-error.js";
import { DEMO_IDS, startEmulatorServer } from "../src/emulator/index.js";
import {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConnectionError,
  NotFoundError,
  OutcomeUnknownError,
  PermissionError,
  RateLimitError,
  ServerError,
} from "../src/genesys/index.js";
import {
  type CliResult,
  cleanEnv,
  closedPort,
  runCli,
  type SpawnedEmulator,
  spawnEmulator,
} from "./cli-process.js";

const ALICE = DEMO_IDS.alice;
const CALLS_PATH = "/api/v2/conversations/calls";

let emulator: SpawnedEmulator;

beforeAll(async () => {
  emulator = await spawnEmulator();
});

afterAll(async () => {
  await emulator.stop();
});

beforeEach(async () => {
  await emulator.control("POST", "/__emulator/reset");
});

/** Environment with the emulator's client credentials, as a service account would have. */
function clientCredentialsEnv(extra: Record<string, string> = {}): Record<string, string> {
  return cleanEnv({
    GENESYSCLOUD_REGION: emulator.url,
    GENESYSCLOUD_OAUTHCLIENT_ID: emulator.clientId,
    GENESYSCLOUD_OAUTHCLIENT_SECRET: emulator.clientSecret,
    ...extra,
  });
}

async function userTokenEnv(userId: string): Promise<Record<string, string>> {
  const token = (await emulator.control("POST", "/__emulator/tokens", { userId })) as {
    access_token: string;
  };
  return cleanEnv({
    GENESYSCLOUD_REGION: emulator.url,
    GENESYSCLOUD_ACCESS_TOKEN: token.access_token,
  });
}

async function createdCalls(): Promise<Array<{ id: string; path: string; request: unknown }>> {
  return (await emulator.control("GET", "/__emulator/calls")) as Array<{
    id: string;
    path: string;
    request: unknown;
  }>;
}

async function callPosts(): Promise<unknown[]> {
  const requests = (await emulator.control("GET", "/__emulator/requests")) as Array<{
    method: string;
    path: string;
  }>;
  return requests.filter(
    (request) => request.method === "POST" && request.path.startsWith(CALLS_PATH),
  );
}

function expectNoStackTrace(result: CliResult): void {
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe("gcdial call against a spawned emulator", () => {
  it("places a call by number on behalf of alice", async () => {
    const result = await runCli(
      ["call", "+1 201-555-0123", "--as", "user:alice@example.com"],
      clientCredentialsEnv(),
    );

    expect(result.code, result.stderr).toBe(0);
    const calls = await createdCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe(`${CALLS_PATH}/user/${ALICE}`);
    expect(calls[0]?.request).toEqual({ phoneNumber: "+12015550123" });
    expect(result.stdout).toContain(
      "Placed a call to +12015550123 on behalf of alice@example.com.",
    );
    expect(result.stdout).toContain(`conversation id: ${calls[0]?.id}`);
  });

  it("prints the exact request of a dry run and sends no call", async () => {
    const result = await runCli(
      [
        "call",
        "(201) 555-0123",
        "--country",
        "US",
        "--as",
        "alice@example.com",
        "--from-queue",
        "Sales",
        "--caller-id",
        "+1 201 555 0199",
        "--caller-name",
        "Sales line",
        "--dry-run",
      ],
      clientCredentialsEnv(),
    );

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      [
        "Dry run: nothing was sent. gcdial would send this request:",
        `POST ${CALLS_PATH}/user/${ALICE}`,
        "{",
        '  "phoneNumber": "+12015550123",',
        '  "callerId": "+12015550199",',
        '  "callerIdName": "Sales line",',
        `  "callFromQueueId": "${DEMO_IDS.salesQueue}"`,
        "}",
        "",
      ].join("\n"),
    );
    expect(await callPosts()).toHaveLength(0);
  });

  it("prints a dry run as one JSON object without conversationId", async () => {
    const result = await runCli(
      ["call", "queue:Support", "--as", `user:${ALICE}`, "--dry-run", "--json"],
      clientCredentialsEnv(),
    );

    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      endpoint: { method: "POST", path: `${CALLS_PATH}/user/${ALICE}` },
      body: { callQueueId: DEMO_IDS.supportQueue },
    });
    expect(await callPosts()).toHaveLength(0);
  });

  it("prints a placed call as one JSON object", async () => {
    const result = await runCli(
      ["call", "+12015550123", "--as", "alice@example.com", "--json"],
      clientCredentialsEnv(),
    );

    expect(result.code, result.stderr).toBe(0);
    const [call] = await createdCalls();
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toEqual({
      conversationId: call?.id,
      endpoint: { method: "POST", path: `${CALLS_PATH}/user/${ALICE}` },
      body: { phoneNumber: "+12015550123" },
    });
  });

  it("places a call from user: without --as", async () => {
    const result = await runCli(
      ["call", "+12015550123", "--from", "user:alice@example.com"],
      clientCredentialsEnv(),
    );

    expect(result.code, result.stderr).toBe(0);
    const calls = await createdCalls();
    expect(calls.map((call) => call.path)).toEqual([`${CALLS_PATH}/user/${ALICE}`]);
    expect(result.stdout).toContain("on behalf of alice@example.com.");
  });

  it("places a call with a user token without --as", async () => {
    const result = await runCli(["call", "+12015550123"], await userTokenEnv(ALICE));

    expect(result.code, result.stderr).toBe(0);
    const calls = await createdCalls();
    expect(calls.map((call) => call.path)).toEqual([CALLS_PATH]);
    expect(result.stdout).toContain("as the token's user");
  });

  it("follows a call with --wait until it ends", async () => {
    // The far end answers at once and hangs up after 1 ms, so the first poll sees the call ended.
    await emulator.control("PUT", "/__emulator/settings", { dialingMs: 0, connectedMs: 1 });
    const result = await runCli(
      ["call", "+12015550123", "--as", "alice@example.com", "--wait"],
      clientCredentialsEnv(),
    );

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Following the call until it ends");
    expect(result.stdout).toMatch(/disconnected \(disconnect type endpoint\)/);
    expect(result.stdout).toContain("The call connected and has ended.");
  });

  it("reports --wait --json with the final state", async () => {
    await emulator.control("PUT", "/__emulator/settings", { dialingMs: 0, connectedMs: 1 });
    const result = await runCli(
      ["call", "+12015550123", "--as", "alice@example.com", "--wait", "--json"],
      clientCredentialsEnv(),
    );

    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(output.state).toBe("disconnected");
    expect(output.connected).toBe(true);
    expect(output.conversationId).toBe((await createdCalls())[0]?.id);
  });

  it("keeps the conversation id when following fails", async () => {
    await emulator.control("POST", "/__emulator/faults", {
      method: "GET",
      path: `${CALLS_PATH}/*`,
      status: 404,
    });
    const result = await runCli(
      ["call", "+12015550123", "--as", "alice@example.com", "--wait", "--json"],
      clientCredentialsEnv(),
    );

    expect(result.code, result.stderr).toBe(8);
    const output = JSON.parse(result.stdout) as { conversationId: string; error: { code: string } };
    expect(output.conversationId).toBe((await createdCalls())[0]?.id);
    expect(output.error.code).toBe("genesys.not_found");
  });

  it("exits 1 when a followed call never connects", async () => {
    await emulator.control("PUT", "/__emulator/settings", { dialingMs: 0, callOutcome: "busy" });
    const result = await runCli(
      ["call", "+12015550123", "--as", "alice@example.com", "--wait"],
      clientCredentialsEnv(),
    );

    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain("The call ended without connecting");
  });
});

describe("gcdial call exit codes", () => {
  it("exits 3 for an invalid address, before any request", async () => {
    const result = await runCli(
      ["call", "+1 201 555 012", "--as", "alice@example.com"],
      clientCredentialsEnv(),
    );

    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain("[phone.invalid]");
    expect(result.stderr).toContain("hint:");
    expect(result.stdout).toBe("");
    expect(await emulator.control("GET", "/__emulator/requests")).toEqual([]);
    expectNoStackTrace(result);
  });

  it("exits 3 for an invalid address even without configuration", async () => {
    const result = await runCli(["call", "1.2015550123E+10"], cleanEnv());

    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain("[phone.scientific_notation]");
  });

  it("exits 2 naming --as for client credentials without a user", async () => {
    const result = await runCli(["call", "+12015550123"], clientCredentialsEnv());

    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("--as");
    expect(result.stderr).toContain("[call.needs_user]");
    expect(await callPosts()).toHaveLength(0);
  });

  it("exits 4 for a wrong client secret", async () => {
    const result = await runCli(
      ["call", "+12015550123", "--as", "alice@example.com"],
      clientCredentialsEnv({ GENESYSCLOUD_OAUTHCLIENT_SECRET: "wrong-secret-value" }),
    );

    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toContain("[genesys.authentication_failed]");
    expect(result.stderr).not.toContain("wrong-secret-value");
    expectNoStackTrace(result);
  });

  it("exits 5 when the token's user lacks the call permission", async () => {
    // Bob's roles allow look-ups only, not conversation:call:add.
    const result = await runCli(
      ["call", "+12015550123", "--as", `user:${ALICE}`],
      await userTokenEnv(DEMO_IDS.bob),
    );

    expect(result.code, result.stderr).toBe(5);
    expect(result.stderr).toContain("[genesys.permission_denied]");
    expect(result.stderr).toContain("conversation:call:add");
    expect(await createdCalls()).toHaveLength(0);
  });

  it("exits 8 when the user to call for is not found", async () => {
    const result = await runCli(
      ["call", "+12015550123", "--as", "nobody@example.com"],
      clientCredentialsEnv(),
    );

    expect(result.code, result.stderr).toBe(8);
    expect(result.stderr).toContain("nobody@example.com");
    expect(await callPosts()).toHaveLength(0);
  });

  it("exits 7 when the connection drops after the call was created", async () => {
    await emulator.control("POST", "/__emulator/faults", {
      method: "POST",
      path: `${CALLS_PATH}/user/*`,
      drop: "after",
    });
    const result = await runCli(
      ["call", "+12015550123", "--as", "alice@example.com"],
      clientCredentialsEnv(),
    );

    expect(result.code, result.stderr).toBe(7);
    expect(result.stderr).toContain("[genesys.outcome_unknown]");
    expect(result.stderr).toContain("may have been placed");
    expect(await callPosts()).toHaveLength(1);
    expect(await createdCalls()).toHaveLength(1);
  });

  it("exits 7 with the error as JSON on stdout", async () => {
    await emulator.control("POST", "/__emulator/faults", {
      method: "POST",
      path: `${CALLS_PATH}/user/*`,
      status: 503,
    });
    const result = await runCli(
      ["call", "+12015550123", "--as", "alice@example.com", "--json"],
      clientCredentialsEnv(),
    );

    expect(result.code, result.stderr).toBe(7);
    const output = JSON.parse(result.stdout) as { error: { code: string } };
    expect(output.error.code).toBe("genesys.outcome_unknown");
    expect(await callPosts()).toHaveLength(1);
  });

  it("exits 2 without credentials", async () => {
    const result = await runCli(["call", "+12015550123", "--as", "alice@example.com"], cleanEnv());

    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("[config.missing_credentials]");
    expect(result.stderr).toContain("--sandbox");
  });

  it("exits 2 without a region", async () => {
    const env = clientCredentialsEnv();
    delete env.GENESYSCLOUD_REGION;
    const result = await runCli(["call", "+12015550123", "--as", "alice@example.com"], env);

    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("[config.missing_region]");
  });

  it("exits 2 for an unknown region name", async () => {
    const result = await runCli(
      ["call", "+12015550123", "--as", "alice@example.com", "--region", "moon_base_1"],
      clientCredentialsEnv(),
    );

    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("[config.invalid_region]");
  });

  it("exits 2 for --dry-run with --wait", async () => {
    const result = await runCli(["call", "+12015550123", "--dry-run", "--wait"], cleanEnv());

    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("--dry-run and --wait");
  });

  it("exits 2 for an unknown --country", async () => {
    const result = await runCli(["call", "2015550123", "--country", "XX", "--dry-run"], cleanEnv());

    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('--country "XX"');
  });

  it("exits 2 for a missing argument", async () => {
    const result = await runCli(["call"], cleanEnv());

    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("missing required argument");
  });
});

describe("gcdial call dry run without credentials", () => {
  it("prints the body of an id-based call", async () => {
    const result = await runCli(
      ["call", "+442079460018", "--as", `user:${ALICE}`, "--dry-run", "--json"],
      cleanEnv(),
    );

    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      endpoint: { method: "POST", path: `${CALLS_PATH}/user/${ALICE}` },
      body: { phoneNumber: "+442079460018" },
    });
  });

  it("names the look-ups it skipped", async () => {
    const result = await runCli(
      [
        "call",
        "+442079460018",
        "--as",
        "alice@example.com",
        "--from-queue",
        "Sales",
        "--dry-run",
        "--json",
      ],
      cleanEnv(),
    );

    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      endpoint: { method: "POST", path: `${CALLS_PATH}/user/<id of user alice@example.com>` },
      body: { phoneNumber: "+442079460018", callFromQueueId: "<id of queue Sales>" },
      skippedLookups: [
        {
          field: "--as",
          kind: "user",
          value: "alice@example.com",
          placeholder: "<id of user alice@example.com>",
        },
        {
          field: "--from-queue",
          kind: "queue",
          value: "Sales",
          placeholder: "<id of queue Sales>",
        },
      ],
    });
  });

  it("stands in for a user called by email", async () => {
    const result = await runCli(
      ["call", "user:bob@example.com", "--as", `user:${ALICE}`, "--dry-run", "--json"],
      cleanEnv(),
    );

    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as {
      body: unknown;
      skippedLookups: Array<{ field: string }>;
    };
    expect(output.body).toEqual({ callUserId: "<id of user bob@example.com>" });
    expect(output.skippedLookups.map((lookup) => lookup.field)).toEqual(["TO"]);
  });

  it("says a user token is assumed without --as", async () => {
    const result = await runCli(["call", "+442079460018", "--dry-run"], cleanEnv());

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`POST ${CALLS_PATH}\n`);
    expect(result.stdout).toContain("request for a user's access token");
  });

  it("needs credentials for an external contact", async () => {
    const result = await runCli(["call", `contact:${DEMO_IDS.contact}`, "--dry-run"], cleanEnv());

    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("[config.missing_credentials]");
  });
});

describe("gcdial call --sandbox", () => {
  it("places a call against its own emulator", async () => {
    const result = await runCli(
      ["call", "+12015550123", "--as", "user:alice@example.com", "--sandbox", "--json"],
      cleanEnv(),
    );

    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(output.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(output.endpoint).toEqual({ method: "POST", path: `${CALLS_PATH}/user/${ALICE}` });
    expect(await createdCalls()).toHaveLength(0);
  });

  it("ignores configured credentials", async () => {
    const env = cleanEnv({
      GENESYSCLOUD_REGION: "eu_west_1",
      GENESYSCLOUD_OAUTHCLIENT_ID: "real-org-client",
      GENESYSCLOUD_OAUTHCLIENT_SECRET: "real-org-secret",
    });
    const result = await runCli(
      ["call", "+12015550123", "--as", "alice@example.com", "--sandbox"],
      env,
    );

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      "Placed a call to +12015550123 on behalf of alice@example.com.",
    );
  });

  it("names --as when it is missing", async () => {
    const result = await runCli(["call", "+12015550123", "--sandbox"], cleanEnv());

    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("--as user:alice@example.com");
  });

  it("rejects --region", async () => {
    const result = await runCli(
      ["call", "+12015550123", "--sandbox", "--region", "eu_west_1"],
      cleanEnv(),
    );

    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("--sandbox and --region");
  });
});

describe("gcdial call configuration precedence", () => {
  const profileDirs: string[] = [];

  afterAll(() => {
    for (const dir of profileDirs) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  function profileWith(content: Record<string, string>, mode = 0o600): string {
    const dir = mkdtempSync(join(tmpdir(), "gcdial-profile-"));
    profileDirs.push(dir);
    const file = join(dir, "profile.json");
    writeFileSync(file, JSON.stringify(content));
    chmodSync(file, mode);
    return file;
  }

  it("uses the profile when env has nothing", async () => {
    const profile = profileWith({
      region: emulator.url,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
    });
    const result = await runCli(
      ["call", "+12015550123", "--as", "alice@example.com"],
      cleanEnv({ GCDIAL_PROFILE: profile }),
    );

    expect(result.code, result.stderr).toBe(0);
    expect(await createdCalls()).toHaveLength(1);
  });

  it("takes env credentials over the profile", async () => {
    const profile = profileWith({
      region: emulator.url,
      clientId: emulator.clientId,
      clientSecret: "stale-profile-secret",
    });
    const env = cleanEnv({
      GCDIAL_PROFILE: profile,
      GENESYSCLOUD_OAUTHCLIENT_ID: emulator.clientId,
      GENESYSCLOUD_OAUTHCLIENT_SECRET: emulator.clientSecret,
    });
    const result = await runCli(["call", "+12015550123", "--as", "alice@example.com"], env);

    expect(result.code, result.stderr).toBe(0);
  });

  it("takes the --region flag over env", async () => {
    const deadPort = await closedPort();
    const env = clientCredentialsEnv({ GENESYSCLOUD_REGION: `http://127.0.0.1:${deadPort}` });
    const result = await runCli(
      ["call", "+12015550123", "--as", "alice@example.com", "--region", emulator.url],
      env,
    );

    expect(result.code, result.stderr).toBe(0);
  });

  it("takes the --profile flag over GCDIAL_PROFILE", async () => {
    const good = profileWith({
      region: emulator.url,
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
    });
    const bad = profileWith({
      region: emulator.url,
      clientId: emulator.clientId,
      clientSecret: "stale-profile-secret",
    });
    const result = await runCli(
      ["call", "+12015550123", "--as", "alice@example.com", "--profile", good],
      cleanEnv({ GCDIAL_PROFILE: bad }),
    );

    expect(result.code, result.stderr).toBe(0);
  });

  it("refuses a profile readable by others", async () => {
    const profile = profileWith(
      { region: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret },
      0o644,
    );
    const result = await runCli(
      ["call", "+12015550123", "--as", "alice@example.com"],
      cleanEnv({ GCDIAL_PROFILE: profile }),
    );

    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`chmod 600 ${profile}`);
    expect(await emulator.control("GET", "/__emulator/requests")).toEqual([]);
  });
});

/**
 * Create a clock that only `sleep` moves, recording each delay asked for. The client's pause gate
 * reads the clock after sleeping, so the two must move together.
 */
function virtualTime(): {
  clock: { now(): number };
  sleep: (ms: number) => Promise<void>;
  delaysMs: number[];
} {
  let nowMs = Date.parse("2026-01-05T10:00:00Z");
  const delaysMs: number[] = [];
  return {
    clock: { now: () => nowMs },
    sleep: async (ms) => {
      delaysMs.push(ms);
      nowMs += ms;
    },
    delaysMs,
  };
}

describe("gcdial call in-process", () => {
  function capture(): { stream: PassThrough; text: () => string } {
    const stream = new PassThrough();
    let text = "";
    stream.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    return { stream, text: () => text };
  }

  it("exits 9 when nothing listens, after backing off", async () => {
    const stdout = capture();
    const stderr = capture();
    const time = virtualTime();
    const port = await closedPort();

    const code = await runCall(
      "+12015550123",
      { as: "alice@example.com" },
      {
        stdout: stdout.stream,
        stderr: stderr.stream,
        env: cleanEnv({
          GENESYSCLOUD_REGION: `http://127.0.0.1:${port}`,
          GENESYSCLOUD_OAUTHCLIENT_ID: "client-id",
          GENESYSCLOUD_OAUTHCLIENT_SECRET: "client-secret-value",
        }),
        clientOptions: { clock: time.clock, sleep: time.sleep },
      },
    );

    expect(code).toBe(9);
    expect(stderr.text()).toContain("[genesys.connection_failed]");
    expect(stderr.text()).toContain(`127.0.0.1:${port}`);
    // Nothing was sent, so the token request is retried with backoff before giving up.
    expect(time.delaysMs.length).toBeGreaterThan(0);
  });

  it("waits out a 429 and shows only the retry", async () => {
    const server = await startEmulatorServer({ port: 0 });
    try {
      const demo = server.emulator.demo;
      server.emulator.addFault({
        method: "POST",
        path: `${CALLS_PATH}/user/*`,
        status: 429,
        headers: { "Retry-After": "2" },
      });
      const stderr = capture();
      const time = virtualTime();
      const code = await runCall(
        "+12015550123",
        { as: "alice@example.com" },
        {
          stdout: capture().stream,
          stderr: stderr.stream,
          env: cleanEnv({
            GENESYSCLOUD_REGION: server.url,
            GENESYSCLOUD_OAUTHCLIENT_ID: demo.clientId,
            GENESYSCLOUD_OAUTHCLIENT_SECRET: demo.clientSecret,
          }),
          clientOptions: { clock: time.clock, sleep: time.sleep },
        },
      );

      expect(code, stderr.text()).toBe(0);
      expect(time.delaysMs).toEqual([2_000]);
      expect(server.emulator.calls()).toHaveLength(1);
      const lines = stderr.text().trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^WARN POST \/api\/v2\/conversations\/calls\/user\/\S+ status=429 .*next=retry/,
      );
    } finally {
      await server.close();
    }
  });

  it("exits 5 for the read-only client", async () => {
    const server = await startEmulatorServer({ port: 0 });
    try {
      const demo = server.emulator.demo;
      const stderr = capture();
      const code = await runCall(
        "+12015550123",
        { as: "alice@example.com" },
        {
          stdout: capture().stream,
          stderr: stderr.stream,
          env: cleanEnv({
            GENESYSCLOUD_REGION: server.url,
            GENESYSCLOUD_OAUTHCLIENT_ID: demo.readOnlyClientId,
            GENESYSCLOUD_OAUTHCLIENT_SECRET: demo.readOnlyClientSecret,
          }),
        },
      );

      expect(code).toBe(5);
      expect(stderr.text()).toContain("conversation:call:add");
      expect(server.emulator.calls()).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it("prints each state change of a followed call", async () => {
    let nowMs = Date.parse("2026-01-05T10:00:00Z");
    const clock = { now: () => nowMs };
    const sleep = async (ms: number) => {
      nowMs += ms;
    };
    const server = await startEmulatorServer({
      port: 0,
      clock,
      sleep,
      settings: { dialingMs: 2_000, connectedMs: 3_000 },
    });
    try {
      const demo = server.emulator.demo;
      const stdout = capture();
      const code = await runCall(
        "+12015550123",
        { as: "alice@example.com", wait: true },
        {
          stdout: stdout.stream,
          stderr: capture().stream,
          env: cleanEnv({
            GENESYSCLOUD_REGION: server.url,
            GENESYSCLOUD_OAUTHCLIENT_ID: demo.clientId,
            GENESYSCLOUD_OAUTHCLIENT_SECRET: demo.clientSecret,
          }),
          clientOptions: { clock, sleep },
        },
      );

      expect(code).toBe(0);
      const states = stdout
        .text()
        .split("\n")
        .filter((line) => /^\s+\d+\.\d s {2}/.test(line))
        .map((line) => line.replace(/^\s+\d+\.\d s {2}/, ""));
      expect(states).toEqual(["dialing", "connected", "disconnected (disconnect type endpoint)"]);
    } finally {
      await server.close();
    }
  });
});

describe("exitCodeFor", () => {
  const init = { method: "POST", path: CALLS_PATH, status: 400, attempts: 1 };
  const cases: Array<[string, unknown, number]> = [
    [
      "address error",
      new AddressError({ code: "phone.invalid", message: "m", hint: "h", input: "1" }),
      3,
    ],
    ["authentication", new AuthenticationError({ ...init, status: 401 }), 4],
    ["permission", new PermissionError({ ...init, status: 403 }), 5],
    ["rate limited", new RateLimitError({ ...init, status: 429, retryAfterMs: 120_000 }), 6],
    [
      "outcome unknown",
      new OutcomeUnknownError({
        method: "POST",
        path: CALLS_PATH,
        endpoint: `http://x${CALLS_PATH}`,
        known: { reason: "timeout" },
        attempts: 1,
      }),
      7,
    ],
    ["not found", new NotFoundError({ ...init, status: 404 }), 8],
    ["server error", new ServerError({ ...init, status: 503 }), 9],
    [
      "connection",
      new ConnectionError({ method: "GET", path: "/", host: "127.0.0.1:1", attempts: 4 }),
      9,
    ],
    [
      "configuration",
      new ConfigurationError("bad", { code: "config.invalid_region", hint: "h" }),
      2,
    ],
    [
      "not.a.user answer",
      new BadRequestError({ ...init, genesysCode: "not.a.user", code: "call.needs_user" }),
      2,
    ],
    ["other bad request", new BadRequestError({ ...init, genesysCode: "bad.request" }), 1],
    ["plain error", new Error("boom"), 1],
    ["non-error value", "boom", 1],
  ];

  for (const [name, error, expected] of cases) {
    it(`maps ${name} to ${expected}`, () => {
      expect(exitCodeFor(error)).toBe(expected);
    });
  }
});
