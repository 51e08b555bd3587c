import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { ConfigurationError, REGION_DOMAINS, resolveEndpoints } from "../src/genesys/index.js";

describe("resolveEndpoints", () => {
  test("every region name of the SDK", () => {
    expect(Object.keys(REGION_DOMAINS)).toHaveLength(18);
    for (const [region, domain] of Object.entries(REGION_DOMAINS)) {
      expect(resolveEndpoints(region)).toEqual({
        region,
        loginUrl: `https://login.${domain}`,
        apiUrl: `https://api.${domain}`,
      });
    }
  });

  test("the table matches the installed SDK", () => {
    // The official SDK is a dev dependency; its region table is the source of REGION_DOMAINS.
    const require = createRequire(import.meta.url);
    const packageDir = dirname(require.resolve("purecloud-platform-client-v2/package.json"));
    const source = readFileSync(
      join(packageDir, "src/purecloud-platform-client-v2/PureCloudRegionHosts.js"),
      "utf8",
    );
    const entries = [...source.matchAll(/(\w+): '([^']+)'/g)].map((match) => [match[1], match[2]]);

    expect(Object.fromEntries(entries)).toEqual(REGION_DOMAINS);
  });

  test("default is us_east_1", () => {
    expect(resolveEndpoints(undefined).apiUrl).toBe("https://api.mypurecloud.com");
  });

  test("names ignore case and dashes", () => {
    expect(resolveEndpoints("EU-WEST-1").region).toBe("eu_west_1");
    expect(resolveEndpoints(" ap_southeast_2 ").loginUrl).toBe("https://login.mypurecloud.com.au");
  });

  test("domains, with or without a host prefix", () => {
    expect(resolveEndpoints("mypurecloud.ie")).toEqual({
      region: "eu_west_1",
      loginUrl: "https://login.mypurecloud.ie",
      apiUrl: "https://api.mypurecloud.ie",
    });
    expect(resolveEndpoints("api.usw2.pure.cloud").region).toBe("us_west_2");
    expect(resolveEndpoints("login.cac1.pure.cloud").region).toBe("ca_central_1");
  });

  test("a base URL serves login and API", () => {
    expect(resolveEndpoints("http://127.0.0.1:8080/")).toEqual({
      loginUrl: "http://127.0.0.1:8080",
      apiUrl: "http://127.0.0.1:8080",
    });
    expect(resolveEndpoints("https://gateway.example.com/genesys/").apiUrl).toBe(
      "https://gateway.example.com/genesys",
    );
  });

  test("an unknown region lists the valid names", () => {
    const resolve = () => resolveEndpoints("us-east-9");

    expect(resolve).toThrow(ConfigurationError);
    try {
      resolve();
    } catch (error) {
      const configuration = error as ConfigurationError;
      expect(configuration.code).toBe("config.invalid_region");
      expect(configuration.message).toContain('"us-east-9"');
      expect(configuration.hint).toContain("us_east_1");
      expect(configuration.hint).toContain("eusc_de_east_1");
      expect(configuration.hint).toContain("GENESYSCLOUD_REGION");
    }
  });

  test("a base URL with credentials is refused", () => {
    expect(() => resolveEndpoints("http://user:pass@127.0.0.1:8080")).toThrow(
      /must not carry credentials/,
    );
    expect(() => resolveEndpoints("http://127.0.0.1:8080/?x=1")).toThrow(ConfigurationError);
  });

  test("a malformed base URL is refused", () => {
    expect(() => resolveEndpoints("http://")).toThrow(/not a valid URL/);
  });
});
