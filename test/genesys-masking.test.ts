import { describe, expect, test } from "vitest";
import {
  createLogger,
  type Logger,
  maskCredentialPatterns,
  SecretRegistry,
} from "../src/genesys/index.js";
import { maskingLogger } from "../src/genesys/logger.js";

describe("maskCredentialPatterns", () => {
  test.each([
    ["Authorization: Bearer abc.def-123", "Authorization: Bearer ***"],
    ["authorization: bearer abc", "authorization: bearer ***"],
    ['"authorization": "Basic Zm9vOmJhcg=="', '"authorization": "Basic ***"'],
    ['{"access_token":"tok123","expires_in":5}', '{"access_token":"***","expires_in":5}'],
    [
      "grant_type=client_credentials&client_secret=s3cr3t&x=1",
      "grant_type=client_credentials&client_secret=***&x=1",
    ],
    ["refresh_token=abc", "refresh_token=***"],
    ['{"clientSecret": "xyz"}', '{"clientSecret": "***"}'],
  ])("%s", (input, expected) => {
    expect(maskCredentialPatterns(input)).toBe(expected);
  });

  test("leaves ordinary text alone", () => {
    const text = "POST /api/v2/conversations/calls 200 durationMs=12";

    expect(maskCredentialPatterns(text)).toBe(text);
  });
});

describe("SecretRegistry", () => {
  test("masks registered values anywhere", () => {
    const secrets = new SecretRegistry();
    secrets.add("s3cr3t-value-1");

    expect(secrets.mask("x=s3cr3t-value-1;y=s3cr3t-value-1")).toBe("x=***;y=***");
  });

  test("ignores values too short to search for", () => {
    const secrets = new SecretRegistry();
    secrets.add("abc");
    secrets.add(undefined);

    expect(secrets.mask("abc abc")).toBe("abc abc");
  });
});

describe("createLogger", () => {
  function capture(options: Parameters<typeof createLogger>[0] = {}): {
    logger: Logger;
    lines: string[];
  } {
    const lines: string[] = [];
    const logger = createLogger({
      timestamps: false,
      write: (line) => lines.push(line),
      ...options,
    });
    return { logger, lines };
  }

  test("is silent by default", () => {
    const { logger, lines } = capture();

    logger.error("failed");

    expect(lines).toEqual([]);
  });

  test("drops lines below the level", () => {
    const { logger, lines } = capture({ level: "warn" });

    logger.debug("d");
    logger.info("i");
    logger.warn("w");
    logger.error("e");

    expect(lines).toEqual(["WARN w", "ERROR e"]);
  });

  test("writes fields as key=value", () => {
    const { logger, lines } = capture({ level: "info" });

    logger.info("POST /api/v2/conversations/calls", {
      status: 200,
      durationMs: 12,
      correlationId: "c0ffee00-0000-4000-8000-000000000001",
      skipped: undefined,
      reason: "a read is safe",
    });

    expect(lines).toEqual([
      'INFO POST /api/v2/conversations/calls status=200 durationMs=12 correlationId=c0ffee00-0000-4000-8000-000000000001 reason="a read is safe"',
    ]);
  });

  test("masks credentials in messages and fields", () => {
    const { logger, lines } = capture({ level: "debug" });

    logger.debug("sent Authorization: Bearer abc.def", { body: "client_secret=xyz" });

    expect(lines).toEqual(['DEBUG sent Authorization: Bearer *** body="client_secret=***"']);
  });

  test("masks phone numbers unless asked not to", () => {
    const masked = capture({ level: "info" });
    const shown = capture({ level: "info", showPhoneNumbers: true });

    masked.logger.info("dialling", { to: "+12015550123" });
    shown.logger.info("dialling", { to: "+12015550123" });

    expect(masked.lines).toEqual(["INFO dialling to=+1201*****23"]);
    expect(shown.lines).toEqual(["INFO dialling to=+12015550123"]);
  });

  test("adds an ISO time stamp", () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: "info",
      write: (line) => lines.push(line),
      now: () => Date.UTC(2026, 0, 5, 9),
    });

    logger.info("started");

    expect(lines).toEqual(["2026-01-05T09:00:00.000Z INFO started"]);
  });
});

describe("maskingLogger", () => {
  test("skips masking of dropped lines", () => {
    const lines: string[] = [];
    const masked: string[] = [];
    const inner = createLogger({ level: "warn", write: (line) => lines.push(line) });
    const logger = maskingLogger(inner, (text) => {
      masked.push(text);
      return text.replaceAll("secret-1", "***");
    });

    logger.debug("debug line secret-1");
    logger.warn("warn line secret-1");

    expect(masked).toEqual(["warn line secret-1"]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("warn line ***");
  });
});
