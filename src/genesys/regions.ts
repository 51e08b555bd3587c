/**
 * Genesys Cloud regions and the login and API hosts derived from one setting.
 * @module
 */

import { ConfigurationError } from "./errors.js";

/**
 * Region names and domains, as in `PureCloudRegionHosts.js` of the official JS SDK
 * (purecloud-platform-client-v2 262.0.0). The login host is `login.<domain>` and the API host
 * `api.<domain>` (the SDK's `configuration.js`).
 */
export const REGION_DOMAINS: Readonly<Record<string, string>> = {
  us_east_1: "mypurecloud.com",
  eu_west_1: "mypurecloud.ie",
  ap_southeast_2: "mypurecloud.com.au",
  ap_northeast_1: "mypurecloud.jp",
  eu_central_1: "mypurecloud.de",
  us_west_2: "usw2.pure.cloud",
  ca_central_1: "cac1.pure.cloud",
  ap_northeast_2: "apne2.pure.cloud",
  eu_west_2: "euw2.pure.cloud",
  ap_south_1: "aps1.pure.cloud",
  us_east_2: "use2.us-gov-pure.cloud",
  sa_east_1: "sae1.pure.cloud",
  me_central_1: "mec1.pure.cloud",
  ap_northeast_3: "apne3.pure.cloud",
  eu_central_2: "euc2.pure.cloud",
  mx_central_1: "mxc1.pure.cloud",
  ap_southeast_1: "apse1.pure.cloud",
  eusc_de_east_1: "edee1.eusc-pure.cloud",
};

export const DEFAULT_REGION = "us_east_1";

/** Base URLs of the client's token requests and API requests. */
export interface Endpoints {
  /** Region name when the setting named or matched one; absent for a base URL. */
  region?: string;
  /** Origin of `/oauth/token`, such as `https://login.mypurecloud.com`; no trailing slash. */
  loginUrl: string;
  /** Origin of `/api/v2/...`, such as `https://api.mypurecloud.com`; no trailing slash. */
  apiUrl: string;
}

/**
 * Resolves a region setting: a region name (`eu_west_1`, case and `-`/`_` ignored), a region
 * domain (`mypurecloud.ie`, also with a leading `api.` or `login.`), or a base URL
 * (`http://127.0.0.1:8080`) that serves login and API on one origin, as the emulator and
 * gateways do. Both hosts come from this one setting, so they cannot point at different regions.
 * @throws ConfigurationError for anything else, listing the valid names.
 */
export function resolveEndpoints(setting: string | undefined): Endpoints {
  const value = (setting ?? DEFAULT_REGION).trim();
  if (/^https?:\/\//i.test(value)) {
    return endpointsFromBaseUrl(value);
  }

  const name = value.toLowerCase().replaceAll("-", "_");
  const domainOfName = REGION_DOMAINS[name];
  if (domainOfName !== undefined) {
    return endpointsFromDomain(domainOfName, name);
  }

  const domain = value.toLowerCase().replace(/^(api|login)\./, "");
  const regionOfDomain = Object.entries(REGION_DOMAINS).find(([, known]) => known === domain);
  if (regionOfDomain !== undefined) {
    return endpointsFromDomain(domain, regionOfDomain[0]);
  }

  throw new ConfigurationError(`Unknown Genesys Cloud region ${JSON.stringify(value)}.`, {
    code: "config.invalid_region",
    option: "region",
    hint: `Set GENESYSCLOUD_REGION (or --region) to one of ${Object.keys(REGION_DOMAINS).join(", ")}, to a region domain such as mypurecloud.ie, or to a base URL such as http://127.0.0.1:8080.`,
  });
}

function endpointsFromDomain(domain: string, region: string): Endpoints {
  return { region, loginUrl: `https://login.${domain}`, apiUrl: `https://api.${domain}` };
}

function endpointsFromBaseUrl(value: string): Endpoints {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`The base URL ${JSON.stringify(value)} is not a valid URL.`, {
      code: "config.invalid_region",
      option: "region",
      hint: "Write a base URL as scheme, host and port, such as http://127.0.0.1:8080.",
    });
  }

  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    throw new ConfigurationError(
      `The base URL ${JSON.stringify(url.origin)} must not carry credentials, a query or a fragment.`,
      {
        code: "config.invalid_region",
        option: "region",
        hint: "Give only scheme, host, port and an optional path prefix; credentials go in GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET.",
      },
    );
  }

  const base = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  return { loginUrl: base, apiUrl: base };
}
