import { describe, expect, test } from "vitest";
import {
  createEmulator,
  createManualClock,
  DEMO_IDS,
  type Emulator,
} from "../src/emulator/index.js";

const SECRET = "test-secret-for-the-demo-client";
const BASE = "http://emulator.test";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function login(emulator: Emulator, secret = SECRET): Promise<Response> {
  return emulator.fetch(`${BASE}/oauth/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${DEMO_IDS.clientId}:${secret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
}

async function clientToken(emulator: Emulator): Promise<string> {
  return ((await (await login(emulator)).json()) as { access_token: string }).access_token;
}

function api(
  emulator: Emulator,
  token: string | undefined,
  path: string,
  init: { method?: string; body?: string; contentType?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (token !== undefined) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (init.body !== undefined) {
    headers["Content-Type"] = init.contentType ?? "application/json";
  }
  return emulator.fetch(`${BASE}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body,
  });
}

describe("headers on every answer", () => {
  test("correlation id and no-cache on success and errors", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    const responses = [
      await login(emulator),
      await login(emulator, "wrong"),
      await api(emulator, token, "/api/v2/routing/queues"),
      await api(emulator, undefined, "/api/v2/routing/queues"),
      await api(emulator, token, "/api/v2/no/such/route"),
      await api(emulator, token, "/nowhere"),
    ];

    const ids = new Set<string>();
    for (const response of responses) {
      expect(response.headers.get("inin-correlation-id")).toMatch(UUID);
      expect(response.headers.get("cache-control")).toBe("no-cache, no-store, must-revalidate");
      expect(response.headers.get("content-type")).toBe("application/json");
      ids.add(response.headers.get("inin-correlation-id") ?? "");
    }
    expect(ids.size).toBe(responses.length);
  });

  test("client correlation id used only with the setting", async () => {
    const given = "0f0e0d0c-0b0a-4909-8807-060504030201";
    const headers = { "ININ-Correlation-Id": given };
    const ignoring = createEmulator();
    const accepting = createEmulator({ settings: { acceptClientCorrelationId: true } });

    const ignored = await ignoring.fetch(`${BASE}/api/v2/tokens/me`, { headers });
    const accepted = await accepting.fetch(`${BASE}/api/v2/tokens/me`, { headers });
    const malformed = await accepting.fetch(`${BASE}/api/v2/tokens/me`, {
      headers: { "ININ-Correlation-Id": "abc" },
    });

    expect(ignored.headers.get("inin-correlation-id")).not.toBe(given);
    expect(accepted.headers.get("inin-correlation-id")).toBe(given);
    expect(await accepted.json()).toMatchObject({ contextId: given });
    expect(malformed.headers.get("inin-correlation-id")).toMatch(UUID);
  });

  test("Date header follows the emulator clock", async () => {
    const clock = createManualClock(Date.UTC(2026, 2, 1, 12, 0, 0));
    const emulator = createEmulator({ clientSecret: SECRET, clock });
    const response = await login(emulator);

    expect(response.headers.get("date")).toBe("Sun, 01 Mar 2026 12:00:00 GMT");
  });

  test("error bodies carry the correlation id as contextId", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    const response = await api(emulator, token, "/api/v2/routing/queues/none");
    const body = (await response.json()) as Record<string, unknown>;

    expect(Object.keys(body).sort()).toEqual([
      "code",
      "contextId",
      "details",
      "errors",
      "message",
      "status",
    ]);
    expect(body.contextId).toBe(response.headers.get("inin-correlation-id"));
  });

  test("rate-limit headers on API answers only", async () => {
    const emulator = createEmulator({
      clientSecret: SECRET,
      settings: { rateLimitPerMinute: 180 },
    });
    const loginResponse = await login(emulator);
    const token = ((await loginResponse.json()) as { access_token: string }).access_token;
    const first = await api(emulator, token, "/api/v2/routing/queues");
    const second = await api(emulator, token, "/api/v2/routing/queues/none");

    expect(loginResponse.headers.get("inin-ratelimit-count")).toBeNull();
    expect(first.headers.get("inin-ratelimit-count")).toBe("1");
    expect(first.headers.get("inin-ratelimit-allowed")).toBe("180");
    expect(first.headers.get("inin-ratelimit-reset")).toBe("60");
    expect(second.status).toBe(404);
    expect(second.headers.get("inin-ratelimit-count")).toBe("2");
    expect(first.headers.get("x-ratelimit-limit")).toBeNull();
  });
});

describe("rate limit", () => {
  test("429 with Retry-After once the window is full", async () => {
    const clock = createManualClock();
    const emulator = createEmulator({
      clock,
      clientSecret: SECRET,
      settings: { rateLimitPerMinute: 3 },
    });
    const token = await clientToken(emulator);

    for (let index = 0; index < 3; index += 1) {
      expect((await api(emulator, token, "/api/v2/routing/queues")).status).toBe(200);
    }
    clock.advance(15_000);
    const limited = await api(emulator, token, "/api/v2/routing/queues");
    const body = (await limited.json()) as Record<string, unknown>;

    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("45");
    expect(body).toEqual({
      message: "Rate limit exceeded the maximum. Retry the request in [45] seconds",
      code: "too.many.requests.retry.after",
      status: 429,
      contextId: limited.headers.get("inin-correlation-id"),
      details: [],
      errors: [],
    });
    expect(limited.headers.get("inin-ratelimit-count")).toBeNull();
  });

  test("window resets after 60 seconds", async () => {
    const clock = createManualClock();
    const emulator = createEmulator({
      clock,
      clientSecret: SECRET,
      settings: { rateLimitPerMinute: 1 },
    });
    const token = await clientToken(emulator);

    expect((await api(emulator, token, "/api/v2/routing/queues")).status).toBe(200);
    clock.advance(59_999);
    expect((await api(emulator, token, "/api/v2/routing/queues")).status).toBe(429);
    clock.advance(1);
    expect((await api(emulator, token, "/api/v2/routing/queues")).status).toBe(200);
  });

  test("limit is per token", async () => {
    const emulator = createEmulator({ clientSecret: SECRET, settings: { rateLimitPerMinute: 1 } });
    const first = await clientToken(emulator);
    const second = await clientToken(emulator);

    expect((await api(emulator, first, "/api/v2/routing/queues")).status).toBe(200);
    expect((await api(emulator, first, "/api/v2/routing/queues")).status).toBe(429);
    expect((await api(emulator, second, "/api/v2/routing/queues")).status).toBe(200);
  });

  test("rejected requests create no call", async () => {
    const emulator = createEmulator({ clientSecret: SECRET, settings: { rateLimitPerMinute: 1 } });
    const token = await clientToken(emulator);
    const body = JSON.stringify({ phoneNumber: "+12015550123" });
    const path = `/api/v2/conversations/calls/user/${DEMO_IDS.alice}`;

    expect((await api(emulator, token, path, { method: "POST", body })).status).toBe(200);
    expect((await api(emulator, token, path, { method: "POST", body })).status).toBe(429);
    expect(emulator.calls()).toHaveLength(1);
  });
});

describe("routing and request errors", () => {
  test("unknown API route is not.found after authentication", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    const unauthenticated = await api(emulator, undefined, "/api/v2/no/such/route");
    const authenticated = await api(emulator, token, "/api/v2/no/such/route");

    expect(unauthenticated.status).toBe(401);
    expect(authenticated.status).toBe(404);
    expect(await authenticated.json()).toMatchObject({ code: "not.found", status: 404 });
  });

  test("path outside the API is not.found", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const response = await api(emulator, undefined, "/index.html");

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "not.found" });
  });

  test("wrong method is 405 with Allow", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    const response = await api(emulator, token, "/api/v2/conversations/calls", {
      method: "DELETE",
    });

    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST, GET");
    expect(await response.json()).toMatchObject({ code: "method.not.allowed", status: 405 });
  });

  test("non-JSON body is unsupported.media.type", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded"]) {
      const response = await api(emulator, token, "/api/v2/users/search", {
        method: "POST",
        body: "{}",
        contentType,
      });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ code: "unsupported.media.type", status: 415 });
    }
  });

  test("JSON with charset is accepted", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    const body = JSON.stringify({
      query: [{ type: "EXACT", fields: ["email"], value: "bob@example.com" }],
    });
    const response = await api(emulator, token, "/api/v2/users/search", {
      method: "POST",
      body,
      contentType: "application/json; charset=UTF-8",
    });

    expect(response.status).toBe(200);
  });

  test("malformed JSON is bad.request", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    for (const body of ["{", "", "[1,2", "nul"]) {
      const response = await api(emulator, token, "/api/v2/users/search", { method: "POST", body });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: "bad.request",
        message: "The request could not be understood by the server due to malformed syntax.",
      });
    }
  });

  test("unexpected exception is a bland 500", async () => {
    const caught: unknown[] = [];
    const emulator = createEmulator({
      clientSecret: SECRET,
      onInternalError: (error) => caught.push(error),
    });
    const token = await clientToken(emulator);
    const request = new Request(`${BASE}/api/v2/users/search`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: "{}",
    });
    // A body that was already read makes the handler's own read throw.
    await request.text();
    const response = await emulator.handle(request);
    const text = await response.text();

    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({
      message:
        "The server encountered an unexpected condition which prevented it from fulfilling the request.",
      code: "internal.server.error",
      status: 500,
      contextId: response.headers.get("inin-correlation-id"),
      details: [],
      errors: [],
    });
    expect(text).not.toMatch(/at .*\.ts|TypeError/);
    expect(caught).toHaveLength(1);
  });
});

describe("in-process fetch", () => {
  test("already aborted signal rejects", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const controller = new AbortController();
    controller.abort();

    await expect(
      emulator.fetch(`${BASE}/api/v2/tokens/me`, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(emulator.requests()).toHaveLength(0);
  });

  test("abort during a delayed answer rejects but the call exists", async () => {
    let release: () => void = () => {};
    const sleeps: number[] = [];
    const sleep = (ms: number) => {
      sleeps.push(ms);
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    };
    const emulator = createEmulator({ clientSecret: SECRET, sleep });
    const token = await clientToken(emulator);
    emulator.addFault({
      method: "POST",
      path: "/api/v2/conversations/calls/user/*",
      delayMs: 20_000,
    });
    const controller = new AbortController();
    const pending = emulator.fetch(`${BASE}/api/v2/conversations/calls/user/${DEMO_IDS.alice}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ phoneNumber: "+12015550123" }),
      signal: controller.signal,
    });

    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
    await expect(pending).rejects.toMatchObject({ name: "TimeoutError" });
    expect(sleeps).toEqual([20_000]);
    expect(emulator.calls()).toHaveLength(1);
    release();
  });

  test("URL and Request inputs work", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    const headers = { Authorization: `Bearer ${token}` };

    expect((await emulator.fetch(new URL(`${BASE}/api/v2/tokens/me`), { headers })).status).toBe(
      200,
    );
    expect(
      (await emulator.fetch(new Request(`${BASE}/api/v2/tokens/me`, { headers }))).status,
    ).toBe(200);
  });
});
