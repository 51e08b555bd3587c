import { describe, expect, test } from "vitest";
import {
  createEmulator,
  createManualClock,
  DEMO_IDS,
  type Emulator,
} from "../src/emulator/index.js";

const SECRET = "test-secret-for-the-demo-client";
const BASE = "http://emulator.test";

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

function login(
  emulator: Emulator,
  init: { authorization?: string; body?: string; contentType?: string } = {},
) {
  const headers: Record<string, string> = {
    "Content-Type": init.contentType ?? "application/x-www-form-urlencoded",
  };
  const authorization = init.authorization ?? basic(DEMO_IDS.clientId, SECRET);
  if (authorization !== "") {
    headers.Authorization = authorization;
  }
  return emulator.fetch(`${BASE}/oauth/token`, {
    method: "POST",
    headers,
    body: init.body ?? "grant_type=client_credentials",
  });
}

async function clientToken(emulator: Emulator): Promise<string> {
  const response = await login(emulator);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

function get(emulator: Emulator, path: string, authorization?: string, method = "GET") {
  const headers: Record<string, string> =
    authorization === undefined ? {} : { Authorization: authorization };
  return emulator.fetch(`${BASE}${path}`, { method, headers });
}

describe("POST /oauth/token", () => {
  test("client credentials in HTTP Basic get a bearer token", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const response = await login(emulator);
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("inin-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.token_type).toBe("bearer");
    expect(body.expires_in).toBe(86_400);
    expect(typeof body.access_token).toBe("string");
    expect((body.access_token as string).length).toBeGreaterThan(40);
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "token_type"]);
  });

  test("wrong secret is invalid_client 401", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const response = await login(emulator, { authorization: basic(DEMO_IDS.clientId, "wrong") });

    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Basic/);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });

  test("unknown client is invalid_client 401", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const response = await login(emulator, { authorization: basic("no-such-client", SECRET) });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });

  test("missing credentials are invalid_client 401", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const response = await login(emulator, { authorization: "" });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });

  test("unsupported grant type is 400", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const response = await login(emulator, { body: "grant_type=password&username=a&password=b" });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "unsupported_grant_type" });
  });

  test("missing grant_type is invalid_request 400", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const response = await login(emulator, { body: "" });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request" });
  });

  test("JSON body is 415 invalid_request", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const response = await login(emulator, {
      contentType: "application/json",
      body: JSON.stringify({ grant_type: "client_credentials" }),
    });

    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: "invalid_request" });
  });

  test("form-body credentials rejected by default", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const body = `grant_type=client_credentials&client_id=${DEMO_IDS.clientId}&client_secret=${SECRET}`;
    const response = await login(emulator, { authorization: "", body });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });

  test("form-body credentials accepted with the setting", async () => {
    const emulator = createEmulator({
      clientSecret: SECRET,
      settings: { formBodyCredentials: true },
    });
    const body = `grant_type=client_credentials&client_id=${DEMO_IDS.clientId}&client_secret=${SECRET}`;
    const response = await login(emulator, { authorization: "", body });

    expect(response.status).toBe(200);
  });

  test("credentials in both places are invalid_request", async () => {
    const emulator = createEmulator({
      clientSecret: SECRET,
      settings: { formBodyCredentials: true },
    });
    const body = `grant_type=client_credentials&client_id=${DEMO_IDS.clientId}&client_secret=${SECRET}`;
    const response = await login(emulator, { body });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request" });
  });

  test("scope is ignored by default and rejectable", async () => {
    const ignoring = createEmulator({ clientSecret: SECRET });
    const rejecting = createEmulator({
      clientSecret: SECRET,
      settings: { scopeParameter: "reject" },
    });
    const body = "grant_type=client_credentials&scope=conversations";

    expect((await login(ignoring, { body })).status).toBe(200);
    const rejected = await login(rejecting, { body });
    expect(rejected.status).toBe(400);
    expect(await rejected.json()).toMatchObject({ error: "invalid_scope" });
  });

  test("GET on the token path is 405", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const response = await get(emulator, "/oauth/token");

    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  test("token lifetime per client and default", async () => {
    const emulator = createEmulator({
      clientSecret: SECRET,
      readOnlyClientSecret: "read-only-secret",
      settings: { tokenLifetimeSec: 600, clientTokenLifetimeSec: { [DEMO_IDS.clientId]: 5 } },
    });
    const own = await (await login(emulator)).json();
    const readOnly = await (
      await login(emulator, { authorization: basic(DEMO_IDS.readOnlyClientId, "read-only-secret") })
    ).json();

    expect(own).toMatchObject({ expires_in: 5 });
    expect(readOnly).toMatchObject({ expires_in: 600 });
  });

  test("random client secret differs per emulator", () => {
    const first = createEmulator().demo.clientSecret;
    const second = createEmulator().demo.clientSecret;

    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(first).not.toBe(second);
  });
});

describe("bearer authentication", () => {
  test("no Authorization is authentication.required", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const response = await get(emulator, "/api/v2/tokens/me");
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(401);
    expect(body.code).toBe("authentication.required");
    expect(body.message).toBe("No authentication bearer token specified in authorization header.");
    expect(body.contextId).toBe(response.headers.get("inin-correlation-id"));
  });

  test("malformed Authorization is authentication.required", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    for (const header of ["Basic abc", "Bearer", "token abc"]) {
      const response = await get(emulator, "/api/v2/tokens/me", header);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: "authentication.required" });
    }
  });

  test("unknown token is bad.credentials", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const response = await get(emulator, "/api/v2/tokens/me", "Bearer not-a-token");

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      code: "bad.credentials",
      message: "Invalid login credentials.",
      status: 401,
    });
  });

  test("scheme is case-insensitive", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);

    for (const scheme of ["bearer", "Bearer", "BEARER"]) {
      expect((await get(emulator, "/api/v2/tokens/me", `${scheme} ${token}`)).status).toBe(200);
    }
  });

  test("expired token is bad.credentials", async () => {
    const clock = createManualClock();
    const emulator = createEmulator({
      clientSecret: SECRET,
      clock,
      settings: { tokenLifetimeSec: 2 },
    });
    const token = await clientToken(emulator);

    clock.advance(1_999);
    expect((await get(emulator, "/api/v2/tokens/me", `Bearer ${token}`)).status).toBe(200);
    clock.advance(1);
    const expired = await get(emulator, "/api/v2/tokens/me", `Bearer ${token}`);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ code: "bad.credentials" });
  });
});

describe("/api/v2/tokens/me", () => {
  test("GET describes the token's client", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    const response = await get(emulator, "/api/v2/tokens/me", `Bearer ${token}`);
    const body = (await response.json()) as {
      OAuthClient: { id: string };
      organization: { id: string };
    };

    expect(response.status).toBe(200);
    expect(body.OAuthClient.id).toBe(DEMO_IDS.clientId);
    expect(body.organization.id).toBe(DEMO_IDS.organization);
  });

  test("DELETE revokes the token", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const token = await clientToken(emulator);
    const other = await clientToken(emulator);
    const revoked = await get(emulator, "/api/v2/tokens/me", `Bearer ${token}`, "DELETE");

    expect(revoked.status).toBe(204);
    expect(await revoked.text()).toBe("");
    const after = await get(emulator, "/api/v2/tokens/me", `Bearer ${token}`);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ code: "bad.credentials" });
    expect((await get(emulator, "/api/v2/tokens/me", `Bearer ${other}`)).status).toBe(200);
  });
});

describe("user tokens", () => {
  test("issueUserToken carries the user context", async () => {
    const emulator = createEmulator({ clientSecret: SECRET });
    const { access_token, expires_in, token_type } = emulator.issueUserToken(DEMO_IDS.alice);
    const me = await get(emulator, "/api/v2/users/me", `Bearer ${access_token}`);

    expect(expires_in).toBe(86_400);
    expect(token_type).toBe("bearer");
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: DEMO_IDS.alice, email: "alice@example.com" });
  });

  test("issueUserToken honours expiresInSec", async () => {
    const clock = createManualClock();
    const emulator = createEmulator({ clientSecret: SECRET, clock });
    const { access_token, expires_in } = emulator.issueUserToken(DEMO_IDS.bob, { expiresInSec: 3 });

    expect(expires_in).toBe(3);
    clock.advance(3_000);
    expect((await get(emulator, "/api/v2/users/me", `Bearer ${access_token}`)).status).toBe(401);
  });

  test("issueUserToken rejects an unknown user", () => {
    const emulator = createEmulator({ clientSecret: SECRET });

    expect(() => emulator.issueUserToken("nobody")).toThrow(/not a user of the demo org/);
  });
});
