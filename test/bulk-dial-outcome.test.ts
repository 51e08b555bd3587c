import { describe, expect, it } from "vitest";
import { AddressError } from "../src/address/index.js";
import { classifyDialError } from "../src/bulk/dial-outcome.js";
import {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConnectionError,
  GenesysApiError,
  NotFoundError,
  OutcomeUnknownError,
  PermissionError,
  RateLimitError,
} from "../src/genesys/errors.js";

const POST = { method: "POST", path: "/api/v2/conversations/calls/user/u1", attempts: 1 };

describe("dial outcome", () => {
  it.each([
    [
      "timeout after sending",
      new OutcomeUnknownError({
        ...POST,
        endpoint: "http://x",
        known: { reason: "timeout", timeoutMs: 16000 },
      }),
      "unknown",
    ],
    [
      "400 bad request",
      new BadRequestError({ ...POST, status: 400, genesysCode: "bad.request" }),
      "failed",
    ],
    [
      "200 without an id",
      new GenesysApiError({ ...POST, status: 200, code: "genesys.invalid_response" }),
      "unknown",
    ],
    ["502 reaching here", new GenesysApiError({ ...POST, status: 502 }), "unknown"],
    ["401", new AuthenticationError({ ...POST, status: 401 }), "not_sent"],
    ["403", new PermissionError({ ...POST, status: 403 }), "not_sent"],
    [
      "429 over the cap",
      new RateLimitError({ ...POST, status: 429, retryAfterMs: 120_000 }),
      "not_sent",
    ],
    ["404", new NotFoundError({ ...POST, status: 404 }), "not_sent"],
    [
      "connection refused",
      new ConnectionError({ ...POST, host: "127.0.0.1:9", causeCode: "ECONNREFUSED" }),
      "not_sent",
    ],
    [
      "bad option",
      new ConfigurationError("bad", { code: "call.invalid_option", hint: "fix" }),
      "not_sent",
    ],
    [
      "address rejected",
      new AddressError({ code: "phone.invalid", message: "bad", hint: "fix", input: "1" }),
      "failed",
    ],
    ["a bug", new TypeError("cannot read properties of undefined"), "unknown"],
  ])("classifies %s", (_name, error, outcome) => {
    expect(classifyDialError(error).outcome).toBe(outcome);
  });

  it("keeps the correlation id", () => {
    const error = new OutcomeUnknownError({
      ...POST,
      endpoint: "http://x",
      known: { reason: "server-error", status: 503 },
      correlationId: "corr-9",
    });

    expect(classifyDialError(error).error).toMatchObject({
      code: "genesys.outcome_unknown",
      correlationId: "corr-9",
    });
  });

  it("masks numbers in messages", () => {
    const failure = classifyDialError(new Error("socket closed while calling +12015550123"));

    expect(failure.error.message).not.toContain("+12015550123");
  });
});
