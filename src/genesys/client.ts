/**
 * `GenesysClient`: one configured connection to a Genesys Cloud org (or the emulator).
 * @module
 */

import { AccessTokenProvider } from "./auth/access-token.js";
import { ClientCredentialsProvider } from "./auth/client-credentials.js";
import type { TokenProvider } from "./auth/token-provider.js";
import { Calls } from "./calls/calls.js";
import { Directory } from "./directory.js";
import { ConfigurationError } from "./errors.js";
import { maskingLogger, silentLogger } from "./logger.js";
import { SecretRegistry } from "./masking.js";
import { type Endpoints, resolveEndpoints } from "./regions.js";
import {
  type ApiRequestOptions,
  type ApiResponse,
  ApiTransport,
} from "./transport/api-transport.js";
import type { HttpDependencies } from "./transport/http-client.js";
import { nodeHttpFetch } from "./transport/node-http-fetch.js";
import { PauseGate } from "./transport/pause-gate.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./transport/retry-policy.js";
import type { Clock, GenesysClientOptions, Sleep, Timers } from "./types.js";

/** Per-attempt timeout, as the official JS SDK's default HTTP timeout. */
export const DEFAULT_TIMEOUT_MS = 16_000;

const systemClock: Clock = { now: () => Date.now() };

const systemSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A client for the Genesys Cloud Platform API v2: tokens, retries, the shared rate-limit pause,
 * directory look-ups and calls.
 *
 * One client shares one token cache and one pause gate among all its requests, so bulk workers
 * should share one client: while a `Retry-After` runs, none of them sends.
 *
 * @example
 * const client = new GenesysClient({
 *   region: "eu_west_1",
 *   credentials: { clientId, clientSecret },
 * });
 * const call = await client.calls.place({ to: "+44 20 7946 0123", asUser: "alice@example.com" });
 */
export class GenesysClient {
  /** Place, read, wait for and disconnect calls. */
  readonly calls: Calls;
  /** Users by email, queues by name, external contacts. */
  readonly directory: Directory;
  /** Login and API origins derived from `region`. */
  readonly endpoints: Endpoints;
  readonly tokenProvider: TokenProvider;
  readonly #api: ApiTransport;
  readonly #secrets: SecretRegistry;
  readonly #gate: PauseGate;

  /**
   * @throws ConfigurationError for an unknown region, missing credentials or an invalid
   *   numeric option.
   */
  constructor(options: GenesysClientOptions) {
    this.endpoints = resolveEndpoints(options.region);
    this.#secrets = new SecretRegistry();
    const mask = (text: string) => this.#secrets.mask(text);
    const clock = options.clock ?? systemClock;
    const sleep = options.sleep ?? systemSleep;
    this.#gate = new PauseGate(clock, sleep);

    const http: HttpDependencies = {
      fetch: options.fetch ?? nodeHttpFetch,
      clock,
      sleep,
      timers: options.timers ?? systemTimers,
      random: options.random ?? Math.random,
      policy: retryPolicyOf(options),
      timeoutMs: positive(options.timeoutMs, "timeoutMs") ?? DEFAULT_TIMEOUT_MS,
      gate: this.#gate,
      logger: maskingLogger(options.logger ?? silentLogger, mask),
      hooks: options.hooks ?? {},
      mask,
    };

    this.tokenProvider = tokenProviderOf(options, this.endpoints, this.#secrets, http);
    this.#api = new ApiTransport(this.endpoints.apiUrl, this.tokenProvider, http);
    this.directory = new Directory(this.#api);
    this.calls = new Calls({
      api: this.#api,
      directory: this.directory,
      logger: http.logger,
      ...(options.defaultCountry === undefined ? {} : { defaultCountry: options.defaultCountry }),
      ...(options.extensionPolicy === undefined
        ? {}
        : { extensionPolicy: options.extensionPolicy }),
    });
  }

  /**
   * Sends any Platform API v2 request with this client's token, retries and pause gate.
   * `kind: "create-call"` marks a request that must not be repeated after an unknown outcome.
   */
  request<T>(method: string, path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>> {
    return this.#api.request<T>(method, path, options);
  }

  /** Milliseconds left of the current `Retry-After` pause; 0 when requests flow. */
  pausedForMs(): number {
    return this.#gate.remainingMs();
  }

  /** Masks this client's secrets and tokens, and credential-shaped text, in `text`. */
  maskSecrets(text: string): string {
    return this.#secrets.mask(text);
  }
}

function tokenProviderOf(
  options: GenesysClientOptions,
  endpoints: Endpoints,
  secrets: SecretRegistry,
  http: HttpDependencies,
): TokenProvider {
  if (options.tokenProvider !== undefined) {
    return options.tokenProvider;
  }

  const credentials = options.credentials;
  if (credentials !== undefined && "accessToken" in credentials) {
    const userContext = credentials.userContext;
    return new AccessTokenProvider(
      credentials.accessToken,
      secrets,
      userContext === undefined ? {} : { userContext },
    );
  }

  if (credentials !== undefined && "clientId" in credentials) {
    const marginMs = positive(options.tokenRenewalMarginMs, "tokenRenewalMarginMs", true);
    return new ClientCredentialsProvider({
      loginUrl: endpoints.loginUrl,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      ...(marginMs === undefined ? {} : { renewalMarginMs: marginMs }),
      secrets,
      http,
    });
  }

  throw new ConfigurationError("No Genesys Cloud credentials were given.", {
    code: "config.missing_credentials",
    option: "credentials",
    hint: "Set GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET (client credentials), or GENESYSCLOUD_ACCESS_TOKEN.",
  });
}

function retryPolicyOf(options: GenesysClientOptions): RetryPolicy {
  const maxAttempts = positive(options.maxAttempts, "maxAttempts");
  if (maxAttempts !== undefined && !Number.isInteger(maxAttempts)) {
    throw invalidNumber("maxAttempts", maxAttempts);
  }

  return {
    ...DEFAULT_RETRY_POLICY,
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
    ...(options.maxRetryAfterMs === undefined
      ? {}
      : { maxRetryAfterMs: positive(options.maxRetryAfterMs, "maxRetryAfterMs", true) ?? 0 }),
  };
}

function positive(
  value: number | undefined,
  option: string,
  zeroAllowed = false,
): number | undefined {
  if (value === undefined) {
    return undefined;
  }

  const valid =
    typeof value === "number" && Number.isFinite(value) && (zeroAllowed ? value >= 0 : value > 0);
  if (!valid) {
    throw invalidNumber(option, value);
  }
  return value;
}

function invalidNumber(option: string, value: unknown): ConfigurationError {
  return new ConfigurationError(
    `${option} must be a positive number, not ${JSON.stringify(value)}.`,
    {
      code: "config.invalid_option",
      option,
      hint: `Give ${option} as a number${option.endsWith("Ms") ? " of milliseconds" : ""}.`,
    },
  );
}
