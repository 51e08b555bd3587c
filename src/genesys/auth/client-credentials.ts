/**
 * Client-credentials grant: `POST {login}/oauth/token` with HTTP Basic `clientId:clientSecret`
 * and the form body `grant_type=client_credentials`, as the official JS SDK sends it
 * (purecloud-platform-client-v2 `ApiClient.js`).
 * @module
 */

import { ConfigurationError } from "../errors.js";
import type { SecretRegistry } from "../masking.js";
import type { FailedResponse } from "../transport/error-body.js";
import { type HttpDependencies, sendWithRetries } from "../transport/http-client.js";
import type { TokenProvider } from "./token-provider.js";
import { parseTokenResponse, tokenErrorFromResponse } from "./token-response.js";

export interface ClientCredentialsOptions {
  /** Origin of the login service, such as `https://login.mypurecloud.com`. */
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  /** Renew this long before `expires_in` runs out; halved lifetimes cap it (default 60 000). */
  renewalMarginMs?: number;
  /** Known secrets; the provider adds the client secret and every token it is issued. */
  secrets: SecretRegistry;
  http: HttpDependencies;
}

interface CachedToken {
  value: string;
  renewAtMs: number;
}

export const DEFAULT_RENEWAL_MARGIN_MS = 60_000;

/**
 * Tokens from the client-credentials grant, cached until a margin before they expire.
 *
 * Concurrency contract: at most one token request is in flight per provider. Every caller that
 * needs a token while one is being fetched awaits that same request (single flight), and all
 * of them get its token or its error. A failed request is not cached, so the next caller
 * tries again. After an API 401, `renewAfterRejection` fetches a new token only if the rejected
 * one is still the cached one. When another caller has already renewed it, the newer token is
 * returned without a second request.
 */
export class ClientCredentialsProvider implements TokenProvider {
  readonly userContext = false;
  readonly #options: ClientCredentialsOptions;
  readonly #marginMs: number;
  #cached: CachedToken | undefined;
  #inFlight: Promise<string> | undefined;

  constructor(options: ClientCredentialsOptions) {
    checkCredential("clientId", options.clientId, "GENESYSCLOUD_OAUTHCLIENT_ID");
    checkCredential("clientSecret", options.clientSecret, "GENESYSCLOUD_OAUTHCLIENT_SECRET");
    this.#options = options;
    this.#marginMs = options.renewalMarginMs ?? DEFAULT_RENEWAL_MARGIN_MS;
    options.secrets.add(options.clientSecret);
    options.secrets.add(basicCredential(options.clientId, options.clientSecret));
  }

  getToken(): Promise<string> {
    const cached = this.#cached;
    if (cached !== undefined && this.#options.http.clock.now() < cached.renewAtMs) {
      return Promise.resolve(cached.value);
    }

    return this.#fetchShared();
  }

  renewAfterRejection(rejectedToken: string): Promise<string> {
    const cached = this.#cached;
    if (cached !== undefined && cached.value !== rejectedToken) {
      return this.getToken();
    }

    this.#cached = undefined;
    return this.#fetchShared();
  }

  #fetchShared(): Promise<string> {
    if (this.#inFlight === undefined) {
      this.#inFlight = this.#requestToken().finally(() => {
        this.#inFlight = undefined;
      });
    }
    return this.#inFlight;
  }

  async #requestToken(): Promise<string> {
    const { http, loginUrl, clientId, clientSecret, secrets } = this.#options;
    const requestedAtMs = http.clock.now();
    const result = await sendWithRetries(http, {
      method: "POST",
      url: `${loginUrl}/oauth/token`,
      path: "/oauth/token",
      kind: "read",
      headers: {
        authorization: `Basic ${basicCredential(clientId, clientSecret)}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ grant_type: "client_credentials" }).toString(),
      errorForResponse: (failed: FailedResponse) => tokenErrorFromResponse(failed),
    });

    const token = parseTokenResponse(result, secrets);
    // Lifetimes count from when the request was sent, so the token is never older than we think.
    const lifetimeMs = token.expiresInSec * 1000;
    const marginMs = Math.min(this.#marginMs, lifetimeMs / 2);
    this.#cached = { value: token.accessToken, renewAtMs: requestedAtMs + lifetimeMs - marginMs };
    return token.accessToken;
  }
}

function basicCredential(clientId: string, clientSecret: string): string {
  return Buffer.from(`${clientId}:${clientSecret}`, "utf8").toString("base64");
}

function checkCredential(option: string, value: string, envName: string): void {
  if (typeof value === "string" && value.trim() !== "") {
    return;
  }

  throw new ConfigurationError(`The OAuth client ${option} is empty.`, {
    code: "config.missing_credentials",
    option,
    hint: `Set ${envName} (client credentials come from an OAuth client of grant type Client Credentials in Genesys Cloud Admin > OAuth).`,
  });
}
