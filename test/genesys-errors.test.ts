import { describe, expect, test } from "vitest";
import { GcdialError } from "../src/errors.js";
import {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConnectionError,
  createLogger,
  GenesysApiError,
  GenesysClient,
  NotFoundError,
  OutcomeUnknownError,
  PermissionError,
  parseMissingPermissions,
  RateLimitError,
  ServerError,
} from "../src/genesys/index.js";
import { VirtualTime } from "./genesys-virtual-time.js";

const BASE_URL = "http://127.0.0.1:9";
const CORRELATION_ID = "c0ffee00-0000-4000-8000-000000000001";

function errorBody(
  status: number,
  code: string,
  message: string,
  messageParams?: Record<string, string>,
) {
  return {
    status,
    code,
    message,
    messageParams,
    contextId: CORRELATION_ID,
    details: [],
    errors: [],
  };
}

/** Creates a client whose every API request gets `status` and `body`, recording log lines. */
function clientRespondingWith(status: number, body: unknown, headers: Record<string, string> = {}) {
  const time = new VirtualTime();
  const lines: string[] = [];
  const client = new GenesysClient({
    region: BASE_URL,
    credentials: { accessToken: "given-access-token-for-errors" },
    fetch: async () =>
      new Response(typeof body === "string" ? body : JSON.stringify(body), {
        status,
        headers: { "inin-correlation-id": CORRELATION_ID, ...headers },
      }),
    clock: time.clock,
    sleep: time.clientSleep,
    timers: time.timers,
    random: () => 0,
    logger: createLogger({ level: "debug", timestamps: false, write: (line) => lines.push(line) }),
  });
  return { time, client, lines };
}

async function failureOf(status: number, body: unknown, headers: Record<string, string> = {}) {
  const { time, client } = clientRespondingWith(status, body, headers);
  try {
    await time.run(client.request("GET", "/api/v2/users/me"));
  } catch (error) {
    return error;
  }
  throw new Error("expected the request to fail");
}

describe("errors by status", () => {
  test.each([
    [400, BadRequestError, "genesys.bad_request"],
    [401, AuthenticationError, "genesys.authentication_failed"],
    [403, PermissionError, "genesys.permission_denied"],
    [404, NotFoundError, "genesys.not_found"],
    [409, GenesysApiError, "genesys.request_failed"],
    [501, ServerError, "genesys.server_error"],
  ])("HTTP %i", async (status, type, code) => {
    const error = await failureOf(status, errorBody(status, "some.code", "Some message."));

    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(GcdialError);
    const apiError = error as GenesysApiError;
    expect(apiError.code).toBe(code);
    expect(apiError.status).toBe(status);
    expect(apiError.method).toBe("GET");
    expect(apiError.path).toBe("/api/v2/users/me");
    expect(apiError.genesysCode).toBe("some.code");
    expect(apiError.genesysMessage).toBe("Some message.");
    expect(apiError.correlationId).toBe(CORRELATION_ID);
    expect(apiError.attempts).toBe(1);
    expect(apiError.message).toBe(
      `GET /api/v2/users/me failed with HTTP ${status} some.code: Some message. (correlation id ${CORRELATION_ID})`,
    );
    expect(apiError.hint?.length).toBeGreaterThan(0);
  });

  test("5xx on a read after the retries is a server error", async () => {
    const error = await failureOf(
      503,
      errorBody(503, "service.unavailable", "Service Unavailable."),
    );

    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).code).toBe("genesys.server_error");
    expect((error as ServerError).attempts).toBe(4);
  });

  test("429 above the cap carries retryAfterMs", async () => {
    const error = await failureOf(
      429,
      errorBody(
        429,
        "too.many.requests.retry.after",
        "Rate limit exceeded the maximum. Retry the request in [120] seconds",
      ),
      { "retry-after": "120" },
    );

    expect(error).toBeInstanceOf(RateLimitError);
    const rateLimited = error as RateLimitError;
    expect(rateLimited.code).toBe("genesys.rate_limited");
    expect(rateLimited.retryAfterMs).toBe(120_000);
    expect(rateLimited.attempts).toBe(1);
    expect(rateLimited.hint).toContain("Wait 120 s");
    expect(rateLimited.toJSON().retryAfterMs).toBe(120_000);
  });

  test("body that is not JSON keeps the status", async () => {
    const error = await failureOf(502, "<html>Bad gateway</html>");

    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).genesysCode).toBeUndefined();
    expect((error as ServerError).correlationId).toBe(CORRELATION_ID);
  });

  test("correlation id from contextId when the header is missing", async () => {
    const time = new VirtualTime();
    const client = new GenesysClient({
      region: BASE_URL,
      credentials: { accessToken: "given-access-token-for-errors" },
      fetch: async () =>
        new Response(JSON.stringify(errorBody(404, "not.found", "Not found.")), { status: 404 }),
      clock: time.clock,
      sleep: time.clientSleep,
      timers: time.timers,
    });

    const error = await time.run(
      client.request("GET", "/api/v2/users/x").catch((caught: unknown) => caught),
    );

    expect((error as NotFoundError).correlationId).toBe(CORRELATION_ID);
  });

  test("non-JSON success is invalid", async () => {
    const error = await failureOf(200, "<html>login page</html>");

    expect(error).toBeInstanceOf(GenesysApiError);
    expect((error as GenesysApiError).code).toBe("genesys.invalid_response");
  });
});

describe("Genesys codes with their own advice", () => {
  test("not.a.user names asUser and --as", async () => {
    const error = await failureOf(
      400,
      errorBody(
        400,
        "not.a.user",
        "This request requires a user context. Client credentials cannot be used for requests to this resource.",
      ),
    );

    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).code).toBe("call.needs_user");
    expect((error as BadRequestError).hint).toContain("asUser");
    expect((error as BadRequestError).hint).toContain("--as");
  });

  test("no station", async () => {
    const error = await failureOf(
      400,
      errorBody(
        400,
        "conversation.error.no.user.station",
        "A station is required to place a call.",
      ),
    );

    expect((error as BadRequestError).code).toBe("call.no_station");
    expect((error as BadRequestError).hint).toContain("station");
  });
});

describe("create-call responses with a Genesys code", () => {
  test("station advice on an unknown outcome", async () => {
    const { time, client } = clientRespondingWith(
      500,
      errorBody(500, "providerapi.error.station.no.active.edge", "No active edge for station."),
    );

    const error = await time.run(
      client.calls.place({ to: "+12015550123" }).catch((caught: unknown) => caught),
    );

    expect(error).toBeInstanceOf(OutcomeUnknownError);
    const unknown = error as OutcomeUnknownError;
    expect(unknown.known.genesysCode).toBe("providerapi.error.station.no.active.edge");
    expect(unknown.hint).toContain("check the conversation list");
    expect(unknown.hint).toContain("Edge");
    expect(unknown.attempts).toBe(1);
  });
});

describe("unreadable create responses", () => {
  test.each([
    ["no conversation id", { selfUri: "/api/v2/conversations/calls/x" }],
    ["a body that is not JSON", "<html>gateway</html>"],
  ])("%s is an unknown outcome", async (_name, body) => {
    const { time, client } = clientRespondingWith(200, body);

    const error = await time.run(
      client.calls.place({ to: "+12015550123" }).catch((caught: unknown) => caught),
    );

    expect(error).toBeInstanceOf(OutcomeUnknownError);
    const unknown = error as OutcomeUnknownError;
    expect(unknown.known).toEqual({ reason: "unreadable-response", status: 200 });
    expect(unknown.endpoint).toBe("http://127.0.0.1:9/api/v2/conversations/calls");
    expect(unknown.correlationId).toBe(CORRELATION_ID);
  });
});

describe("PermissionError", () => {
  test("lists permissions from messageParams", async () => {
    const error = await failureOf(
      403,
      errorBody(
        403,
        "missing.any.permissions",
        "Unable to perform the requested action. You must have at least one of the following permissions assigned: [conversation:agentlessCall:add, conversation:call:add]",
        {
          permissions: "conversation:agentlessCall:add, conversation:call:add",
        },
      ),
    );

    expect((error as PermissionError).missingPermissions).toEqual([
      "conversation:agentlessCall:add",
      "conversation:call:add",
    ]);
    expect((error as PermissionError).hint).toContain("one of the permissions");
  });

  test("lists permissions from the message alone", () => {
    expect(
      parseMissingPermissions({
        genesysMessage: "You are missing the following permission(s): routing:queue:view",
      }),
    ).toEqual(["routing:queue:view"]);
  });

  test("no permission named", () => {
    expect(
      parseMissingPermissions({
        genesysMessage: "You are not authorized to perform the requested action.",
      }),
    ).toEqual([]);
  });
});

describe("errors with no response", () => {
  test("ConnectionError names host and cause", () => {
    const error = new ConnectionError({
      method: "GET",
      path: "/api/v2/users/me",
      host: "api.mypurecloud.ie",
      causeCode: "ENOTFOUND",
      attempts: 4,
    });

    expect(error.message).toBe(
      "GET /api/v2/users/me: could not reach api.mypurecloud.ie (ENOTFOUND) after 4 attempts",
    );
    expect(error.code).toBe("genesys.connection_failed");
    expect(error.hint).toContain("GENESYSCLOUD_REGION");
    expect(error.toJSON()).toMatchObject({
      host: "api.mypurecloud.ie",
      causeCode: "ENOTFOUND",
      attempts: 4,
    });
  });

  test("OutcomeUnknownError says the call may have been placed", () => {
    const error = new OutcomeUnknownError({
      method: "POST",
      path: "/api/v2/conversations/calls",
      endpoint: "https://api.mypurecloud.com/api/v2/conversations/calls",
      known: { reason: "timeout", timeoutMs: 16_000 },
      attempts: 1,
    });

    expect(error.message).toBe(
      "POST /api/v2/conversations/calls: the call may have been placed: no response within 16000 ms after the request was sent",
    );
    expect(error.hint).toContain("check the conversation list");
    expect(error.toJSON()).toMatchObject({
      code: "genesys.outcome_unknown",
      endpoint: "https://api.mypurecloud.com/api/v2/conversations/calls",
      known: { reason: "timeout", timeoutMs: 16_000 },
    });
  });

  test("ConfigurationError masks a credential in its message", () => {
    const error = new ConfigurationError("bad value client_secret=abc123", {
      code: "config.invalid_option",
      hint: "fix it",
    });

    expect(error.message).toBe("bad value client_secret=***");
  });
});

describe("attempt log lines", () => {
  test("one line per attempt with status, duration and correlation id", async () => {
    const { time, client, lines } = clientRespondingWith(
      503,
      errorBody(503, "service.unavailable", "down"),
    );

    await time.run(client.request("GET", "/api/v2/users/me").catch(() => undefined));

    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      `WARN GET /api/v2/users/me status=503 durationMs=0 correlationId=${CORRELATION_ID} attempt=1 next=retry retryInMs=0 reason="a read is safe to repeat"`,
    );
    expect(lines[3]).toContain("attempt=4 next=fail");
  });

  test("a success logs at info", async () => {
    const { time, client, lines } = clientRespondingWith(200, { id: "me" });

    await time.run(client.request("GET", "/api/v2/users/me"));

    expect(lines).toEqual([
      `INFO GET /api/v2/users/me status=200 durationMs=0 correlationId=${CORRELATION_ID} attempt=1`,
    ]);
  });
});
