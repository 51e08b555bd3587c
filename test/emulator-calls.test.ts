import { describe, expect, test } from "vitest";
import {
  createEmulator,
  createManualClock,
  DEMO_IDS,
  type Emulator,
  type EmulatorSettingsUpdate,
  type ManualClock,
} from "../src/emulator/index.js";

const SECRET = "test-secret-for-the-demo-client";
const READ_ONLY_SECRET = "test-secret-for-the-read-only-client";
const BASE = "http://emulator.test";
const GENERIC_400 = "The request could not be understood by the server due to malformed syntax.";

interface Setup {
  emulator: Emulator;
  clock: ManualClock;
  alice: string;
  bob: string;
  service: string;
  readOnly: string;
}

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

async function setup(settings: EmulatorSettingsUpdate = {}): Promise<Setup> {
  const clock = createManualClock();
  const emulator = createEmulator({
    clock,
    sleep: clock.sleep,
    clientSecret: SECRET,
    readOnlyClientSecret: READ_ONLY_SECRET,
    settings,
  });
  return {
    emulator,
    clock,
    alice: emulator.issueUserToken(DEMO_IDS.alice).access_token,
    bob: emulator.issueUserToken(DEMO_IDS.bob).access_token,
    service: await clientToken(emulator, DEMO_IDS.clientId, SECRET),
    readOnly: await clientToken(emulator, DEMO_IDS.readOnlyClientId, READ_ONLY_SECRET),
  };
}

async function send(
  emulator: Emulator,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  contentType = "application/json",
): Promise<{ status: number; body: Record<string, unknown>; text: string; headers: Headers }> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (body !== undefined) {
    headers["Content-Type"] = contentType;
  }
  const response = await emulator.fetch(`${BASE}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? {} : JSON.parse(text),
    text,
    headers: response.headers,
  };
}

const CALLS = "/api/v2/conversations/calls";
const onBehalfOf = (userId: string) => `${CALLS}/user/${userId}`;

async function placeCall(
  s: Setup,
  body: unknown = { phoneNumber: "+12015550123" },
): Promise<string> {
  const created = await send(s.emulator, "POST", CALLS, s.alice, body);
  expect(created.status).toBe(200);
  return created.body.id as string;
}

interface ParticipantView {
  id: string;
  purpose: string;
  state: string;
  direction: string;
  address?: string;
  disconnectType?: string;
  connectedTime?: string;
  endTime?: string;
  attributes: Record<string, string>;
  user?: { id: string };
  queue?: { id: string };
  externalContact?: { id: string };
  ani?: string;
  dnis?: string;
}

async function participants(s: Setup, id: string): Promise<ParticipantView[]> {
  const read = await send(s.emulator, "GET", `${CALLS}/${id}`, s.alice);
  expect(read.status).toBe(200);
  return read.body.participants as ParticipantView[];
}

describe("POST /api/v2/conversations/calls", () => {
  test("user token places a call: 200 with id and selfUri", async () => {
    const s = await setup();
    const created = await send(s.emulator, "POST", CALLS, s.alice, { phoneNumber: "+12015550123" });

    expect(created.status).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual(["id", "selfUri"]);
    expect(created.body.selfUri).toBe(`${CALLS}/${created.body.id}`);
    expect(created.headers.get("inin-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("client credentials get not.a.user", async () => {
    const s = await setup();
    const refused = await send(s.emulator, "POST", CALLS, s.service, {
      phoneNumber: "+12015550123",
    });

    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: "not.a.user",
      message:
        "This request requires a user context. Client credentials cannot be used for requests to this resource.",
      status: 400,
      details: [],
      errors: [],
    });
    expect(refused.body.contextId).toBe(refused.headers.get("inin-correlation-id"));
    expect(s.emulator.calls()).toHaveLength(0);
  });

  test("user without station gets no.user.station", async () => {
    const s = await setup();
    const refused = await send(s.emulator, "POST", CALLS, s.bob, { phoneNumber: "+12015550123" });

    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: "conversation.error.no.user.station",
      message: "A station is required to place a call.",
    });
  });

  test("content type checked before user context", async () => {
    const s = await setup();
    const refused = await send(
      s.emulator,
      "POST",
      CALLS,
      s.service,
      "phoneNumber=+12015550123",
      "text/plain",
    );

    expect(refused.status).toBe(415);
    expect(refused.body).toMatchObject({ code: "unsupported.media.type", status: 415 });
  });

  test("malformed JSON checked before user context", async () => {
    const s = await setup();
    const refused = await send(s.emulator, "POST", CALLS, s.service, "{phoneNumber:");

    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: "bad.request", message: GENERIC_400 });
  });

  test("two destinations: too.many.create.conversation.parameters", async () => {
    const s = await setup();
    const refused = await send(s.emulator, "POST", CALLS, s.alice, {
      phoneNumber: "+12015550123",
      callQueueId: DEMO_IDS.salesQueue,
    });

    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: "too.many.create.conversation.parameters",
      message: "Only a single destination can be supplied in a create conversation request.",
    });
  });

  test("no destination is bad.request", async () => {
    const s = await setup();
    for (const body of [
      {},
      { phoneNumber: "" },
      { participants: [] },
      { callerId: "+12015550100" },
    ]) {
      const refused = await send(s.emulator, "POST", CALLS, s.alice, body);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: "bad.request", message: GENERIC_400 });
    }
  });

  test("tutorial to/from fields are not destinations", async () => {
    const s = await setup();
    const refused = await send(s.emulator, "POST", CALLS, s.alice, {
      to: "tel:+12015550123",
      from: "tel:+12015550100",
    });

    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("bad.request");
  });

  test("unknown fields rejected with the setting", async () => {
    const s = await setup({ unknownCallFields: "reject" });
    const refused = await send(s.emulator, "POST", CALLS, s.alice, {
      phoneNumber: "+12015550123",
      to: "x",
    });
    const accepted = await send(s.emulator, "POST", CALLS, s.alice, {
      phoneNumber: "+12015550123",
    });

    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("bad.request");
    expect(accepted.status).toBe(200);
  });

  test("destination count checked before types", async () => {
    const s = await setup();
    const refused = await send(s.emulator, "POST", CALLS, s.alice, {
      phoneNumber: 12015550123,
      callUserId: DEMO_IDS.bob,
    });

    expect(refused.body.code).toBe("too.many.create.conversation.parameters");
  });

  test.each([
    [{ phoneNumber: 12015550123 }, "12015550123", "String"],
    [{ phoneNumber: "+12015550123", priority: 1.5 }, "1.5", "Integer"],
    [{ phoneNumber: "+12015550123", priority: 2 ** 31 }, "2147483648", "Integer"],
    [{ phoneNumber: "+12015550123", attributes: { run: 7 } }, '{"run":7}', "Map<String, String>"],
    [{ phoneNumber: "+12015550123", attributes: ["a"] }, '["a"]', "Map<String, String>"],
    [{ participants: "+12015550123" }, "+12015550123", "List<Destination>"],
    [{ participants: [{ address: 5 }] }, "5", "String"],
    [{ conversationIds: [1] }, "[1]", "List<String>"],
    [{ phoneNumber: "+12015550123", callerIdName: false }, "false", "String"],
  ])("wrong type %j is invalid.value", async (body, value, fieldType) => {
    const s = await setup();
    const refused = await send(s.emulator, "POST", CALLS, s.alice, body);

    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("invalid.value");
    expect(refused.body.messageParams).toMatchObject({ value, fieldType });
    expect(refused.body.message).toBe(
      `Value [${value}] is not valid for field type [${fieldType}]. Allowable values are: ${(refused.body.messageParams as Record<string, string>).allowableValues}`,
    );
    expect(refused.body.messageWithParams).toBe(
      "Value [{value}] is not valid for field type [{fieldType}]. Allowable values are: {allowableValues}",
    );
  });

  test.each([
    { callUserId: "6f1c2b1e-0000-4000-8000-00000000ffff" },
    { callQueueId: "6f1c2b1e-0000-4000-8000-00000000ffff" },
    { phoneNumber: "+12015550123", callFromQueueId: "no-such-queue" },
    { phoneNumber: "+12015550123", externalContactId: "no-such-contact" },
  ])("unknown id in %j is resource.not.found", async (body) => {
    const s = await setup();
    const refused = await send(s.emulator, "POST", CALLS, s.alice, body);

    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({
      code: "resource.not.found",
      message: "The resource could not be found.",
    });
  });

  test("unknown id as 400 with the setting", async () => {
    const s = await setup({ unknownReferences: "bad-request" });
    const refused = await send(s.emulator, "POST", CALLS, s.alice, {
      callQueueId: "no-such-queue",
    });

    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("bad.request");
  });

  test("unknown id checked before station", async () => {
    const s = await setup();
    const refused = await send(s.emulator, "POST", CALLS, s.bob, { callUserId: "no-such-user" });

    expect(refused.body.code).toBe("resource.not.found");
  });

  test("conference needs conversation:conference:add", async () => {
    const s = await setup();
    const refused = await send(s.emulator, "POST", onBehalfOf(DEMO_IDS.alice), s.service, {
      participants: [{ address: "+12015550123" }],
    });

    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: "missing.any.permissions",
      messageParams: { permissions: "conversation:conference:add" },
      message:
        "Unable to perform the requested action. You must have at least one of the following permissions assigned: conversation:conference:add",
    });
  });

  test("conference with the permission", async () => {
    const s = await setup();
    const id = await placeCall(s, {
      participants: [{ address: "+12015550123", name: "Dana" }, { userId: DEMO_IDS.bob }],
    });
    const [user, first, second] = await participants(s, id);

    expect(user?.purpose).toBe("user");
    expect(first).toMatchObject({ purpose: "external", address: "tel:+12015550123" });
    expect(second).toMatchObject({ purpose: "user", user: { id: DEMO_IDS.bob } });
  });

  test("conference permission for all calls with the setting", async () => {
    const s = await setup({ conferencePermissionFor: "all" });
    const refused = await send(s.emulator, "POST", onBehalfOf(DEMO_IDS.alice), s.service, {
      phoneNumber: "+12015550123",
    });

    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("missing.any.permissions");
    expect(
      (await send(s.emulator, "POST", CALLS, s.alice, { phoneNumber: "+12015550123" })).status,
    ).toBe(200);
  });

  test.each([
    "+12015550123",
    "+442079460150",
    "+999",
    "tel:+12015550123",
    "TEL:+1-201-555-0123",
    "tel:+12015550123;ext=42",
    "sip:alice@example.com",
    "sips:+12015550123@sbc.example.com:5061;transport=tls",
    "sip:pbx.example.com",
    "42",
    "9001",
    "123456",
  ])("default dial plan accepts %s", async (phoneNumber) => {
    const s = await setup();
    const created = await send(s.emulator, "POST", CALLS, s.alice, { phoneNumber });

    expect(created.status).toBe(200);
  });

  test.each([
    "2015550123",
    "1234567",
    "7",
    "+0123456",
    "+1234567890123456",
    "12015550123",
    "(201) 555-0123",
    "+1 201 555 0123",
    "tel:2015550123",
    "tel:+12015550123;ext=abc",
    "mailto:alice@example.com",
    "genesys://user/6f1c2b1e-0000-4000-8000-000000000001",
    "sip:",
    "+1201555012a",
  ])("default dial plan rejects %s", async (phoneNumber) => {
    const s = await setup();
    const refused = await send(s.emulator, "POST", CALLS, s.alice, { phoneNumber });

    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: "bad.request",
      message: GENERIC_400,
      details: [],
      errors: [],
    });
    expect(s.emulator.calls()).toHaveLength(0);
  });

  test("address rules are settings", async () => {
    const s = await setup({
      addressRules: {
        e164: false,
        telUri: true,
        sipUri: false,
        extensionMinDigits: 0,
        extensionMaxDigits: 0,
        rejectWith: "invalid.value",
      },
    });
    const bare = await send(s.emulator, "POST", CALLS, s.alice, { phoneNumber: "+12015550123" });
    const sip = await send(s.emulator, "POST", CALLS, s.alice, {
      phoneNumber: "sip:alice@example.com",
    });
    const extension = await send(s.emulator, "POST", CALLS, s.alice, { phoneNumber: "9001" });
    const tel = await send(s.emulator, "POST", CALLS, s.alice, { phoneNumber: "tel:+12015550123" });

    expect(bare.status).toBe(400);
    expect(bare.body).toMatchObject({
      code: "invalid.value",
      messageParams: { value: "+12015550123" },
    });
    expect(sip.status).toBe(400);
    expect(extension.status).toBe(400);
    expect(tel.status).toBe(200);
  });

  test("conference addresses follow the dial plan", async () => {
    const s = await setup();
    const refused = await send(s.emulator, "POST", CALLS, s.alice, {
      participants: [{ address: "555" }, { address: "bad number" }],
    });

    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("bad.request");
  });

  test("merge copies the far ends", async () => {
    const s = await setup();
    const first = await placeCall(s, { phoneNumber: "+12015550123" });
    const merged = await placeCall(s, { conversationIds: [first] });
    const unknown = await send(s.emulator, "POST", CALLS, s.alice, {
      conversationIds: ["no-such-call"],
    });

    expect((await participants(s, merged))[1]).toMatchObject({ address: "tel:+12015550123" });
    expect(unknown.status).toBe(404);
  });

  test("calls log keeps the body as received", async () => {
    const s = await setup();
    const body = {
      phoneNumber: "+12015550123",
      attributes: { run: "r1", row: "7" },
      label: "reminder",
      extra: { kept: true },
    };
    const id = await placeCall(s, body);
    const [logged] = s.emulator.calls();

    expect(logged).toMatchObject({ id, userId: DEMO_IDS.alice, path: CALLS, request: body });
    expect(logged?.at).toBe(new Date(s.clock.now()).toISOString());
  });
});

describe("POST /api/v2/conversations/calls/user/{userId}", () => {
  test("client credentials place a call for a user", async () => {
    const s = await setup();
    const created = await send(s.emulator, "POST", onBehalfOf(DEMO_IDS.alice), s.service, {
      phoneNumber: "+12015550123",
    });

    expect(created.status).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual(["id", "selfUri"]);
    expect(s.emulator.calls()[0]).toMatchObject({
      userId: DEMO_IDS.alice,
      path: onBehalfOf(DEMO_IDS.alice),
    });
  });

  test("without call permission: missing.any.permissions", async () => {
    const s = await setup();
    const refused = await send(s.emulator, "POST", onBehalfOf(DEMO_IDS.alice), s.readOnly, {
      phoneNumber: "+12015550123",
    });

    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("missing.any.permissions");
    const listed = (refused.body.messageParams as { permissions: string }).permissions
      .split(", ")
      .sort();
    expect(listed).toEqual(["conversation:agentlessCall:add", "conversation:call:add"]);
    expect(refused.body.message).toContain(
      "You must have at least one of the following permissions assigned: ",
    );
  });

  test("permission checked before the body", async () => {
    const s = await setup();
    const refused = await send(
      s.emulator,
      "POST",
      onBehalfOf(DEMO_IDS.alice),
      s.readOnly,
      "not json",
    );

    expect(refused.status).toBe(403);
  });

  test("unknown user is resource.not.found", async () => {
    const s = await setup();
    const refused = await send(s.emulator, "POST", onBehalfOf("no-such-user"), s.service, {
      phoneNumber: "+12015550123",
    });

    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe("resource.not.found");
  });

  test("user without station: setting decides", async () => {
    const strict = await setup();
    const lenient = await setup({ onBehalfRequiresStation: false });
    const body = { phoneNumber: "+12015550123" };

    const refused = await send(
      strict.emulator,
      "POST",
      onBehalfOf(DEMO_IDS.bob),
      strict.service,
      body,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("conversation.error.no.user.station");
    expect(
      (await send(lenient.emulator, "POST", onBehalfOf(DEMO_IDS.bob), lenient.service, body))
        .status,
    ).toBe(200);
  });

  test("same single-destination rule", async () => {
    const s = await setup();
    const refused = await send(s.emulator, "POST", onBehalfOf(DEMO_IDS.alice), s.service, {
      phoneNumber: "+12015550123",
      callUserId: DEMO_IDS.bob,
    });

    expect(refused.body.code).toBe("too.many.create.conversation.parameters");
  });
});

describe("call lifecycle", () => {
  test("answered: dialing, connected, then far end hangs up", async () => {
    const s = await setup({ callOutcome: "answered", dialingMs: 2_000, connectedMs: 10_000 });
    const id = await placeCall(s);

    let [user, far] = await participants(s, id);
    expect(user).toMatchObject({
      purpose: "user",
      state: "dialing",
      direction: "outbound",
      user: { id: DEMO_IDS.alice },
    });
    expect(far).toMatchObject({
      purpose: "external",
      state: "dialing",
      direction: "outbound",
      address: "tel:+12015550123",
      dnis: "tel:+12015550123",
    });
    expect(far?.connectedTime).toBeUndefined();

    s.clock.advance(2_000);
    [user, far] = await participants(s, id);
    expect(user?.state).toBe("connected");
    expect(far?.state).toBe("connected");
    expect(far?.connectedTime).toBe(new Date(s.clock.now()).toISOString());

    s.clock.advance(10_000);
    [user, far] = await participants(s, id);
    expect(far).toMatchObject({ state: "disconnected", disconnectType: "endpoint" });
    expect(user).toMatchObject({ state: "disconnected", disconnectType: "peer" });
    expect(far?.endTime).toBe(new Date(s.clock.now()).toISOString());
    expect(far?.connectedTime).toBeDefined();
  });

  test.each([
    ["busy", "endpoint"],
    ["no-answer", "endpoint"],
    ["failed", "error"],
  ] as const)("%s ends after dialing with %s", async (callOutcome, disconnectType) => {
    const s = await setup({ callOutcome, dialingMs: 3_000 });
    const id = await placeCall(s);

    s.clock.advance(2_999);
    expect((await participants(s, id)).map((p) => p.state)).toEqual(["dialing", "dialing"]);
    s.clock.advance(1);
    const [user, far] = await participants(s, id);
    expect(far).toMatchObject({ state: "disconnected", disconnectType });
    expect(far?.connectedTime).toBeUndefined();
    expect(user).toMatchObject({ state: "disconnected", disconnectType: "peer" });
  });

  test("outcome disconnect types are settings", async () => {
    const s = await setup({
      callOutcome: "busy",
      dialingMs: 0,
      outcomeDisconnectTypes: { busy: "other" },
    });
    const [, far] = await participants(s, await placeCall(s));

    expect(far?.disconnectType).toBe("other");
  });

  test("connectedMs 0 stays connected", async () => {
    const s = await setup({ connectedMs: 0, dialingMs: 1_000 });
    const id = await placeCall(s);

    s.clock.advance(86_000_000);
    expect((await participants(s, id)).map((p) => p.state)).toEqual(["connected", "connected"]);
  });

  test("settings apply to calls created later", async () => {
    const s = await setup({ callOutcome: "answered", dialingMs: 1_000 });
    const first = await placeCall(s);
    s.emulator.updateSettings({ callOutcome: "busy" });
    const second = await placeCall(s);

    s.clock.advance(1_000);
    expect((await participants(s, first))[1]?.state).toBe("connected");
    expect((await participants(s, second))[1]?.state).toBe("disconnected");
  });

  test("far ends by destination kind", async () => {
    const s = await setup();
    const [, toUser] = await participants(s, await placeCall(s, { callUserId: DEMO_IDS.bob }));
    const [, toQueue] = await participants(
      s,
      await placeCall(s, { callQueueId: DEMO_IDS.supportQueue }),
    );

    expect(toUser).toMatchObject({ purpose: "user", user: { id: DEMO_IDS.bob } });
    expect(toQueue).toMatchObject({ purpose: "acd", queue: { id: DEMO_IDS.supportQueue } });
  });

  test("modifiers show on the participants", async () => {
    const s = await setup();
    const id = await placeCall(s, {
      phoneNumber: "+12015550150",
      callerId: "+12015550100",
      callFromQueueId: DEMO_IDS.salesQueue,
      externalContactId: DEMO_IDS.contact,
      attributes: { run: "r1" },
      uuiData: "abc",
    });
    const [user, far] = await participants(s, id);

    expect(user).toMatchObject({ queue: { id: DEMO_IDS.salesQueue }, attributes: {} });
    expect(far).toMatchObject({
      externalContact: { id: DEMO_IDS.contact },
      attributes: { run: "r1" },
      ani: "tel:+12015550100",
      uuiData: "abc",
    });
  });

  test("unknown conversation is conversation.not.found", async () => {
    const s = await setup();
    const missing = await send(
      s.emulator,
      "GET",
      `${CALLS}/6f1c2b1e-0000-4000-8000-00000000ffff`,
      s.alice,
    );

    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      code: "conversation.error.conversation.not.found",
      message: "The conversation does not exist.",
    });
  });
});

describe("GET /api/v2/conversations/calls", () => {
  test("lists the user's calls that have not ended", async () => {
    const s = await setup({ callOutcome: "busy", dialingMs: 1_000 });
    const ended = await placeCall(s);
    s.clock.advance(1_000);
    const active = await placeCall(s);
    const listing = await send(s.emulator, "GET", CALLS, s.alice);
    const ids = (listing.body.entities as Array<{ id: string }>).map((call) => call.id);

    expect(listing.status).toBe(200);
    expect(ids).toEqual([active]);
    expect(ids).not.toContain(ended);
  });

  test("other users' calls are not listed", async () => {
    const s = await setup();
    await placeCall(s);
    const listing = await send(s.emulator, "GET", CALLS, s.bob);

    expect(listing.body.entities).toEqual([]);
  });

  test("client credentials get not.a.user", async () => {
    const s = await setup();
    const refused = await send(s.emulator, "GET", CALLS, s.service);

    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("not.a.user");
  });
});

describe("disconnect", () => {
  async function participantPath(s: Setup, id: string, index: number): Promise<string> {
    const list = await participants(s, id);
    return `${CALLS}/${id}/participants/${list[index]?.id}`;
  }

  test("participant PATCH answers 202 with no body", async () => {
    const s = await setup({ dialingMs: 0 });
    const id = await placeCall(s);
    const patched = await send(s.emulator, "PATCH", await participantPath(s, id, 1), s.alice, {
      state: "disconnected",
    });

    expect(patched.status).toBe(202);
    expect(patched.text).toBe("");
    const [user, far] = await participants(s, id);
    expect(far).toMatchObject({ state: "disconnected", disconnectType: "client" });
    expect(user).toMatchObject({ state: "disconnected", disconnectType: "peer" });
  });

  test("already disconnected is call.disconnected", async () => {
    const s = await setup();
    const id = await placeCall(s);
    const path = await participantPath(s, id, 1);
    await send(s.emulator, "PATCH", path, s.alice, { state: "disconnected" });
    const again = await send(s.emulator, "PATCH", path, s.alice, { state: "disconnected" });

    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({
      code: "conversation.error.call.disconnected",
      message: "The call is already disconnected.",
    });
  });

  test("disconnect takes effect after the delay setting", async () => {
    const s = await setup({ disconnectDelayMs: 500, dialingMs: 0 });
    const id = await placeCall(s);
    await send(s.emulator, "PATCH", await participantPath(s, id, 0), s.alice, {
      state: "disconnected",
    });

    expect((await participants(s, id)).map((p) => p.state)).toEqual(["connected", "connected"]);
    s.clock.advance(500);
    const [user, far] = await participants(s, id);
    expect(user).toMatchObject({ state: "disconnected", disconnectType: "client" });
    expect(far).toMatchObject({ state: "disconnected", disconnectType: "peer" });
  });

  test("unknown participant is 404", async () => {
    const s = await setup();
    const id = await placeCall(s);
    const missing = await send(s.emulator, "PATCH", `${CALLS}/${id}/participants/nobody`, s.alice, {
      state: "disconnected",
    });

    expect(missing.status).toBe(404);
  });

  test("unknown conversation is 404", async () => {
    const s = await setup();
    const missing = await send(
      s.emulator,
      "PATCH",
      `${CALLS}/nothing/participants/nobody`,
      s.alice,
      { state: "disconnected" },
    );

    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("conversation.error.conversation.not.found");
  });

  test("invalid state is invalid.value", async () => {
    const s = await setup();
    const id = await placeCall(s);
    const refused = await send(s.emulator, "PATCH", await participantPath(s, id, 1), s.alice, {
      state: "gone",
    });

    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("invalid.value");
  });

  test("caller without permissions gets 403", async () => {
    const s = await setup();
    const id = await placeCall(s);
    const refused = await send(s.emulator, "PATCH", await participantPath(s, id, 1), s.bob, {
      state: "disconnected",
    });

    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("missing.any.permissions");
  });

  test("user not on the call without disconnect permission", async () => {
    const s = await setup();
    const id = await placeCall(s);
    const wrapupOnly = s.emulator.issueUserToken(DEMO_IDS.bob, {
      permissions: ["conversation:participant:wrapup"],
    }).access_token;
    const refused = await send(s.emulator, "PATCH", await participantPath(s, id, 1), wrapupOnly, {
      state: "disconnected",
    });

    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe("conversation.error.not.conversation.participant");
  });

  test("service with disconnect permission may end any leg", async () => {
    const s = await setup();
    const id = await placeCall(s);
    const patched = await send(s.emulator, "PATCH", await participantPath(s, id, 1), s.service, {
      state: "disconnected",
    });

    expect(patched.status).toBe(202);
  });

  test("conversation PATCH answers 200 Conversation", async () => {
    const s = await setup({ dialingMs: 0 });
    const id = await placeCall(s);
    const patched = await send(s.emulator, "PATCH", `${CALLS}/${id}`, s.service, {
      state: "disconnected",
    });

    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id, selfUri: `/api/v2/conversations/${id}` });
    const states = (
      patched.body.participants as Array<{
        calls: Array<{ state: string; disconnectType: string }>;
      }>
    ).map((p) => p.calls[0]);
    expect(states).toEqual([
      expect.objectContaining({ state: "disconnected", disconnectType: "client" }),
      expect.objectContaining({ state: "disconnected", disconnectType: "client" }),
    ]);
  });

  test("conversation PATCH needs disconnect permission", async () => {
    const s = await setup();
    const id = await placeCall(s);
    const refused = await send(s.emulator, "PATCH", `${CALLS}/${id}`, s.readOnly, {
      state: "disconnected",
    });

    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: "missing.any.permissions",
      messageParams: { permissions: "conversation:communication:disconnect" },
    });
  });

  test("conversation PATCH on an ended call is 400", async () => {
    const s = await setup({ callOutcome: "failed", dialingMs: 0 });
    const id = await placeCall(s);
    const refused = await send(s.emulator, "PATCH", `${CALLS}/${id}`, s.service, {
      state: "disconnected",
    });

    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("conversation.error.call.disconnected");
  });

  test("emergency disconnect answers 200 with a string", async () => {
    const s = await setup({ dialingMs: 0 });
    const id = await placeCall(s);
    const answered = await send(
      s.emulator,
      "POST",
      `/api/v2/conversations/${id}/disconnect`,
      s.service,
    );
    const again = await send(
      s.emulator,
      "POST",
      `/api/v2/conversations/${id}/disconnect`,
      s.service,
    );
    const refused = await send(
      s.emulator,
      "POST",
      `/api/v2/conversations/${id}/disconnect`,
      s.readOnly,
    );

    expect(answered.status).toBe(200);
    expect(typeof JSON.parse(answered.text)).toBe("string");
    expect((await participants(s, id)).map((p) => p.state)).toEqual([
      "disconnected",
      "disconnected",
    ]);
    expect(again.body.code).toBe("conversation.error.call.disconnected");
    expect(refused.status).toBe(403);
  });
});
