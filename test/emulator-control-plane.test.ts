import { describe, expect, test } from "vitest";
import {
  createEmulator,
  createManualClock,
  DEFAULT_SETTINGS,
  DEMO_IDS,
  type Emulator,
} from "../src/emulator/index.js";

const SECRET = "test-secret-for-the-demo-client";
const BASE = "http://emulator.test";
const CREATE_PATH = `/api/v2/conversations/calls/user/${DEMO_IDS.alice}`;

async function clientToken(emulator: Emulator): Promise<string> {
  const response = await emulator.fetch(`${BASE}/oauth/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${DEMO_IDS.clientId}:${SECRET}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

function control(emulator: Emulator, method: string, path: string, body?: unknown) {
  return emulator.fetch(`${BASE}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

function createCall(emulator: Emulator, token: string) {
  return emulator.fetch(`${BASE}${CREATE_PATH}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ phoneNumber: "+12015550123" }),
  });
}

describe("settings", () => {
  test("GET returns the defaults", async () => {
    const emulator = createEmulator();
    const response = await control(emulator, "GET", "settings");

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(DEFAULT_SETTINGS);
  });

  test("PUT merges nested settings", async () => {
    const emulator = createEmulator();
    const response = await control(emulator, "PUT", "settings", {
      rateLimitPerMinute: 5,
      addressRules: { sipUri: false },
    });
    const settings = (await response.json()) as typeof DEFAULT_SETTINGS;

    expect(response.status).toBe(200);
    expect(settings.rateLimitPerMinute).toBe(5);
    expect(settings.addressRules).toEqual({ ...DEFAULT_SETTINGS.addressRules, sipUri: false });
    expect(emulator.settings().addressRules.sipUri).toBe(false);
  });

  test.each([
    [{ rateLimitPerMinute: 0 }, /rateLimitPerMinute must be an integer from 1/],
    [{ tokenLifetimeSec: "1h" }, /tokenLifetimeSec must be an integer/],
    [
      { callOutcome: "voicemail" },
      /callOutcome must be one of "answered", "busy", "no-answer", "failed"/,
    ],
    [{ addressRules: { e164: "yes" } }, /addressRules.e164 must be true or false/],
    [
      { addressRules: { extensionMinDigits: 7 } },
      /extensionMinDigits \(7\) must not exceed extensionMaxDigits \(6\)/,
    ],
    [{ addressRules: { pattern: ".*" } }, /addressRules.pattern is not a setting/],
    [
      { clientTokenLifetimeSec: { [DEMO_IDS.clientId]: 0 } },
      /clientTokenLifetimeSec\..* must be an integer from 1/,
    ],
    [{ rateLimit: 5 }, /rateLimit is not a setting; known: rateLimitPerMinute/],
    [[1], /must be a JSON object/],
  ])("PUT %j is 400", async (update, message) => {
    const emulator = createEmulator();
    const response = await control(emulator, "PUT", "settings", update);
    const body = (await response.json()) as { code: string; message: string };

    expect(response.status).toBe(400);
    expect(body.code).toBe("emulator.invalid_input");
    expect(body.message).toMatch(message);
    expect(emulator.settings()).toEqual(DEFAULT_SETTINGS);
  });

  test("PUT with malformed JSON is 400", async () => {
    const emulator = createEmulator();
    const response = await control(emulator, "PUT", "settings", "{rate");

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: "The request body is not valid JSON." });
  });

  test("createEmulator rejects invalid settings", () => {
    expect(() => createEmulator({ settings: { dialingMs: -1 } })).toThrow(
      /dialingMs must be an integer from 0/,
    );
  });
});

describe("faults", () => {
  test("status fault answers instead of the API", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    const added = await control(emulator, "POST", "faults", {
      method: "POST",
      path: CREATE_PATH,
      status: 503,
      times: 2,
    });

    expect(added.status).toBe(201);
    const first = await createCall(emulator, token);
    const second = await createCall(emulator, token);
    const third = await createCall(emulator, token);

    expect(first.status).toBe(503);
    expect(await first.json()).toMatchObject({
      code: "service.unavailable",
      status: 503,
      contextId: first.headers.get("inin-correlation-id"),
    });
    expect(second.status).toBe(503);
    expect(third.status).toBe(200);
    expect(emulator.calls()).toHaveLength(1);
  });

  test.each([
    [500, "internal.server.error"],
    [502, "bad.gateway"],
    [503, "service.unavailable"],
    [504, "request.timeout"],
    [401, "bad.credentials"],
    [403, "not.authorized"],
  ])("status %i fault has code %s", async (status, code) => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    emulator.addFault({ method: "POST", path: CREATE_PATH, status });
    const response = await createCall(emulator, token);

    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ code, status, details: [], errors: [] });
    expect(response.headers.get("inin-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(emulator.calls()).toHaveLength(0);
  });

  test("429 fault with Retry-After", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    emulator.addFault({
      method: "POST",
      path: "/api/v2/conversations/calls*",
      status: 429,
      headers: { "Retry-After": "2" },
    });
    const limited = await createCall(emulator, token);

    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(await limited.json()).toMatchObject({
      code: "too.many.requests.retry.after",
      message: "Rate limit exceeded the maximum. Retry the request in [2] seconds",
    });
    expect((await createCall(emulator, token)).status).toBe(200);
  });

  test("429 fault without Retry-After", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    emulator.addFault({ method: "POST", path: CREATE_PATH, status: 429 });
    const limited = await createCall(emulator, token);

    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeNull();
    expect(await limited.json()).toMatchObject({
      code: "too.many.requests.retry.after",
      status: 429,
    });
  });

  test("failing access log does not fail requests", async () => {
    const emulator = createEmulator({
      clientSecret: SECRET,
      onRequest: () => {
        throw new Error("stderr closed");
      },
    });

    expect((await createCall(emulator, await clientToken(emulator))).status).toBe(200);
  });

  test("custom body and headers", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    emulator.addFault({
      method: "*",
      path: "/api/v2/*",
      status: 502,
      body: "<html>Bad Gateway</html>",
      headers: { "X-Edge": "lb" },
    });
    const response = await createCall(emulator, token);

    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("x-edge")).toBe("lb");
    expect(await response.text()).toBe("<html>Bad Gateway</html>");
  });

  test("method and path must both match", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    emulator.addFault({ method: "GET", path: CREATE_PATH, status: 500 });

    expect((await createCall(emulator, token)).status).toBe(200);
    expect(emulator.requests().map((entry) => entry.status)).toEqual([200, 200]);
  });

  test("delay fault lets the call happen, then waits", async () => {
    const clock = createManualClock();
    const emulator = createEmulator({ clientSecret: SECRET, clock, sleep: clock.sleep });
    const token = await clientToken(emulator);
    emulator.addFault({ method: "POST", path: CREATE_PATH, delayMs: 30_000 });
    const response = await createCall(emulator, token);

    expect(response.status).toBe(200);
    expect(clock.sleeps).toEqual([30_000]);
    expect(emulator.calls()).toHaveLength(1);
  });

  test("drop before: fetch fails and no call exists", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    emulator.addFault({ method: "POST", path: CREATE_PATH, drop: "before" });

    const failure = await createCall(emulator, token).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe("fetch failed");
    expect((failure as TypeError).cause).toMatchObject({
      code: "UND_ERR_SOCKET",
      message: "other side closed",
    });
    expect(emulator.calls()).toHaveLength(0);
  });

  test("drop after: fetch fails but the call exists", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    emulator.addFault({ method: "POST", path: CREATE_PATH, drop: "after" });

    await expect(createCall(emulator, token)).rejects.toThrow("fetch failed");
    expect(emulator.calls()).toHaveLength(1);
    expect(emulator.requests().at(-1)).toMatchObject({
      method: "POST",
      path: CREATE_PATH,
      status: null,
    });
  });

  test("handle rejects a dropped connection too", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    emulator.addFault({ path: "/oauth/token", drop: "before" });

    await expect(
      emulator.handle(new Request(`${BASE}/oauth/token`, { method: "POST" })),
    ).rejects.toThrow("fetch failed");
  });

  test("GET and DELETE pending faults", async () => {
    const emulator = createEmulator();
    emulator.addFault({ method: "POST", path: "/x", status: 500, times: 3 });

    expect(await (await control(emulator, "GET", "faults")).json()).toEqual([
      { method: "POST", path: "/x", status: 500, times: 3 },
    ]);
    expect((await control(emulator, "DELETE", "faults")).status).toBe(204);
    expect(await (await control(emulator, "GET", "faults")).json()).toEqual([]);
  });

  test.each([
    [{ path: "x", status: 500 }, /path must start with "\/"/],
    [{ path: "/a*b", status: 500 }, /"\*" only at its end/],
    [{ path: "/a", status: 99 }, /status must be an HTTP status from 200 to 599/],
    [{ path: "/a", status: 500, times: 0 }, /times must be a positive integer/],
    [{ path: "/a", drop: "during" }, /drop must be "before" or "after"/],
    [{ path: "/a", drop: "after", status: 500 }, /not both/],
    [{ path: "/a" }, /needs status, delayMs or drop/],
    [{ path: "/a", body: {} }, /needs status, delayMs or drop|need a status/],
    [
      { path: "/a", status: 500, headers: { "Retry-After": 2 } },
      /headers.Retry-After must be a string/,
    ],
    [{ path: "/a", status: 500, method: "PO ST" }, /method must be an HTTP method/],
    [{ path: "/a", status: 500, delay: 5 }, /Unknown fault field\(s\) delay/],
    ['"not an object"', /A fault must be a JSON object/],
  ])("invalid fault %j is 400", async (fault, message) => {
    const emulator = createEmulator();
    const response = await control(emulator, "POST", "faults", fault);
    const body = (await response.json()) as { message: string };

    expect(response.status).toBe(400);
    expect(body.message).toMatch(message);
  });
});

describe("logs, tokens and reset", () => {
  test("request log: oldest first, no query, no control plane", async () => {
    const clock = createManualClock();
    const emulator = createEmulator({ clientSecret: SECRET, clock });
    const token = await clientToken(emulator);
    clock.advance(1_000);
    await emulator.fetch(`${BASE}/api/v2/routing/queues?name=Sales`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    await control(emulator, "GET", "calls");
    const log = (await (await control(emulator, "GET", "requests")).json()) as unknown[];

    expect(log).toEqual([
      { at: "2026-01-05T09:00:00.000Z", method: "POST", path: "/oauth/token", status: 200 },
      {
        at: "2026-01-05T09:00:01.000Z",
        method: "GET",
        path: "/api/v2/routing/queues",
        status: 200,
      },
    ]);
    expect(JSON.stringify(log)).not.toContain(token);
    expect(JSON.stringify(log)).not.toContain(SECRET);
  });

  test("calls log over HTTP", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    const created = (await (await createCall(emulator, token)).json()) as { id: string };
    const calls = (await (await control(emulator, "GET", "calls")).json()) as Array<
      Record<string, unknown>
    >;

    expect(calls).toEqual([
      {
        id: created.id,
        at: expect.any(String),
        userId: DEMO_IDS.alice,
        path: CREATE_PATH,
        request: { phoneNumber: "+12015550123" },
      },
    ]);
  });

  test("POST tokens issues a user token", async () => {
    const emulator = createEmulator();
    const response = await control(emulator, "POST", "tokens", {
      userId: DEMO_IDS.alice,
      expiresIn: 60,
    });
    const body = (await response.json()) as { access_token: string; expires_in: number };
    const me = await emulator.fetch(`${BASE}/api/v2/users/me`, {
      headers: { Authorization: `Bearer ${body.access_token}` },
    });

    expect(response.status).toBe(200);
    expect(body.expires_in).toBe(60);
    expect(await me.json()).toMatchObject({ id: DEMO_IDS.alice });
  });

  test.each([
    [{}, /userId undefined is not a user of the demo org; known: .*alice@example.com/],
    [{ userId: "nobody" }, /userId "nobody" is not a user/],
    [
      { userId: DEMO_IDS.alice, expiresIn: 0 },
      /expiresIn must be a whole number of seconds from 1 to 172800/,
    ],
    [{ userId: DEMO_IDS.alice, permissions: "all" }, /permissions must be an array/],
    ["[]", /The body must be a JSON object/],
  ])("POST tokens %j is 400", async (body, message) => {
    const emulator = createEmulator();
    const response = await control(emulator, "POST", "tokens", body);

    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
  });

  test("reset forgets calls, logs, faults and settings but keeps tokens", async () => {
    const emulator = createEmulator({ clientSecret: SECRET, settings: { rateLimitPerMinute: 50 } });
    const token = await clientToken(emulator);
    await createCall(emulator, token);
    emulator.updateSettings({ rateLimitPerMinute: 2, callOutcome: "busy" });
    emulator.addFault({ path: "/nowhere", status: 500 });

    expect((await control(emulator, "POST", "reset")).status).toBe(204);
    expect(emulator.calls()).toEqual([]);
    expect(emulator.requests()).toEqual([]);
    expect(await (await control(emulator, "GET", "faults")).json()).toEqual([]);
    expect(emulator.settings()).toMatchObject({ rateLimitPerMinute: 50, callOutcome: "answered" });
    expect((await createCall(emulator, token)).status).toBe(200);
  });

  test("reset with forgetTokens revokes tokens", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    await control(emulator, "POST", "reset", { forgetTokens: true });

    expect((await createCall(emulator, token)).status).toBe(401);
  });

  test("unknown control path is 404, wrong method 405", async () => {
    const emulator = createEmulator();
    const missing = await control(emulator, "GET", "nothing");
    const wrongMethod = await control(emulator, "DELETE", "calls");

    expect(missing.status).toBe(404);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET");
  });
});
