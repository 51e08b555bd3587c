import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultProfilePath, readProfile, resolveConfig } from "../src/cli/config.js";
import { exitCodeFor, UsageError } from "../src/cli/report-error.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "gcdial-config-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeProfile(content: unknown, mode = 0o600, name = "profile.json"): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  chmodSync(file, mode);
  return file;
}

/** Run `action`, expect a UsageError, and return it. */
function usageErrorOf(action: () => unknown): UsageError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }

  throw new Error("expected a UsageError, but nothing was thrown");
}

const posixOnly = process.platform === "win32" ? it.skip : it;

describe("resolveConfig precedence", () => {
  it("takes the region flag over env and profile", () => {
    const profile = writeProfile({ region: "eu_west_1", accessToken: "profile-token-1" });
    const config = resolveConfig(
      { region: "us_east_1", profile },
      { GENESYSCLOUD_REGION: "mypurecloud.de" },
    );

    expect(config.region).toBe("us_east_1");
    expect(config.regionSource).toBe("flag");
  });

  it("takes the env region over the profile", () => {
    const profile = writeProfile({ region: "eu_west_1", accessToken: "profile-token-1" });
    const config = resolveConfig({ profile }, { GENESYSCLOUD_REGION: "mypurecloud.de" });

    expect(config.region).toBe("mypurecloud.de");
    expect(config.regionSource).toBe("env");
  });

  it("falls back to the profile region", () => {
    const profile = writeProfile({ region: "eu_west_1", accessToken: "profile-token-1" });
    const config = resolveConfig({ profile }, {});

    expect(config.region).toBe("eu_west_1");
    expect(config.regionSource).toBe("profile");
    expect(config.profilePath).toBe(profile);
  });

  it("takes env credentials over profile credentials as a whole", () => {
    const profile = writeProfile({ clientId: "profile-id", clientSecret: "profile-secret" });
    const config = resolveConfig(
      { profile },
      { GENESYSCLOUD_OAUTHCLIENT_ID: "env-id", GENESYSCLOUD_OAUTHCLIENT_SECRET: "env-secret" },
    );

    expect(config.credentials).toEqual({
      kind: "client-credentials",
      clientId: "env-id",
      clientSecret: "env-secret",
    });
    expect(config.credentialsSource).toBe("env");
  });

  it("uses profile credentials when env has none", () => {
    const profile = writeProfile({ clientId: "profile-id", clientSecret: "profile-secret" });
    const config = resolveConfig({ profile }, { GENESYSCLOUD_REGION: "eu_west_1" });

    expect(config.credentials).toEqual({
      kind: "client-credentials",
      clientId: "profile-id",
      clientSecret: "profile-secret",
    });
    expect(config.credentialsSource).toBe("profile");
  });

  it("prefers an env access token over env client credentials", () => {
    const config = resolveConfig(
      {},
      {
        GENESYSCLOUD_ACCESS_TOKEN: "env-token-123",
        GENESYSCLOUD_OAUTHCLIENT_ID: "env-id",
        GENESYSCLOUD_OAUTHCLIENT_SECRET: "env-secret",
        XDG_CONFIG_HOME: dir,
      },
    );

    expect(config.credentials).toEqual({ kind: "access-token", accessToken: "env-token-123" });
  });

  it("treats blank env values as unset", () => {
    const profile = writeProfile({ region: "eu_west_1", accessToken: "profile-token-1" });
    const config = resolveConfig(
      { profile },
      { GENESYSCLOUD_REGION: "  ", GENESYSCLOUD_ACCESS_TOKEN: "" },
    );

    expect(config.region).toBe("eu_west_1");
    expect(config.credentials).toEqual({ kind: "access-token", accessToken: "profile-token-1" });
  });

  it("reads GCDIAL_PROFILE when no flag names a profile", () => {
    const profile = writeProfile({ region: "mypurecloud.jp" });
    const config = resolveConfig({}, { GCDIAL_PROFILE: profile });

    expect(config.region).toBe("mypurecloud.jp");
    expect(config.credentials).toBeUndefined();
  });

  it("reads the default profile under XDG_CONFIG_HOME", () => {
    const env = { XDG_CONFIG_HOME: dir };
    const file = defaultProfilePath(env);
    expect(file).toBe(join(dir, "gcdial", "profile.json"));

    mkdirSync(join(dir, "gcdial"));
    writeFileSync(file, JSON.stringify({ region: "usw2.pure.cloud" }));
    chmodSync(file, 0o600);

    expect(resolveConfig({}, env).region).toBe("usw2.pure.cloud");
  });

  it("ignores a missing default profile", () => {
    const config = resolveConfig({}, { XDG_CONFIG_HOME: dir });

    expect(config.region).toBeUndefined();
    expect(config.credentials).toBeUndefined();
    expect(config.profilePath).toBeUndefined();
  });
});

describe("resolveConfig errors", () => {
  it("rejects a client id without its secret", () => {
    const error = usageErrorOf(() =>
      resolveConfig({}, { GENESYSCLOUD_OAUTHCLIENT_ID: "env-id", XDG_CONFIG_HOME: dir }),
    );

    expect(error.code).toBe("config.incomplete_credentials");
    expect(error.message).toContain("GENESYSCLOUD_OAUTHCLIENT_SECRET");
    expect(exitCodeFor(error)).toBe(2);
  });

  it("rejects a secret without its client id", () => {
    const error = usageErrorOf(() =>
      resolveConfig({}, { GENESYSCLOUD_OAUTHCLIENT_SECRET: "env-secret", XDG_CONFIG_HOME: dir }),
    );

    expect(error.code).toBe("config.incomplete_credentials");
    expect(error.message).toContain("GENESYSCLOUD_OAUTHCLIENT_ID");
  });

  it("rejects a named profile that does not exist", () => {
    const missing = join(dir, "nope.json");
    const error = usageErrorOf(() => resolveConfig({ profile: missing }, {}));

    expect(error.code).toBe("config.profile_unreadable");
    expect(error.message).toContain(missing);
  });
});

describe("readProfile", () => {
  posixOnly("rejects a profile readable by others, with the chmod fix", () => {
    const file = writeProfile({ clientId: "id", clientSecret: "secret-value" }, 0o644);
    const error = usageErrorOf(() => readProfile(file));

    expect(error.code).toBe("config.profile_mode");
    expect(error.message).toContain("0644");
    expect(error.hint).toBe(`Run: chmod 600 ${file}`);
  });

  posixOnly("rejects a group-readable profile", () => {
    const file = writeProfile({ region: "eu_west_1" }, 0o640);

    expect(usageErrorOf(() => readProfile(file)).code).toBe("config.profile_mode");
  });

  posixOnly("accepts an owner-only profile", () => {
    const file = writeProfile({ region: "eu_west_1" }, 0o400);

    expect(readProfile(file)).toEqual({ region: "eu_west_1" });
  });

  it("names the file when the JSON is malformed", () => {
    const file = writeProfile('{"region": "eu_west_1",');
    const error = usageErrorOf(() => readProfile(file));

    expect(error.code).toBe("config.profile_invalid");
    expect(error.message).toContain(file);
    expect(error.message).toContain("not valid JSON");
  });

  it("names the field of the wrong type without echoing its value", () => {
    const file = writeProfile({ region: "eu_west_1", clientSecret: 12345678 });
    const error = usageErrorOf(() => readProfile(file));

    expect(error.message).toContain(file);
    expect(error.message).toContain('"clientSecret"');
    expect(error.message).toContain("a number");
    expect(error.message).not.toContain("12345678");
  });

  it("names an unknown field", () => {
    const file = writeProfile({ region: "eu_west_1", clientSecrt: "oops" });
    const error = usageErrorOf(() => readProfile(file));

    expect(error.message).toContain('"clientSecrt"');
    expect(error.hint).toContain("clientSecret");
  });

  it("rejects a JSON array", () => {
    const file = writeProfile([{ region: "eu_west_1" }]);

    expect(usageErrorOf(() => readProfile(file)).message).toContain("JSON object");
  });

  it("names the missing half of client credentials", () => {
    const file = writeProfile({ clientId: "profile-id" });
    const error = usageErrorOf(() => resolveConfig({ profile: file }, {}));

    expect(error.message).toContain('"clientSecret"');
    expect(error.message).toContain(file);
  });
});
