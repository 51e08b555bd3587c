import { describe, expect, test } from "vitest";
import { findErrorCode } from "../src/genesys/transport/attempt.js";

describe("findErrorCode", () => {
  test("reads the code of undici's cause", () => {
    const error = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
        code: "ECONNREFUSED",
      }),
    });

    expect(findErrorCode(error)).toBe("ECONNREFUSED");
  });

  test("reads a code inside an AggregateError", () => {
    const inner = Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    const error = new TypeError("fetch failed", { cause: new AggregateError([inner]) });

    expect(findErrorCode(error)).toBe("ENOTFOUND");
  });

  test("names a port that fetch refuses to dial", async () => {
    // Port 1 is on the Fetch standard's list of bad ports: Node's fetch rejects it without
    // opening a connection, so nothing is sent anywhere.
    const error = await fetch("http://127.0.0.1:1/").catch((caught: unknown) => caught);

    expect(findErrorCode(error)).toBe("FETCH_BAD_PORT");
  });

  test("returns undefined without a code", () => {
    expect(findErrorCode(new Error("other"))).toBeUndefined();
  });
});
