/**
 * The official JavaScript SDK (purecloud-platform-client-v2) against the served emulator: if the
 * SDK that Genesys ships can log in, place calls and read the responses here, the emulator speaks
 * the same protocol as Genesys Cloud for these operations.
 */
import platformClient from "purecloud-platform-client-v2";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_IDS, type EmulatorServer, startEmulatorServer } from "../src/emulator/index.js";

const SECRET = "test-secret-for-the-sdk-client";

interface ExtendedResponse<T> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

interface SdkError {
  status: number;
  headers: Record<string, string>;
  body: { code: string; message: string; status: number; contextId: string };
}

let server: EmulatorServer;
// The SDK's ApiClient is a process-wide singleton; this file is its only user in this process.
const client = platformClient.ApiClient.instance;

async function sdkError(promise: Promise<unknown>): Promise<SdkError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeDefined();
  return error as SdkError;
}

beforeAll(async () => {
  server = await startEmulatorServer({ clientSecret: SECRET });
  client.setGateway({
    host: "127.0.0.1",
    protocol: "http",
    port: server.port,
    path_params_login: "",
    path_params_api: "",
  });
  client.setReturnExtendedResponses(true);
  await client.loginClientCredentialsGrant(DEMO_IDS.clientId, SECRET);
});

afterAll(async () => {
  client.setGateway(undefined as never);
  client.setReturnExtendedResponses(false);
  await server.close();
});

describe("official SDK against the emulator", () => {
  test("logs in with client credentials", () => {
    const auth = (
      client as unknown as { authData: { accessToken: string; tokenExpiryTime: number } }
    ).authData;

    expect(auth.accessToken.length).toBeGreaterThan(40);
    expect(auth.tokenExpiryTime - Date.now()).toBeGreaterThan(86_000_000);
  });

  test("creates a call on behalf of a user", async () => {
    const api = new platformClient.ConversationsApi();
    const created = (await api.postConversationsCallsUserUserId(DEMO_IDS.alice, {
      phoneNumber: "+12015550123",
    })) as unknown as ExtendedResponse<{ id: string; selfUri: string }>;

    expect(created.status).toBe(200);
    expect(created.body.selfUri).toBe(`/api/v2/conversations/calls/${created.body.id}`);
    expect(created.headers["inin-correlation-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.emulator.calls().at(-1)).toMatchObject({
      id: created.body.id,
      userId: DEMO_IDS.alice,
    });

    const read = (await api.getConversationsCall(created.body.id)) as unknown as ExtendedResponse<{
      id: string;
      participants: Array<{ purpose: string; state: string; address?: string }>;
    }>;
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(created.body.id);
    expect(read.body.participants.map((p) => p.purpose)).toEqual(["user", "external"]);
    expect(read.body.participants[1]?.address).toBe("tel:+12015550123");
  });

  test("searches users", async () => {
    const api = new platformClient.UsersApi();
    const found = (await api.postUsersSearch({
      query: [{ type: "EXACT", fields: ["email"], value: "bob@example.com" }],
    })) as unknown as ExtendedResponse<{ total: number; results: Array<{ id: string }> }>;

    expect(found.status).toBe(200);
    expect(found.body.total).toBe(1);
    expect(found.body.results[0]?.id).toBe(DEMO_IDS.bob);
  });

  test("lists queues by name", async () => {
    const api = new platformClient.RoutingApi();
    const listing = (await api.getRoutingQueues({
      name: "Sup*",
      pageSize: 10,
    })) as unknown as ExtendedResponse<{
      entities: Array<{ id: string; name: string }>;
    }>;

    expect(listing.status).toBe(200);
    expect(listing.body.entities).toEqual([
      expect.objectContaining({ id: DEMO_IDS.supportQueue, name: "Support" }),
    ]);
  });

  test("postConversationsCalls with client credentials: not.a.user", async () => {
    const api = new platformClient.ConversationsApi();
    const error = await sdkError(api.postConversationsCalls({ phoneNumber: "+12015550123" }));

    expect(error.status).toBe(400);
    expect(error.body.code).toBe("not.a.user");
    expect(error.body.contextId).toBe(error.headers["inin-correlation-id"]);
  });

  test("two destinations: too.many.create.conversation.parameters", async () => {
    const api = new platformClient.ConversationsApi();
    const error = await sdkError(
      api.postConversationsCallsUserUserId(DEMO_IDS.alice, {
        phoneNumber: "+12015550123",
        callQueueId: DEMO_IDS.salesQueue,
      }),
    );

    expect(error.status).toBe(400);
    expect(error.body.code).toBe("too.many.create.conversation.parameters");
  });

  test("sees a 429 with Retry-After", async () => {
    server.emulator.updateSettings({ rateLimitPerMinute: 1 });
    await client.loginClientCredentialsGrant(DEMO_IDS.clientId, SECRET);
    const api = new platformClient.RoutingApi();
    await api.getRoutingQueues({});
    const error = await sdkError(api.getRoutingQueues({}));
    server.emulator.updateSettings({ rateLimitPerMinute: 300 });

    expect(error.status).toBe(429);
    expect(Number(error.headers["retry-after"])).toBeGreaterThan(0);
    expect(error.body.code).toBe("too.many.requests.retry.after");
  });
});
