import { createServer } from "node:net";
import { describe, expect, test } from "vitest";
import { createEmulator, DEMO_IDS, type Emulator } from "../src/emulator/index.js";
import {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConnectionError,
  GenesysClient,
  OutcomeUnknownError,
  PermissionError,
} from "../src/genesys/index.js";
import { BASE_URL, rejectionOf, setUp } from "./genesys-harness.js";
import { VirtualTime } from "./genesys-virtual-time.js";

const CALLS_PATH = "/api/v2/conversations/calls";
const ON_BEHALF_PATH = `${CALLS_PATH}/user/${DEMO_IDS.alice}`;
const QUEUES_PATH = "/api/v2/routing/queues";

function requestsTo(emulator: Emulator, method: string, path: string) {
  return emulator.requests().filter((entry) => entry.method === method && entry.path === path);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("HTTP scenarios against the emulator", () => {
  test("S01 429 with Retry-After 2 then success", async () => {
    const { time, emulator, client } = setUp("user-token");
    emulator.addFault({
      method: "POST",
      path: CALLS_PATH,
      status: 429,
      headers: { "Retry-After": "2" },
    });

    const placed = await time.run(client.calls.place({ to: "+12015550123" }));

    expect(placed.conversationId).toBe(emulator.calls()[0]?.id);
    expect(time.clientSleeps).toEqual([2000]);
    expect(requestsTo(emulator, "POST", CALLS_PATH)).toHaveLength(2);
    expect(emulator.calls()).toHaveLength(1);
  });

  test("S02 503 on create is not repeated", async () => {
    const { time, emulator, client } = setUp("user-token");
    emulator.addFault({ method: "POST", path: CALLS_PATH, status: 503 });

    const error = await time.run(rejectionOf(client.calls.place({ to: "+12015550123" })));

    expect(error).toBeInstanceOf(OutcomeUnknownError);
    const unknown = error as OutcomeUnknownError;
    const posted = requestsTo(emulator, "POST", CALLS_PATH);
    expect(posted).toHaveLength(1);
    expect(unknown.code).toBe("genesys.outcome_unknown");
    expect(unknown.known.reason).toBe("server-error");
    expect(unknown.known.status).toBe(503);
    expect(unknown.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(unknown.message).toContain(unknown.correlationId);
    expect(unknown.message).toContain("may have been placed");
    expect(unknown.hint).toContain("conversation list");
    expect(time.clientSleeps).toEqual([]);
  });

  test("S03 connection refused retries then names the host", async () => {
    const port = await closedPort();
    const time = new VirtualTime();
    // Real fetch and real timers: the refusal comes from the operating system. Only the
    // backoff sleeps are virtual.
    const client = new GenesysClient({
      region: `http://127.0.0.1:${port}`,
      credentials: { accessToken: "user-token-for-a-closed-port" },
      sleep: time.clientSleep,
      random: () => 0.5,
    });

    const error = await time.run(rejectionOf(client.calls.place({ to: "+12015550123" })));

    expect(error).toBeInstanceOf(ConnectionError);
    const connection = error as ConnectionError;
    expect(connection.host).toBe(`127.0.0.1:${port}`);
    expect(connection.causeCode).toBe("ECONNREFUSED");
    expect(connection.attempts).toBe(4);
    expect(connection.message).toContain(`127.0.0.1:${port}`);
    expect(time.clientSleeps).toEqual([250, 500, 1000]);
  });

  test("S04 connection dropped after the call was created", async () => {
    const { time, emulator, client } = setUp("client-credentials");
    emulator.addFault({ method: "POST", path: ON_BEHALF_PATH, drop: "after" });

    const error = await time.run(
      rejectionOf(client.calls.place({ to: "+12015550123", asUser: DEMO_IDS.alice })),
    );

    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).known).toEqual({
      reason: "connection-lost",
      causeCode: "UND_ERR_SOCKET",
    });
    expect(requestsTo(emulator, "POST", ON_BEHALF_PATH)).toHaveLength(1);
    expect(emulator.calls()).toHaveLength(1);
  });

  test("S05 response slower than the timeout", async () => {
    const { time, emulator, client } = setUp("client-credentials", { timeoutMs: 5_000 });
    emulator.addFault({ method: "POST", path: ON_BEHALF_PATH, delayMs: 30_000 });
    const startMs = time.nowMs;

    const error = await time.run(
      rejectionOf(client.calls.place({ to: "+12015550123", asUser: DEMO_IDS.alice })),
    );

    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).known).toEqual({ reason: "timeout", timeoutMs: 5_000 });
    expect(time.nowMs - startMs).toBe(5_000);
    // The emulator logs a request when it responds, so let its delayed response finish.
    await time.run(time.sleep(30_000));
    expect(requestsTo(emulator, "POST", ON_BEHALF_PATH)).toHaveLength(1);
    expect(emulator.calls()).toHaveLength(1);
  });

  test("S06 token renewed inside the margin", async () => {
    const { time, emulator, client } = setUp(
      "client-credentials",
      { tokenRenewalMarginMs: 1_000 },
      { settings: { tokenLifetimeSec: 2 } },
    );

    await time.run(client.request("GET", QUEUES_PATH));
    time.advance(1_500);
    await time.run(client.request("GET", QUEUES_PATH));

    expect(requestsTo(emulator, "POST", "/oauth/token")).toHaveLength(2);
    expect(requestsTo(emulator, "GET", QUEUES_PATH).map((entry) => entry.status)).toEqual([
      200, 200,
    ]);
  });

  test("S06 token renewed after a long pause", async () => {
    const { time, emulator, client } = setUp(
      "client-credentials",
      {},
      { settings: { tokenLifetimeSec: 10 } },
    );
    emulator.addFault({
      method: "GET",
      path: QUEUES_PATH,
      status: 429,
      headers: { "Retry-After": "8" },
    });

    await time.run(client.request("GET", QUEUES_PATH));

    // The 10 s token is renewed 5 s before it expires, so the retry after 8 s uses a new one.
    expect(requestsTo(emulator, "POST", "/oauth/token")).toHaveLength(2);
    expect(requestsTo(emulator, "GET", QUEUES_PATH).map((entry) => entry.status)).toEqual([
      429, 200,
    ]);
  });

  test("S07 one 401 renews the token and replays once", async () => {
    const { time, emulator, client } = setUp("client-credentials");
    await time.run(client.request("GET", QUEUES_PATH));
    emulator.addFault({
      method: "GET",
      path: QUEUES_PATH,
      status: 401,
      body: { message: "Invalid login credentials.", code: "bad.credentials", status: 401 },
    });

    const response = await time.run(client.request("GET", QUEUES_PATH));

    expect(response.status).toBe(200);
    expect(requestsTo(emulator, "POST", "/oauth/token")).toHaveLength(2);
    expect(requestsTo(emulator, "GET", QUEUES_PATH)).toHaveLength(3);
  });

  test("S07 a second 401 is an authentication error", async () => {
    const { time, emulator, client } = setUp("client-credentials");
    emulator.addFault({
      method: "GET",
      path: QUEUES_PATH,
      status: 401,
      times: 5,
      body: { message: "Invalid login credentials.", code: "bad.credentials", status: 401 },
    });

    const error = await time.run(rejectionOf(client.request("GET", QUEUES_PATH)));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).genesysCode).toBe("bad.credentials");
    expect(requestsTo(emulator, "GET", QUEUES_PATH)).toHaveLength(2);
    expect(requestsTo(emulator, "POST", "/oauth/token")).toHaveLength(2);
  });

  test("S08 eight concurrent requests share one token request", async () => {
    const { time, emulator, client } = setUp("client-credentials");
    const bearerHeaders: string[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      const authorization = new Headers(init?.headers).get("authorization");
      if (authorization?.startsWith("Bearer ")) {
        bearerHeaders.push(authorization);
      }
      return emulator.fetch(input, init);
    };
    const shared = new GenesysClient({
      region: BASE_URL,
      credentials: { clientId: emulator.demo.clientId, clientSecret: emulator.demo.clientSecret },
      fetch: recordingFetch,
      clock: time.clock,
      sleep: time.clientSleep,
      timers: time.timers,
    });
    expect(client).not.toBe(shared);

    const all = Array.from({ length: 8 }, () => shared.request("GET", QUEUES_PATH));
    const responses = await time.run(Promise.all(all));

    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    expect(requestsTo(emulator, "POST", "/oauth/token")).toHaveLength(1);
    expect(bearerHeaders).toHaveLength(8);
    expect(new Set(bearerHeaders).size).toBe(1);
  });

  test("S09 one worker's 429 pauses every worker", async () => {
    const { time, emulator, client } = setUp("client-credentials");
    await time.run(client.request("GET", QUEUES_PATH));
    emulator.addFault({
      method: "GET",
      path: QUEUES_PATH,
      status: 429,
      headers: { "Retry-After": "3" },
    });

    const worker = async () => {
      for (let request = 0; request < 4; request += 1) {
        await client.request("GET", QUEUES_PATH);
        time.advance(100);
      }
    };
    await time.run(Promise.all([worker(), worker(), worker()]));

    const log = requestsTo(emulator, "GET", QUEUES_PATH);
    const refused = log.find((entry) => entry.status === 429);
    expect(refused).toBeDefined();
    const pauseStartMs = Date.parse(refused?.at ?? "");
    const duringPause = log.filter((entry) => {
      const atMs = Date.parse(entry.at);
      return atMs > pauseStartMs && atMs < pauseStartMs + 3_000;
    });
    expect(duringPause).toEqual([]);
    expect(log.filter((entry) => entry.status === 200)).toHaveLength(13);
    expect(time.clientSleeps.every((ms) => ms <= 3_000)).toBe(true);
    expect(time.clientSleeps).toContain(3_000);
  });

  test("S10 Retry-After as an HTTP date", async () => {
    const { time, emulator, client } = setUp("user-token");
    // The server's clock runs an hour ahead of ours: the wait counts from its Date header.
    const serverNowMs = time.nowMs + 3_600_000;
    emulator.addFault({
      method: "POST",
      path: CALLS_PATH,
      status: 429,
      headers: {
        Date: new Date(serverNowMs).toUTCString(),
        "Retry-After": new Date(serverNowMs + 7_000).toUTCString(),
      },
    });

    await time.run(client.calls.place({ to: "+12015550123" }));

    expect(time.clientSleeps).toEqual([7_000]);
    expect(requestsTo(emulator, "POST", CALLS_PATH)).toHaveLength(2);
  });

  test("S11 missing permission is listed, not retried", async () => {
    const time = new VirtualTime();
    const emulator = createEmulator({ clock: time.clock, sleep: time.sleep });
    const client = new GenesysClient({
      region: BASE_URL,
      credentials: {
        clientId: emulator.demo.readOnlyClientId,
        clientSecret: emulator.demo.readOnlyClientSecret,
      },
      fetch: emulator.fetch,
      clock: time.clock,
      sleep: time.clientSleep,
      timers: time.timers,
    });

    const error = await time.run(
      rejectionOf(client.calls.place({ to: "+12015550123", asUser: DEMO_IDS.alice })),
    );

    expect(error).toBeInstanceOf(PermissionError);
    const permission = error as PermissionError;
    expect(permission.status).toBe(403);
    expect(permission.genesysCode).toBe("missing.any.permissions");
    expect(permission.missingPermissions).toContain("conversation:call:add");
    expect(permission.hint).toContain("conversation:call:add");
    expect(requestsTo(emulator, "POST", ON_BEHALF_PATH)).toHaveLength(1);
    expect(emulator.calls()).toHaveLength(0);
  });

  test("S12 client credentials without a user are refused before sending", async () => {
    const { time, emulator, client } = setUp("client-credentials");

    const error = await time.run(rejectionOf(client.calls.place({ to: "+12015550123" })));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).code).toBe("call.needs_user");
    expect((error as ConfigurationError).hint).toContain("asUser");
    expect((error as ConfigurationError).hint).toContain("--as");
    expect(emulator.requests()).toEqual([]);
  });

  test("S12 not.a.user response explained the same", async () => {
    const time = new VirtualTime();
    const emulator = createEmulator({ clock: time.clock, sleep: time.sleep });
    const basic = Buffer.from(`${emulator.demo.clientId}:${emulator.demo.clientSecret}`).toString(
      "base64",
    );
    const tokenResponse = await emulator.fetch(`${BASE_URL}/oauth/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    });
    const { access_token: serviceToken } = (await tokenResponse.json()) as { access_token: string };
    // A given token is taken for a user token unless the caller says otherwise.
    const client = new GenesysClient({
      region: BASE_URL,
      credentials: { accessToken: serviceToken },
      fetch: emulator.fetch,
      clock: time.clock,
      sleep: time.clientSleep,
      timers: time.timers,
    });

    const error = await time.run(rejectionOf(client.calls.place({ to: "+12015550123" })));

    expect(error).toBeInstanceOf(BadRequestError);
    const badRequest = error as BadRequestError;
    expect(badRequest.genesysCode).toBe("not.a.user");
    expect(badRequest.code).toBe("call.needs_user");
    expect(badRequest.hint).toContain("asUser");
    expect(badRequest.hint).toContain("--as");
    expect(requestsTo(emulator, "POST", CALLS_PATH)).toHaveLength(1);
  });

  test("S13 a read is retried after 503", async () => {
    const { time, emulator, client } = setUp("user-token");
    const placed = await time.run(client.calls.place({ to: "+12015550123" }));
    const callPath = `${CALLS_PATH}/${placed.conversationId}`;
    emulator.addFault({ method: "GET", path: callPath, status: 503 });

    const status = await time.run(client.calls.get(placed.conversationId));

    expect(status.conversationId).toBe(placed.conversationId);
    expect(requestsTo(emulator, "GET", callPath).map((entry) => entry.status)).toEqual([503, 200]);
    expect(time.clientSleeps).toEqual([250]);
  });
});
