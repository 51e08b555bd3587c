import { describe, expect, test } from "vitest";
import { AddressError } from "../src/address/index.js";
import { DEMO_IDS } from "../src/emulator/index.js";
import {
  AmbiguousMatchError,
  CallWaitTimeoutError,
  ConfigurationError,
  callStatusOf,
  createLogger,
  GenesysClient,
  NotFoundError,
  type ResponseInfo,
} from "../src/genesys/index.js";
import { BASE_URL, rejectionOf, setUp } from "./genesys-harness.js";
import { VirtualTime } from "./genesys-virtual-time.js";

const CALLS_PATH = "/api/v2/conversations/calls";
const AS_ALICE_PATH = `${CALLS_PATH}/user/${DEMO_IDS.alice}`;

describe("calls.plan destinations", () => {
  test("phone number as E.164 through the user endpoint", async () => {
    const { time, client, emulator } = setUp("user-token");

    const plan = await time.run(client.calls.plan({ to: "(201) 555-0123", defaultCountry: "US" }));

    expect(plan).toEqual({
      endpoint: { method: "POST", path: CALLS_PATH },
      body: { phoneNumber: "+12015550123" },
    });
    expect(emulator.requests()).toEqual([]);
  });

  test("client default country applies", async () => {
    const { time, client } = setUp("user-token", { defaultCountry: "GB" });

    const plan = await time.run(client.calls.plan({ to: "020 7946 0123" }));

    expect(plan.body).toEqual({ phoneNumber: "+442079460123" });
  });

  test("SIP URI unchanged", async () => {
    const { time, client } = setUp("user-token");

    const plan = await time.run(client.calls.plan({ to: "sip:alice@sip.example.com" }));

    expect(plan.body).toEqual({ phoneNumber: "sip:alice@sip.example.com" });
  });

  test("internal extension as digits", async () => {
    const { time, client } = setUp("user-token");

    const plan = await time.run(client.calls.plan({ to: "ext:9001" }));

    expect(plan.body).toEqual({ phoneNumber: "9001" });
  });

  test("user by email is looked up", async () => {
    const { time, client, emulator } = setUp("user-token");

    const plan = await time.run(client.calls.plan({ to: "user:bob@example.com" }));

    expect(plan.body).toEqual({ callUserId: DEMO_IDS.bob });
    expect(emulator.requests().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      "POST /api/v2/users/search",
    ]);
  });

  test("user by id needs no look-up", async () => {
    const { time, client, emulator } = setUp("user-token");

    const plan = await time.run(client.calls.plan({ to: `user:${DEMO_IDS.bob}` }));

    expect(plan.body).toEqual({ callUserId: DEMO_IDS.bob });
    expect(emulator.requests()).toEqual([]);
  });

  test("queue by name, ignoring case", async () => {
    const { time, client } = setUp("user-token");

    const plan = await time.run(client.calls.plan({ to: "queue:sales" }));

    expect(plan.body).toEqual({ callQueueId: DEMO_IDS.salesQueue });
  });

  test("genesys:// queue form", async () => {
    const { time, client } = setUp("user-token");

    const plan = await time.run(
      client.calls.plan({ to: `genesys://queue/${DEMO_IDS.supportQueue}` }),
    );

    expect(plan.body).toEqual({ callQueueId: DEMO_IDS.supportQueue });
  });

  test("external contact dials its number", async () => {
    const { time, client } = setUp("user-token");

    const plan = await time.run(client.calls.plan({ to: `contact:${DEMO_IDS.contact}` }));

    // The contact has a work and a cell phone; the cell phone comes first.
    expect(plan.body).toEqual({
      phoneNumber: "+442079460150",
      externalContactId: DEMO_IDS.contact,
    });
  });
});

describe("calls.plan senders and options", () => {
  test("client credentials with asUser email", async () => {
    const { time, client } = setUp("client-credentials");

    const plan = await time.run(
      client.calls.plan({ to: "+12015550123", asUser: "alice@example.com" }),
    );

    expect(plan.endpoint).toEqual({ method: "POST", path: AS_ALICE_PATH });
    expect(plan.body).toEqual({ phoneNumber: "+12015550123" });
  });

  test("from user places on behalf of that user", async () => {
    const { time, client } = setUp("client-credentials");

    const plan = await time.run(
      client.calls.plan({ to: "+12015550123", from: `user:${DEMO_IDS.alice}` }),
    );

    expect(plan.endpoint.path).toBe(AS_ALICE_PATH);
  });

  test("from phone is the caller id", async () => {
    const { time, client } = setUp("user-token");

    const plan = await time.run(client.calls.plan({ to: "+12015550123", from: "+1 201 555 0199" }));

    expect(plan.body).toEqual({ phoneNumber: "+12015550123", callerId: "+12015550199" });
  });

  test("from queue is the queue called from", async () => {
    const { time, client } = setUp("user-token");

    const plan = await time.run(client.calls.plan({ to: "+12015550123", from: "queue:Support" }));

    expect(plan.body).toEqual({
      phoneNumber: "+12015550123",
      callFromQueueId: DEMO_IDS.supportQueue,
    });
  });

  test("fromQueue accepts a bare name", async () => {
    const { time, client } = setUp("user-token");

    const plan = await time.run(client.calls.plan({ to: "+12015550123", fromQueue: "Sales" }));

    expect(plan.body.callFromQueueId).toBe(DEMO_IDS.salesQueue);
  });

  test("every modifier is copied", async () => {
    const { time, client } = setUp("user-token");

    const plan = await time.run(
      client.calls.plan({
        to: "queue:Sales",
        callerId: "+12015550199",
        callerIdName: "Example Corp",
        attributes: { run: "r1", row: "7" },
        uuiData: "00ab",
        label: "reminder",
        priority: 5,
      }),
    );

    expect(plan.body).toEqual({
      callQueueId: DEMO_IDS.salesQueue,
      callerId: "+12015550199",
      callerIdName: "Example Corp",
      attributes: { run: "r1", row: "7" },
      uuiData: "00ab",
      label: "reminder",
      priority: 5,
    });
  });

  test("priority without a queue is refused", async () => {
    const { time, client } = setUp("user-token");

    const error = await time.run(
      rejectionOf(client.calls.plan({ to: "+12015550123", priority: 1 })),
    );

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).code).toBe("call.priority_needs_queue");
  });

  test("conflicting senders are refused", async () => {
    const { time, client } = setUp("user-token");

    const error = await time.run(
      rejectionOf(
        client.calls.plan({ to: "+12015550123", from: "+12015550199", callerId: "+12015550198" }),
      ),
    );

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).message).toContain("different senders");
  });

  test("a SIP sender is refused", async () => {
    const { time, client } = setUp("user-token");

    const error = await time.run(
      rejectionOf(client.calls.plan({ to: "+12015550123", from: "sip:a@b.example.com" })),
    );

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe("from");
  });

  test("attributes must be text", async () => {
    const { time, client } = setUp("user-token");
    const attributes = { row: 7 } as unknown as Record<string, string>;

    const error = await time.run(
      rejectionOf(client.calls.plan({ to: "+12015550123", attributes })),
    );

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe("attributes.row");
  });
});

describe("calls.plan failures", () => {
  test("an invalid destination names the field", async () => {
    const { time, client } = setUp("user-token");

    const error = await time.run(rejectionOf(client.calls.plan({ to: "+1 201 555" })));

    expect(error).toBeInstanceOf(AddressError);
    expect((error as AddressError).details.field).toBe("to");
    expect((error as AddressError).code).toBe("phone.invalid");
  });

  test("an invalid sender names the field", async () => {
    const { time, client } = setUp("user-token");

    const error = await time.run(
      rejectionOf(client.calls.plan({ to: "+12015550123", from: "mailto:x@example.com" })),
    );

    expect(error).toBeInstanceOf(AddressError);
    expect((error as AddressError).details.field).toBe("from");
  });

  test("client credentials without a user, before any request", async () => {
    const { time, client, emulator } = setUp("client-credentials");

    const error = await time.run(rejectionOf(client.calls.plan({ to: "user:bob@example.com" })));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).code).toBe("call.needs_user");
    expect(emulator.requests()).toEqual([]);
  });

  test("unknown email names the value", async () => {
    const { time, client } = setUp("user-token");

    const error = await time.run(rejectionOf(client.calls.plan({ to: "user:nobody@example.com" })));

    expect(error).toBeInstanceOf(NotFoundError);
    const notFound = error as NotFoundError;
    expect(notFound.code).toBe("lookup.not_found");
    expect(notFound.lookup).toEqual({ kind: "user", value: "nobody@example.com" });
    expect(notFound.message).toContain('"nobody@example.com"');
  });

  test("unknown queue name names the value", async () => {
    const { time, client } = setUp("user-token");

    const error = await time.run(rejectionOf(client.calls.plan({ to: "queue:Billing" })));

    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain('"Billing"');
  });

  test("unknown contact id is a 404", async () => {
    const { time, client } = setUp("user-token");

    const error = await time.run(
      rejectionOf(client.calls.plan({ to: "contact:6f1c2b1e-0000-4000-8000-00000000ffff" })),
    );

    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).status).toBe(404);
    expect((error as NotFoundError).code).toBe("genesys.not_found");
  });

  test("several queues with one name are listed", async () => {
    const time = new VirtualTime();
    const twoSales = {
      entities: [
        { id: "6f1c2b1e-0000-4000-8000-0000000000a1", name: "Sales" },
        { id: "6f1c2b1e-0000-4000-8000-0000000000a2", name: "sales" },
        { id: "6f1c2b1e-0000-4000-8000-0000000000a3", name: "Sales EMEA" },
      ],
    };
    const client = new GenesysClient({
      region: BASE_URL,
      credentials: { accessToken: "user-token-for-queue-test" },
      fetch: async () => new Response(JSON.stringify(twoSales), { status: 200 }),
      clock: time.clock,
      sleep: time.clientSleep,
      timers: time.timers,
    });

    const error = await time.run(rejectionOf(client.calls.plan({ to: "queue:Sales" })));

    expect(error).toBeInstanceOf(AmbiguousMatchError);
    const ambiguous = error as AmbiguousMatchError;
    expect(ambiguous.code).toBe("lookup.ambiguous");
    expect(ambiguous.matches.map((match) => match.id)).toEqual([
      "6f1c2b1e-0000-4000-8000-0000000000a1",
      "6f1c2b1e-0000-4000-8000-0000000000a2",
    ]);
    expect(ambiguous.message).toContain("6f1c2b1e-0000-4000-8000-0000000000a2");
    expect(ambiguous.hint).toContain("queue:6f1c2b1e-0000-4000-8000-0000000000a1");
  });

  test("queue look-up reads further pages", async () => {
    const time = new VirtualTime();
    const pagesAsked: string[] = [];
    const fetchPage: typeof fetch = async (input) => {
      const url = new URL(String(input));
      const page = url.searchParams.get("pageNumber") ?? "";
      pagesAsked.push(page);
      const entities =
        page === "1"
          ? Array.from({ length: 100 }, (_, index) => ({
              id: `q-${index}`,
              name: `Sales ${index}`,
            }))
          : [{ id: "6f1c2b1e-0000-4000-8000-0000000000b2", name: "Sales" }];
      return new Response(JSON.stringify({ entities, pageCount: 2, pageNumber: Number(page) }), {
        status: 200,
      });
    };
    const client = new GenesysClient({
      region: BASE_URL,
      credentials: { accessToken: "user-token-for-paging-test" },
      fetch: fetchPage,
      clock: time.clock,
      sleep: time.clientSleep,
      timers: time.timers,
    });

    const plan = await time.run(client.calls.plan({ to: "queue:Sales" }));

    expect(plan.body).toEqual({ callQueueId: "6f1c2b1e-0000-4000-8000-0000000000b2" });
    expect(pagesAsked).toEqual(["1", "2"]);
  });

  test("a queue name with a wildcard is refused", async () => {
    const { time, client } = setUp("user-token");

    const error = await time.run(rejectionOf(client.calls.plan({ to: "queue:Sal*" })));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).code).toBe("lookup.invalid_name");
  });
});

describe("extension policy", () => {
  test("reject is the default and names the other policies", async () => {
    const { time, client } = setUp("user-token");

    const error = await time.run(rejectionOf(client.calls.plan({ to: "+1 201 555 0123 ext. 42" })));

    expect(error).toBeInstanceOf(ConfigurationError);
    const rejected = error as ConfigurationError;
    expect(rejected.code).toBe("call.extension_rejected");
    expect(rejected.hint).toContain("tel-uri");
    expect(rejected.hint).toContain("drop");
  });

  test("tel-uri sends the extension parameter", async () => {
    const { time, client } = setUp("user-token");

    const plan = await time.run(
      client.calls.plan({ to: "+1 201 555 0123 ext. 42", extensionPolicy: "tel-uri" }),
    );

    expect(plan.body.phoneNumber).toBe("tel:+12015550123;ext=42");
  });

  test("drop dials the main number", async () => {
    const { time, client } = setUp("user-token", { extensionPolicy: "drop" });

    const plan = await time.run(client.calls.plan({ to: "+1 201 555 0123 x42" }));

    expect(plan.body.phoneNumber).toBe("+12015550123");
  });

  test("an unknown policy is refused", async () => {
    const { time, client } = setUp("user-token");
    const extensionPolicy = "keep" as unknown as "drop";

    const error = await time.run(
      rejectionOf(client.calls.plan({ to: "+12015550123", extensionPolicy })),
    );

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).hint).toContain("reject, tel-uri, drop");
  });
});

describe("calls.place and call state", () => {
  test("place sends the plan once", async () => {
    const { time, client, emulator } = setUp("client-credentials");

    const placed = await time.run(
      client.calls.place({ to: "+12015550123", asUser: DEMO_IDS.alice, attributes: { run: "r1" } }),
    );

    const [created] = emulator.calls();
    expect(placed.conversationId).toBe(created?.id);
    expect(placed.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(placed.endpoint.path).toBe(AS_ALICE_PATH);
    expect(created?.request).toEqual({ phoneNumber: "+12015550123", attributes: { run: "r1" } });
    expect(created?.userId).toBe(DEMO_IDS.alice);
  });

  test("waitFor connected polls with growing delays", async () => {
    const { time, client } = setUp("user-token", {}, { settings: { dialingMs: 4_000 } });
    const placed = await time.run(client.calls.place({ to: "+12015550123" }));
    const phases: string[] = [];

    const status = await time.run(
      client.calls.waitFor(placed.conversationId, {
        until: "connected",
        onState: (seen) => phases.push(seen.phase),
      }),
    );

    expect(status.phase).toBe("connected");
    expect(status.remote?.state).toBe("connected");
    expect(phases).toEqual(["pending", "pending", "pending", "connected"]);
    expect(time.clientSleeps).toEqual([1_000, 1_500, 2_250]);
  });

  test("waitFor connected stops when the call ends unanswered", async () => {
    const { time, client } = setUp(
      "user-token",
      {},
      { settings: { callOutcome: "busy", dialingMs: 1_000 } },
    );
    const placed = await time.run(client.calls.place({ to: "+12015550123" }));

    const status = await time.run(
      client.calls.waitFor(placed.conversationId, { until: "connected" }),
    );

    expect(status.phase).toBe("ended");
    expect(status.remote?.disconnectType).toBeDefined();
  });

  test("waitFor gives up after its timeout", async () => {
    const { time, client } = setUp("user-token", {}, { settings: { dialingMs: 600_000 } });
    const placed = await time.run(client.calls.place({ to: "+12015550123" }));

    const error = await time.run(
      rejectionOf(
        client.calls.waitFor(placed.conversationId, { until: "connected", timeoutMs: 10_000 }),
      ),
    );

    expect(error).toBeInstanceOf(CallWaitTimeoutError);
    expect((error as CallWaitTimeoutError).conversationId).toBe(placed.conversationId);
    expect((error as CallWaitTimeoutError).code).toBe("call.wait_timed_out");
  });

  test("disconnect ends the call", async () => {
    const { time, client, emulator } = setUp(
      "user-token",
      {},
      { settings: { dialingMs: 0, connectedMs: 0 } },
    );
    const placed = await time.run(client.calls.place({ to: "+12015550123" }));
    time.advance(10);

    await time.run(client.calls.disconnect(placed.conversationId));
    const status = await time.run(client.calls.waitFor(placed.conversationId, { until: "ended" }));

    expect(status.phase).toBe("ended");
    const patches = emulator.requests().filter((entry) => entry.method === "PATCH");
    expect(patches.map((entry) => entry.path)).toEqual([`${CALLS_PATH}/${placed.conversationId}`]);
  });

  test("get of an unknown call is not found", async () => {
    const { time, client } = setUp("user-token");

    const error = await time.run(
      rejectionOf(client.calls.get("6f1c2b1e-0000-4000-8000-00000000beef")),
    );

    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).genesysCode).toBe("conversation.error.conversation.not.found");
  });

  test("onResponse sees rate-limit headers", async () => {
    const seen: ResponseInfo[] = [];
    const { time, client } = setUp("user-token", {
      hooks: { onResponse: (info) => seen.push(info) },
    });

    await time.run(client.calls.place({ to: "+12015550123" }));

    const [info] = seen;
    expect(info?.method).toBe("POST");
    expect(info?.path).toBe(CALLS_PATH);
    expect(info?.status).toBe(200);
    expect(info?.attempt).toBe(1);
    expect(info?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(info?.rateLimit?.allowed).toBe(300);
    expect(info?.rateLimit?.count).toBe(1);
  });
});

describe("hooks", () => {
  test("a failing onResponse hook does not fail the call", async () => {
    const lines: string[] = [];
    const { time, client, emulator } = setUp("user-token", {
      hooks: {
        onResponse: () => {
          throw new Error("pacer broke");
        },
      },
      logger: createLogger({ level: "warn", timestamps: false, write: (line) => lines.push(line) }),
    });

    const placed = await time.run(client.calls.place({ to: "+12015550123" }));

    expect(placed.conversationId).toBe(emulator.calls()[0]?.id);
    expect(lines).toEqual(['WARN the onResponse hook failed error="pacer broke"']);
  });
});

describe("callStatusOf", () => {
  test("far end connected", () => {
    const status = callStatusOf({
      id: "c1",
      participants: [
        { id: "p1", purpose: "user", state: "connected" },
        { id: "p2", purpose: "external", state: "connected" },
      ],
    });

    expect(status.phase).toBe("connected");
  });

  test("caller connected while the far end rings", () => {
    const status = callStatusOf({
      id: "c1",
      participants: [
        { id: "p1", purpose: "user", state: "connected" },
        { id: "p2", purpose: "external", state: "dialing" },
      ],
    });

    expect(status.phase).toBe("pending");
    expect(status.remote).toEqual({ state: "dialing" });
  });

  test("far end disconnected", () => {
    const status = callStatusOf({
      id: "c1",
      participants: [
        { id: "p1", purpose: "user", state: "connected" },
        { id: "p2", purpose: "external", state: "disconnected", disconnectType: "peer" },
      ],
    });

    expect(status.phase).toBe("ended");
    expect(status.remote).toEqual({ state: "disconnected", disconnectType: "peer" });
  });

  test("user to user call uses the last participant", () => {
    const status = callStatusOf({
      id: "c1",
      participants: [
        { id: "p1", purpose: "user", state: "connected" },
        { id: "p2", purpose: "user", state: "alerting" },
      ],
    });

    expect(status.phase).toBe("pending");
    expect(status.remote?.state).toBe("alerting");
  });
});
