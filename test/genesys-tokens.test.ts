import { describe, expect, test } from "vitest";
import {
  AuthenticationError,
  ConfigurationError,
  GenesysClient,
  type GenesysClientOptions,
} from "../src/genesys/index.js";
import { VirtualTime } from "./genesys-virtual-time.js";

const CLIENT_ID = "3f1c2b1e-aaaa-4000-8000-00000000c0de";
const CLIENT_SECRET = "token-test-client-secret-value";

interface Recorded {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

/** Creates a fetch that responds with `respond` and records every request. */
function scriptedFetch(
  respond: (request: Recorded, index: number) => Response | Promise<Response>,
) {
  const requests: Recorded[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const recorded = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: await request.text(),
    };
    requests.push(recorded);
    return respond(recorded, requests.length - 1);
  };
  return { fetchFn, requests };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

function tokenResponse(index: number, expiresInSec = 3_600): Response {
  return json(200, {
    access_token: `issued-token-number-${index}`,
    token_type: "bearer",
    expires_in: expiresInSec,
  });
}

function clientWith(
  fetchFn: typeof fetch,
  time: VirtualTime,
  options: Partial<GenesysClientOptions> = {},
) {
  return new GenesysClient({
    region: "http://127.0.0.1:9",
    credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    fetch: fetchFn,
    clock: time.clock,
    sleep: time.clientSleep,
    timers: time.timers,
    random: () => 0.5,
    ...options,
  });
}

async function rejectionOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

describe("client-credentials token request", () => {
  test("sends HTTP Basic and the form body to the login host", async () => {
    const time = new VirtualTime();
    const { fetchFn, requests } = scriptedFetch((_request, index) => tokenResponse(index));
    const client = clientWith(fetchFn, time, { region: "eu_west_1" });

    await time.run(client.tokenProvider.getToken());

    const [sent] = requests;
    expect(sent?.url).toBe("https://login.mypurecloud.ie/oauth/token");
    expect(sent?.method).toBe("POST");
    expect(sent?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(sent?.body).toBe("grant_type=client_credentials");
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64");
    expect(sent?.headers.get("authorization")).toBe(`Basic ${basic}`);
  });

  test("API requests go to the API host with the bearer token", async () => {
    const time = new VirtualTime();
    const { fetchFn, requests } = scriptedFetch((request, index) =>
      request.url.endsWith("/oauth/token") ? tokenResponse(index) : json(200, { entities: [] }),
    );
    const client = clientWith(fetchFn, time, { region: "mypurecloud.de" });

    await time.run(client.request("GET", "/api/v2/routing/queues"));

    expect(requests.map((request) => request.url)).toEqual([
      "https://login.mypurecloud.de/oauth/token",
      "https://api.mypurecloud.de/api/v2/routing/queues",
    ]);
    expect(requests[1]?.headers.get("authorization")).toBe("Bearer issued-token-number-0");
  });
});

describe("token cache", () => {
  test("reuses the token until the margin", async () => {
    const time = new VirtualTime();
    const { fetchFn, requests } = scriptedFetch((_request, index) => tokenResponse(index, 3_600));
    const client = clientWith(fetchFn, time);

    const first = await time.run(client.tokenProvider.getToken());
    time.advance(3_540_000 - 1);
    const cached = await time.run(client.tokenProvider.getToken());
    time.advance(1);
    const renewed = await time.run(client.tokenProvider.getToken());

    expect(first).toBe("issued-token-number-0");
    expect(cached).toBe("issued-token-number-0");
    expect(renewed).toBe("issued-token-number-1");
    expect(requests).toHaveLength(2);
  });

  test("margin is halved lifetime for short tokens", async () => {
    const time = new VirtualTime();
    const { fetchFn, requests } = scriptedFetch((_request, index) => tokenResponse(index, 10));
    const client = clientWith(fetchFn, time);

    await time.run(client.tokenProvider.getToken());
    time.advance(4_999);
    const cached = await time.run(client.tokenProvider.getToken());
    time.advance(1);
    const renewed = await time.run(client.tokenProvider.getToken());

    expect(cached).toBe("issued-token-number-0");
    expect(renewed).toBe("issued-token-number-1");
    expect(requests).toHaveLength(2);
  });

  test("lifetime counts from when the request was sent", async () => {
    const time = new VirtualTime();
    // The login service takes 2 s to issue a token of 10 s, which is renewed 5 s after sending.
    const { fetchFn } = scriptedFetch(async (_request, index) => {
      await time.sleep(2_000);
      return tokenResponse(index, 10);
    });
    const client = clientWith(fetchFn, time);
    const sentAtMs = time.nowMs;

    await time.run(client.tokenProvider.getToken());
    time.nowMs = sentAtMs + 5_000;
    const renewed = await time.run(client.tokenProvider.getToken());

    expect(renewed).toBe("issued-token-number-1");
  });

  test("concurrent callers share one request", async () => {
    const time = new VirtualTime();
    const { fetchFn, requests } = scriptedFetch(async (_request, index) => {
      await time.sleep(500);
      return tokenResponse(index);
    });
    const client = clientWith(fetchFn, time);

    const tokens = await time.run(
      Promise.all(Array.from({ length: 5 }, () => client.tokenProvider.getToken())),
    );

    expect(new Set(tokens)).toEqual(new Set(["issued-token-number-0"]));
    expect(requests).toHaveLength(1);
  });

  test("concurrent callers share a failure, and it is not cached", async () => {
    const time = new VirtualTime();
    const { fetchFn, requests } = scriptedFetch((_request, index) =>
      index === 0
        ? json(401, { error: "invalid_client", error_description: "client authentication failed" })
        : tokenResponse(index),
    );
    const client = clientWith(fetchFn, time);

    const failures = await time.run(
      Promise.all([
        rejectionOf(client.tokenProvider.getToken()),
        rejectionOf(client.tokenProvider.getToken()),
      ]),
    );
    const next = await time.run(client.tokenProvider.getToken());

    expect(failures[0]).toBeInstanceOf(AuthenticationError);
    expect(failures[1]).toBe(failures[0]);
    expect(next).toBe("issued-token-number-1");
    expect(requests).toHaveLength(2);
  });

  test("renewal after a 401 is shared and not repeated", async () => {
    const time = new VirtualTime();
    const { fetchFn, requests } = scriptedFetch(async (_request, index) => {
      await time.sleep(100);
      return tokenResponse(index);
    });
    const client = clientWith(fetchFn, time);
    const provider = client.tokenProvider;
    const rejected = await time.run(provider.getToken());

    const renewed = await time.run(
      Promise.all(
        [1, 2, 3].map(() => provider.renewAfterRejection?.(rejected) ?? Promise.resolve("")),
      ),
    );
    const staleRejection = await time.run(
      provider.renewAfterRejection?.(rejected) ?? Promise.resolve(""),
    );

    expect(renewed).toEqual([
      "issued-token-number-1",
      "issued-token-number-1",
      "issued-token-number-1",
    ]);
    expect(staleRejection).toBe("issued-token-number-1");
    expect(requests).toHaveLength(2);
  });
});

describe("token request errors", () => {
  test("invalid_client names the environment variables", async () => {
    const time = new VirtualTime();
    const { fetchFn } = scriptedFetch(() =>
      json(401, { error: "invalid_client", error_description: "client authentication failed" }),
    );
    const client = clientWith(fetchFn, time);

    const error = await time.run(rejectionOf(client.request("GET", "/api/v2/users/me")));

    expect(error).toBeInstanceOf(AuthenticationError);
    const auth = error as AuthenticationError;
    expect(auth.code).toBe("genesys.authentication_failed");
    expect(auth.genesysCode).toBe("invalid_client");
    expect(auth.path).toBe("/oauth/token");
    expect(auth.message).toContain("invalid_client");
    expect(auth.message).toContain("client authentication failed");
    expect(auth.hint).toContain("GENESYSCLOUD_OAUTHCLIENT_ID");
    expect(auth.hint).toContain("GENESYSCLOUD_OAUTHCLIENT_SECRET");
    expect(auth.hint).toContain("GENESYSCLOUD_REGION");
  });

  test("unsupported grant names the grant type", async () => {
    const time = new VirtualTime();
    const { fetchFn } = scriptedFetch(() => json(400, { error: "unsupported_grant_type" }));
    const client = clientWith(fetchFn, time);

    const error = await time.run(rejectionOf(client.tokenProvider.getToken()));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).hint).toContain("Client Credentials");
  });

  test("response without a token fails", async () => {
    const time = new VirtualTime();
    const { fetchFn } = scriptedFetch(() => json(200, { token_type: "bearer" }));
    const client = clientWith(fetchFn, time);

    const error = await time.run(rejectionOf(client.tokenProvider.getToken()));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toContain("returned no access_token");
  });

  test("a 503 from the login service is retried", async () => {
    const time = new VirtualTime();
    const { fetchFn, requests } = scriptedFetch((_request, index) =>
      index === 0 ? json(503, { message: "unavailable" }) : tokenResponse(index),
    );
    const client = clientWith(fetchFn, time);

    const token = await time.run(client.tokenProvider.getToken());

    expect(token).toBe("issued-token-number-1");
    expect(requests).toHaveLength(2);
    expect(time.clientSleeps).toEqual([250]);
  });

  test("empty client id is a configuration error", () => {
    const create = () =>
      new GenesysClient({
        region: "us_east_1",
        credentials: { clientId: " ", clientSecret: CLIENT_SECRET },
      });

    expect(create).toThrow(ConfigurationError);
    expect(create).toThrow(/clientId/);
  });

  test("no credentials is a configuration error", () => {
    const create = () => new GenesysClient({ region: "us_east_1" });

    expect(create).toThrow(ConfigurationError);
    expect(create).toThrow(/credentials/);
  });
});

describe("given access token", () => {
  test("a 401 is an authentication error without renewal", async () => {
    const time = new VirtualTime();
    const { fetchFn, requests } = scriptedFetch(() =>
      json(401, { message: "Invalid login credentials.", code: "bad.credentials", status: 401 }),
    );
    const client = new GenesysClient({
      region: "http://127.0.0.1:9",
      credentials: { accessToken: "given-user-access-token" },
      fetch: fetchFn,
      clock: time.clock,
      sleep: time.clientSleep,
      timers: time.timers,
    });

    const error = await time.run(rejectionOf(client.request("GET", "/api/v2/users/me")));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).genesysCode).toBe("bad.credentials");
    expect((error as AuthenticationError).hint).toContain("GENESYSCLOUD_ACCESS_TOKEN");
    expect(requests).toHaveLength(1);
    expect(client.tokenProvider.userContext).toBe(true);
  });

  test("userContext false marks a service token", () => {
    const client = new GenesysClient({
      region: "us_east_1",
      credentials: { accessToken: "given-service-access-token", userContext: false },
    });

    expect(client.tokenProvider.userContext).toBe(false);
  });
});
