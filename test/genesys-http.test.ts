import { afterEach, describe, expect, test } from "vitest";
import { DEMO_IDS, type EmulatorServer, startEmulatorServer } from "../src/emulator/index.js";
import { GenesysClient, OutcomeUnknownError } from "../src/genesys/index.js";

// The client over real sockets against the emulator on 127.0.0.1:0, with its default transport
// (node:http) and with Node's fetch (undici). Only the backoff sleeps are recorded instead of
// waited.

const AS_ALICE_PATH = `/api/v2/conversations/calls/user/${DEMO_IDS.alice}`;

let server: EmulatorServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function connect(fetchFunction?: typeof fetch): Promise<{
  client: GenesysClient;
  server: EmulatorServer;
  sleeps: number[];
}> {
  server = await startEmulatorServer({ port: 0 });
  const sleeps: number[] = [];
  const client = new GenesysClient({
    region: server.url,
    credentials: {
      clientId: server.emulator.demo.clientId,
      clientSecret: server.emulator.demo.clientSecret,
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...(fetchFunction === undefined ? {} : { fetch: fetchFunction }),
  });
  return { client, server, sleeps };
}

describe("client over HTTP", () => {
  test("places a call", async () => {
    const { client, server } = await connect();

    const placed = await client.calls.place({ to: "+12015550123", asUser: "alice@example.com" });

    expect(server.emulator.calls().map((call) => call.id)).toEqual([placed.conversationId]);
    expect(placed.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test.each([
    ["node:http", undefined, "ECONNRESET"],
    ["Node's fetch", globalThis.fetch, "UND_ERR_SOCKET"],
  ])("dropped connection after creating is unknown (%s)", async (_name, fetchFunction, code) => {
    const { client, server } = await connect(fetchFunction);
    server.emulator.addFault({ method: "POST", path: AS_ALICE_PATH, drop: "after" });

    const error = await client.calls
      .place({ to: "+12015550123", asUser: DEMO_IDS.alice })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).known.reason).toBe("connection-lost");
    expect((error as OutcomeUnknownError).known.causeCode).toBe(code);
    expect(server.emulator.calls()).toHaveLength(1);
  });

  test("closed port is retried, then a connection error", async () => {
    const stopped = await startEmulatorServer({ port: 0 });
    await stopped.close();
    const sleeps: number[] = [];
    const offline = new GenesysClient({
      region: stopped.url,
      credentials: { clientId: "id", clientSecret: "secret" },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    });

    const error = await offline.calls
      .place({ to: "+12015550123", asUser: DEMO_IDS.alice })
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: "ConnectionError", causeCode: "ECONNREFUSED" });
    expect(sleeps).toHaveLength(3);
  });

  test("a read is retried after 502", async () => {
    const { client, server, sleeps } = await connect();
    server.emulator.addFault({ method: "GET", path: "/api/v2/routing/queues", status: 502 });

    const response = await client.request("GET", "/api/v2/routing/queues");

    expect(response.status).toBe(200);
    expect(response.attempts).toBe(2);
    expect(sleeps).toEqual([250]);
  });
});
