import { createServer } from "node:net";
import { inspect } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { createEmulator, DEMO_IDS, type Emulator } from "../src/emulator/index.js";
import {
  createLogger,
  GenesysClient,
  type GenesysClientOptions,
  type Logger,
} from "../src/genesys/index.js";
import { VirtualTime } from "./genesys-virtual-time.js";

const SENTINEL_SECRET = "SENTINEL-client-secret-7f3a9c51e2";
const SENTINEL_WRONG_SECRET = "SENTINEL-wrong-secret-0b8d44aa19";
const BASE_URL = "http://127.0.0.1:9";
const CALLS_PATH = "/api/v2/conversations/calls";
const AS_ALICE_PATH = `${CALLS_PATH}/user/${DEMO_IDS.alice}`;

/** Everything a user could see: log lines, raw logger arguments, errors in every rendering. */
class Exposure {
  readonly texts: string[] = [];
  readonly errors: unknown[] = [];
  /** Tokens seen on the wire, to look for in the texts. */
  readonly tokens = new Set<string>();

  logger(): Logger {
    const lines = createLogger({ level: "debug", write: (line) => this.texts.push(line) });
    const record =
      (level: keyof Omit<Logger, "showPhoneNumbers" | "level">) =>
      (message: string, fields?: object) => {
        this.texts.push(`${message} ${JSON.stringify(fields ?? {})}`);
        lines[level](message, fields as Record<string, string>);
      };
    return {
      error: record("error"),
      warn: record("warn"),
      info: record("info"),
      debug: record("debug"),
    };
  }

  recordError(error: unknown): void {
    this.errors.push(error);
    this.texts.push(String(error));
    this.texts.push(JSON.stringify(error));
    this.texts.push(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }));
    if (error instanceof Error) {
      this.texts.push(error.stack ?? "");
    }
  }

  /** Wraps a fetch to learn every token issued or sent, without exposing them. */
  watch(fetchFn: typeof fetch): typeof fetch {
    return async (input, init) => {
      const bearer = new Headers(init?.headers).get("authorization")?.match(/^Bearer (.+)$/)?.[1];
      if (bearer !== undefined) {
        this.tokens.add(bearer);
      }
      const response = await fetchFn(input, init);
      const text = await response.clone().text();
      const issued = text.match(/"access_token"\s*:\s*"([^"]+)"/)?.[1];
      if (issued !== undefined) {
        this.tokens.add(issued);
      }
      return response;
    };
  }

  expectNoSecrets(clientId: string): void {
    const forbidden = [
      SENTINEL_SECRET,
      SENTINEL_WRONG_SECRET,
      Buffer.from(`${clientId}:${SENTINEL_SECRET}`).toString("base64"),
      Buffer.from(`${clientId}:${SENTINEL_WRONG_SECRET}`).toString("base64"),
      ...this.tokens,
    ];
    expect(this.texts.length).toBeGreaterThan(0);
    for (const text of this.texts) {
      for (const secret of forbidden) {
        expect(text.includes(secret), `a secret appears in: ${text.slice(0, 200)}`).toBe(false);
      }
    }
  }
}

let exposure: Exposure;
let emulator: Emulator;
let time: VirtualTime;

afterEach(() => {
  exposure.expectNoSecrets(emulator.demo.clientId);
});

function setUp(
  options: Partial<GenesysClientOptions> = {},
  clientSecret = SENTINEL_SECRET,
): GenesysClient {
  time = new VirtualTime();
  exposure = new Exposure();
  emulator = createEmulator({
    clock: time.clock,
    sleep: time.sleep,
    clientSecret: SENTINEL_SECRET,
  });
  return new GenesysClient({
    region: BASE_URL,
    credentials: { clientId: emulator.demo.clientId, clientSecret },
    fetch: exposure.watch(emulator.fetch),
    clock: time.clock,
    sleep: time.clientSleep,
    timers: time.timers,
    random: () => 0.5,
    logger: exposure.logger(),
    ...options,
  });
}

async function expectFailure(work: Promise<unknown>): Promise<void> {
  try {
    await time.run(work);
  } catch (error) {
    exposure.recordError(error);
    return;
  }
  throw new Error("expected a failure");
}

describe("sentinel secrets never leak", () => {
  test("on success", async () => {
    const client = setUp({ tokenRenewalMarginMs: 0 });

    const placed = await time.run(
      client.calls.place({ to: "+12015550123", asUser: "alice@example.com" }),
    );
    await time.run(client.calls.waitFor(placed.conversationId, { until: "connected" }));
    await time.run(client.calls.disconnect(placed.conversationId));

    expect(exposure.tokens.size).toBe(1);
  });

  test("on a rejected client secret", async () => {
    const client = setUp({}, SENTINEL_WRONG_SECRET);

    await expectFailure(client.calls.place({ to: "+12015550123", asUser: DEMO_IDS.alice }));

    expect(exposure.texts.some((text) => text.includes("invalid_client"))).toBe(true);
  });

  test("on 401 twice", async () => {
    const client = setUp();
    emulator.addFault({ method: "POST", path: AS_ALICE_PATH, status: 401, times: 2 });

    await expectFailure(client.calls.place({ to: "+12015550123", asUser: DEMO_IDS.alice }));

    expect(exposure.tokens.size).toBe(2);
  });

  test("on an error body that echoes the token and secret", async () => {
    const client = setUp();
    await time.run(client.request("GET", "/api/v2/routing/queues"));
    const [token] = exposure.tokens;
    emulator.addFault({
      method: "POST",
      path: AS_ALICE_PATH,
      status: 400,
      body: {
        code: "bad.request",
        status: 400,
        message: `token ${token} and secret ${SENTINEL_SECRET} rejected`,
        messageParams: { token: token ?? "", header: `Bearer ${token}` },
      },
    });

    await expectFailure(client.calls.place({ to: "+12015550123", asUser: DEMO_IDS.alice }));
  });

  test("on 503, dropped connection and timeout of a create", async () => {
    const client = setUp({ timeoutMs: 1_000 });
    emulator.addFault({ method: "POST", path: AS_ALICE_PATH, status: 503 });
    emulator.addFault({ method: "POST", path: AS_ALICE_PATH, drop: "after" });
    emulator.addFault({ method: "POST", path: AS_ALICE_PATH, delayMs: 5_000 });

    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expectFailure(client.calls.place({ to: "+12015550123", asUser: DEMO_IDS.alice }));
    }

    expect(exposure.errors.map((error) => (error as Error).name)).toEqual([
      "OutcomeUnknownError",
      "OutcomeUnknownError",
      "OutcomeUnknownError",
    ]);
  });

  test("on a long Retry-After", async () => {
    const client = setUp();
    emulator.addFault({
      method: "POST",
      path: AS_ALICE_PATH,
      status: 429,
      headers: { "Retry-After": "3600" },
    });

    await expectFailure(client.calls.place({ to: "+12015550123", asUser: DEMO_IDS.alice }));
  });

  test("on a missing permission and unknown ids", async () => {
    const client = setUp();
    emulator.addFault({
      method: "POST",
      path: AS_ALICE_PATH,
      status: 403,
      body: {
        code: "missing.any.permissions",
        status: 403,
        message: "missing conversation:call:add",
      },
    });

    await expectFailure(client.calls.place({ to: "+12015550123", asUser: DEMO_IDS.alice }));
    await expectFailure(
      client.calls.place({ to: "user:nobody@example.com", asUser: DEMO_IDS.alice }),
    );
    await expectFailure(client.calls.get("6f1c2b1e-0000-4000-8000-00000000beef"));
  });

  test("on a refused connection", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = setUp({
      region: `http://127.0.0.1:${port}`,
      fetch: globalThis.fetch,
      timers: undefined,
    });

    await expectFailure(client.calls.place({ to: "+12015550123", asUser: DEMO_IDS.alice }));
  });

  test("on configuration errors", async () => {
    const client = setUp();

    await expectFailure(client.calls.place({ to: "+12015550123" }));
    await expectFailure(client.calls.place({ to: "+1 201 555 0123 x9", asUser: DEMO_IDS.alice }));
    try {
      new GenesysClient({
        region: `http://x:${SENTINEL_SECRET}@127.0.0.1:1`,
        credentials: { accessToken: "abcdefgh" },
      });
    } catch (error) {
      exposure.recordError(error);
    }
  });
});
