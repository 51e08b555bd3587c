/**
 * JSON requests to the Platform API v2, authorised by the client's token provider.
 * @module
 */

import type { TokenProvider } from "../auth/token-provider.js";
import { GenesysApiError } from "../errors.js";
import { type HttpDependencies, sendWithRetries } from "./http-client.js";
import type { RequestKind } from "./retry-policy.js";

export interface ApiResponse<T> {
  status: number;
  body: T;
  correlationId: string | undefined;
  attempts: number;
  headers: Headers;
}

export type QueryValue = string | number | boolean | undefined;

export interface ApiRequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Default: `read` (safe to repeat). */
  kind?: RequestKind;
}

/** Sends API requests for one client: one token provider, one pause gate, one retry policy. */
export class ApiTransport {
  readonly apiUrl: string;
  readonly tokenProvider: TokenProvider;
  readonly #http: HttpDependencies;

  constructor(apiUrl: string, tokenProvider: TokenProvider, http: HttpDependencies) {
    this.apiUrl = apiUrl;
    this.tokenProvider = tokenProvider;
    this.#http = http;
  }

  get http(): HttpDependencies {
    return this.#http;
  }

  /**
   * Sends `method path` and parses the JSON response (an empty body, such as that of a 202, gives
   * `undefined` as body).
   */
  async request<T>(
    method: string,
    path: string,
    options: ApiRequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }

    const provider = this.tokenProvider;
    const result = await sendWithRetries(this.#http, {
      method,
      url: `${this.apiUrl}${path}${queryString(options.query)}`,
      path,
      kind: options.kind ?? "read",
      headers,
      ...(body === undefined ? {} : { body }),
      auth: {
        getToken: () => provider.getToken(),
        ...(provider.renewAfterRejection === undefined
          ? {}
          : {
              renewAfterRejection: (rejected: string) =>
                provider.renewAfterRejection?.(rejected) ?? provider.getToken(),
            }),
      },
    });

    return {
      status: result.status,
      body: parseJson<T>(result.bodyText, method, path, result),
      correlationId: result.correlationId,
      attempts: result.attempts,
      headers: result.headers,
    };
  }
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (query === undefined) {
    return "";
  }

  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

function parseJson<T>(
  bodyText: string,
  method: string,
  path: string,
  result: { status: number; attempts: number; correlationId: string | undefined },
): T {
  if (bodyText.trim() === "") {
    return undefined as T;
  }

  try {
    return JSON.parse(bodyText) as T;
  } catch {
    throw new GenesysApiError({
      method,
      path,
      status: result.status,
      attempts: result.attempts,
      ...(result.correlationId === undefined ? {} : { correlationId: result.correlationId }),
      code: "genesys.invalid_response",
      message: `${method} ${path} returned HTTP ${result.status} with a body that is not JSON`,
      hint: "Check that the region or base URL points at Genesys Cloud (or the emulator), not at a proxy page.",
    });
  }
}

/** Encodes one path segment (an id from user input must not add path segments). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
