import { describe, expect, test } from "vitest";
import {
  createEmulator,
  DEMO_IDS,
  type Emulator,
  type EmulatorSettingsUpdate,
} from "../src/emulator/index.js";

const SECRET = "test-secret-for-the-demo-client";
const READ_ONLY_SECRET = "test-secret-for-the-read-only-client";
const BASE = "http://emulator.test";

async function clientToken(emulator: Emulator, id: string, secret: string): Promise<string> {
  const response = await emulator.fetch(`${BASE}/oauth/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function setup(settings: EmulatorSettingsUpdate = {}) {
  const emulator = createEmulator({
    clientSecret: SECRET,
    readOnlyClientSecret: READ_ONLY_SECRET,
    settings,
  });
  const service = await clientToken(emulator, DEMO_IDS.clientId, SECRET);
  const readOnly = await clientToken(emulator, DEMO_IDS.readOnlyClientId, READ_ONLY_SECRET);
  return { emulator, service, readOnly };
}

async function send(
  emulator: Emulator,
  method: string,
  path: string,
  token: string,
  body?: unknown,
) {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const response = await emulator.fetch(`${BASE}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the tests read arbitrary JSON responses field by field.
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

function search(
  emulator: Emulator,
  token: string,
  query: unknown[],
  extra: Record<string, unknown> = {},
) {
  return send(emulator, "POST", "/api/v2/users/search", token, { query, ...extra });
}

describe("POST /api/v2/users/search", () => {
  test("EXACT email finds one user", async () => {
    const { emulator, service } = await setup();
    const found = await search(emulator, service, [
      { type: "EXACT", fields: ["email"], value: "alice@example.com" },
    ]);

    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      total: 1,
      pageCount: 1,
      pageSize: 25,
      pageNumber: 1,
      types: ["users"],
    });
    expect(found.body.results).toHaveLength(1);
    expect(found.body.results[0]).toMatchObject({
      id: DEMO_IDS.alice,
      name: "Alice Example",
      email: "alice@example.com",
    });
  });

  test("EXACT ignores case", async () => {
    const { emulator, service } = await setup();
    const found = await search(emulator, service, [
      { type: "EXACT", fields: ["email"], value: "ALICE@example.COM" },
    ]);

    expect(found.body.total).toBe(1);
  });

  test("CONTAINS and STARTS_WITH on name", async () => {
    const { emulator, service } = await setup();
    const contains = await search(emulator, service, [
      { type: "CONTAINS", fields: ["name"], value: "example" },
    ]);
    const startsWith = await search(emulator, service, [
      { type: "STARTS_WITH", fields: ["name"], value: "bo" },
    ]);
    const notPrefix = await search(emulator, service, [
      { type: "STARTS_WITH", fields: ["name"], value: "example" },
    ]);

    expect(contains.body.total).toBe(2);
    expect(startsWith.body.results.map((user: { id: string }) => user.id)).toEqual([DEMO_IDS.bob]);
    expect(notPrefix.body.total).toBe(0);
    expect(notPrefix.body.results).toEqual([]);
  });

  test("EXACT id and values list", async () => {
    const { emulator, service } = await setup();
    const found = await search(emulator, service, [
      { type: "EXACT", fields: ["id"], values: [DEMO_IDS.bob, "other"] },
    ]);

    expect(found.body.results.map((user: { id: string }) => user.id)).toEqual([DEMO_IDS.bob]);
  });

  test("AND, OR and NOT combine", async () => {
    const { emulator, service } = await setup();
    const found = await search(emulator, service, [
      { type: "CONTAINS", fields: ["email"], value: "example.com" },
      { type: "EXACT", fields: ["email"], value: "alice@example.com", operator: "NOT" },
    ]);

    expect(found.body.results.map((user: { id: string }) => user.id)).toEqual([DEMO_IDS.bob]);
  });

  test("paging", async () => {
    const { emulator, service } = await setup();
    const second = await search(
      emulator,
      service,
      [{ type: "CONTAINS", fields: ["name"], value: "e" }],
      { pageSize: 1, pageNumber: 2 },
    );

    expect(second.body).toMatchObject({ total: 2, pageCount: 2, pageSize: 1, pageNumber: 2 });
    expect(second.body.results.map((user: { name: string }) => user.name)).toEqual(["Bob Example"]);
  });

  test.each([
    [{ type: "FUZZY", fields: ["email"], value: "a" }],
    [{ type: "EXACT", fields: ["phone"], value: "a" }],
    [{ type: "EXACT", fields: [], value: "a" }],
  ])("invalid criterion %j is invalid.value", async (criterion) => {
    const { emulator, service } = await setup();
    const refused = await search(emulator, service, [criterion]);

    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("invalid.value");
  });

  test("missing query is bad.request", async () => {
    const { emulator, service } = await setup();
    const refused = await send(emulator, "POST", "/api/v2/users/search", service, { pageSize: 5 });

    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("bad.request");
  });
});

describe("users", () => {
  test("GET /api/v2/users/{id}", async () => {
    const { emulator, service } = await setup();
    const found = await send(emulator, "GET", `/api/v2/users/${DEMO_IDS.bob}`, service);
    const missing = await send(emulator, "GET", "/api/v2/users/nobody", service);

    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      id: DEMO_IDS.bob,
      email: "bob@example.com",
      state: "active",
      version: 1,
    });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("resource.not.found");
  });

  test("GET user station", async () => {
    const { emulator, service, readOnly } = await setup();
    const alice = await send(emulator, "GET", `/api/v2/users/${DEMO_IDS.alice}/station`, service);
    const bob = await send(emulator, "GET", `/api/v2/users/${DEMO_IDS.bob}/station`, service);
    const refused = await send(
      emulator,
      "GET",
      `/api/v2/users/${DEMO_IDS.alice}/station`,
      readOnly,
    );

    expect(alice.status).toBe(200);
    expect(alice.body.associatedStation).toMatchObject({
      id: DEMO_IDS.aliceStation,
      associatedUser: { id: DEMO_IDS.alice },
    });
    expect(alice.body.effectiveStation.id).toBe(DEMO_IDS.aliceStation);
    expect(bob.status).toBe(200);
    expect(bob.body).toEqual({});
    expect(refused.status).toBe(403);
    expect(refused.body.messageParams).toEqual({
      permissions: "telephony:otherStationAssociation:view",
    });
  });

  test("GET /api/v2/users/me with client credentials is not.a.user", async () => {
    const { emulator, service } = await setup();
    const refused = await send(emulator, "GET", "/api/v2/users/me", service);

    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("not.a.user");
  });
});

describe("GET /api/v2/routing/queues", () => {
  test("lists queues sorted by name", async () => {
    const { emulator, service } = await setup();
    const listing = await send(emulator, "GET", "/api/v2/routing/queues", service);

    expect(listing.status).toBe(200);
    expect(listing.body.entities.map((queue: { name: string }) => queue.name)).toEqual([
      "Sales",
      "Support",
    ]);
    expect(listing.body).toMatchObject({ pageSize: 25, pageNumber: 1, total: 2, pageCount: 1 });
    expect(listing.body.selfUri).toBe("/api/v2/routing/queues?pageSize=25&pageNumber=1");
    expect(listing.body.firstUri).toBe("/api/v2/routing/queues?pageSize=25&pageNumber=1");
    expect(listing.body.lastUri).toBe("/api/v2/routing/queues?pageSize=25&pageNumber=1");
    expect(listing.body.nextUri).toBeUndefined();
  });

  test.each([
    ["Sales", ["Sales"]],
    ["sales", ["Sales"]],
    ["Sal", []],
    ["S*", ["Sales", "Support"]],
    ["*port", ["Support"]],
    ["*ale*", ["Sales"]],
    ["*", ["Sales", "Support"]],
    ["Nope*", []],
  ])("name=%s matches %j", async (name, expected) => {
    const { emulator, service } = await setup();
    const listing = await send(
      emulator,
      "GET",
      `/api/v2/routing/queues?name=${encodeURIComponent(name)}`,
      service,
    );

    expect(listing.body.entities.map((queue: { name: string }) => queue.name)).toEqual(expected);
    expect(listing.body.total).toBe(expected.length);
  });

  test("case-sensitive names with the setting", async () => {
    const { emulator, service } = await setup({ queueNameCaseSensitive: true });
    const listing = await send(emulator, "GET", "/api/v2/routing/queues?name=sales", service);

    expect(listing.body.entities).toEqual([]);
  });

  test("paging links", async () => {
    const { emulator, service } = await setup();
    const first = await send(emulator, "GET", "/api/v2/routing/queues?name=S*&pageSize=1", service);
    const second = await send(
      emulator,
      "GET",
      "/api/v2/routing/queues?name=S*&pageSize=1&pageNumber=2",
      service,
    );

    expect(first.body).toMatchObject({ total: 2, pageCount: 2, pageSize: 1, pageNumber: 1 });
    expect(first.body.entities.map((queue: { name: string }) => queue.name)).toEqual(["Sales"]);
    expect(first.body.nextUri).toBe("/api/v2/routing/queues?name=S*&pageSize=1&pageNumber=2");
    expect(first.body.previousUri).toBeUndefined();
    expect(second.body.entities.map((queue: { name: string }) => queue.name)).toEqual(["Support"]);
    expect(second.body.previousUri).toBe("/api/v2/routing/queues?name=S*&pageSize=1&pageNumber=1");
    expect(second.body.nextUri).toBeUndefined();
  });

  test("invalid pageSize is invalid.value", async () => {
    const { emulator, service } = await setup();
    const refused = await send(emulator, "GET", "/api/v2/routing/queues?pageSize=0", service);

    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("invalid.value");
  });

  test("GET /api/v2/routing/queues/{id}", async () => {
    const { emulator, readOnly } = await setup();
    const found = await send(
      emulator,
      "GET",
      `/api/v2/routing/queues/${DEMO_IDS.supportQueue}`,
      readOnly,
    );
    const missing = await send(emulator, "GET", "/api/v2/routing/queues/none", readOnly);

    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: DEMO_IDS.supportQueue, name: "Support" });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("resource.not.found");
  });
});

describe("external contacts", () => {
  test("GET by id with two phone numbers", async () => {
    const { emulator, service } = await setup();
    const found = await send(
      emulator,
      "GET",
      `/api/v2/externalcontacts/contacts/${DEMO_IDS.contact}`,
      service,
    );

    expect(found.status).toBe(200);
    expect(found.body.workPhone).toEqual({
      display: "+1 201-555-0150",
      e164: "+12015550150",
      countryCode: "US",
    });
    expect(found.body.cellPhone).toEqual({
      display: "+44 20 7946 0150",
      e164: "+442079460150",
      countryCode: "GB",
    });
  });

  test("unknown contact is 404", async () => {
    const { emulator, service } = await setup();
    const missing = await send(emulator, "GET", "/api/v2/externalcontacts/contacts/none", service);

    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("resource.not.found");
  });

  test("search by q", async () => {
    const { emulator, service } = await setup();
    const byName = await send(
      emulator,
      "GET",
      "/api/v2/externalcontacts/contacts?q=carol",
      service,
    );
    const byPhone = await send(
      emulator,
      "GET",
      "/api/v2/externalcontacts/contacts?q=%2B4420",
      service,
    );
    const none = await send(emulator, "GET", "/api/v2/externalcontacts/contacts?q=zzz", service);

    expect(byName.body.entities.map((contact: { id: string }) => contact.id)).toEqual([
      DEMO_IDS.contact,
    ]);
    expect(byPhone.body.total).toBe(1);
    expect(none.body.total).toBe(0);
  });

  test("page beyond 1000 contacts is 400", async () => {
    const { emulator, service } = await setup();
    const refused = await send(
      emulator,
      "GET",
      "/api/v2/externalcontacts/contacts?pageSize=100&pageNumber=11",
      service,
    );

    expect(refused.status).toBe(400);
  });
});

describe("permissions", () => {
  test.each([
    [
      "POST",
      "/api/v2/users/search",
      { query: [{ type: "EXACT", fields: ["email"], value: "a" }] },
      "missing.any.permissions",
      "directory:user:view",
    ],
    ["GET", "/api/v2/routing/queues", undefined, "missing.any.permissions", "routing:queue:view"],
    [
      "GET",
      `/api/v2/routing/queues/${DEMO_IDS.salesQueue}`,
      undefined,
      "missing.permissions",
      "routing:queue:view",
    ],
    [
      "GET",
      `/api/v2/externalcontacts/contacts/${DEMO_IDS.contact}`,
      undefined,
      "missing.any.permissions",
      "externalContacts:contact:view, relate:contact:view",
    ],
  ])("%s %s without permission", async (method, path, body, code, permissions) => {
    const { emulator } = await setup();
    const noRoles = loginWithoutRoles(emulator);
    const refused = await send(emulator, method, path, noRoles, body);

    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code, messageParams: { permissions } });
  });
});

/** Issues a token for a user whose roles grant no permissions. */
function loginWithoutRoles(emulator: Emulator): string {
  return emulator.issueUserToken(DEMO_IDS.alice, { permissions: [] }).access_token;
}
