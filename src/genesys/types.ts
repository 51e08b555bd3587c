/**
 * Public types of the Genesys Cloud client: options, seams for tests (fetch, clock, sleep,
 * timers, random), hooks, and the request and response shapes of the calls API.
 * @module
 */

import type { TokenProvider } from "./auth/token-provider.js";
import type { Logger } from "./logger.js";

/** Current time in milliseconds since the Unix epoch; injected so tests control time. */
export interface Clock {
  now(): number;
}

/** Waits `ms` milliseconds; injected so tests record the delays asked for instead of waiting. */
export type Sleep = (ms: number) => Promise<void>;

/**
 * Timer functions for the per-request timeout. Injected next to `sleep` so a test can fire
 * the timeout in virtual time; the default is the global `setTimeout`/`clearTimeout`.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Client-credentials grant: an OAuth client id and secret. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** An access token obtained elsewhere (for example `GENESYSCLOUD_ACCESS_TOKEN`). */
export interface GivenAccessToken {
  accessToken: string;
  /**
   * Whether the token belongs to a user. Defaults to `true`; set `false` for a token that came
   * from a client-credentials grant, so calls go through the on-behalf-of-user endpoint.
   */
  userContext?: boolean;
}

/** How to treat a phone number with an extension, which `phoneNumber` has no field for. */
export type ExtensionPolicy = "reject" | "tel-uri" | "drop";

/** Rate-limit headers of a Genesys response (`inin-ratelimit-count`, `-allowed`, `-reset`). */
export interface RateLimitInfo {
  /** Requests counted in the current window. */
  count: number;
  /** Requests allowed in the window. */
  allowed: number;
  /** Seconds until the window resets, when the header is present. */
  resetSec?: number;
}

/** One finished HTTP attempt, passed to `hooks.onResponse` (bulk pacing reads `rateLimit`). */
export interface ResponseInfo {
  method: string;
  /** The path without the query string, such as `/api/v2/conversations/calls`. */
  path: string;
  status: number;
  correlationId?: string;
  durationMs: number;
  /** 1 for the first attempt of a request, 2 for the first retry, and so on. */
  attempt: number;
  rateLimit?: RateLimitInfo;
}

export interface ClientHooks {
  /** Called after every attempt that received an HTTP response, including errors and 429s. */
  onResponse?(info: ResponseInfo): void;
}

export interface GenesysClientOptions {
  /**
   * Region name of the official SDK (`us_east_1`), region domain (`mypurecloud.ie`), or a base
   * URL (`http://127.0.0.1:8080`) that serves both login and API, as the emulator does.
   * Defaults to `us_east_1`.
   */
  region?: string;
  credentials?: ClientCredentials | GivenAccessToken;
  /** A ready token provider; takes precedence over `credentials`. */
  tokenProvider?: TokenProvider;
  fetch?: typeof fetch;
  clock?: Clock;
  sleep?: Sleep;
  timers?: Timers;
  /** Returns a number in [0, 1); used for backoff jitter. */
  random?: () => number;
  logger?: Logger;
  /** Per-attempt timeout in milliseconds (default 16 000, as the official JS SDK). */
  timeoutMs?: number;
  /** Longest `Retry-After` the client waits; a longer one fails at once (default 60 000). */
  maxRetryAfterMs?: number;
  /** Attempts per request, the first included (default 4). */
  maxAttempts?: number;
  /** Default country for national phone numbers (ISO 3166-1 alpha-2, such as `US`). */
  defaultCountry?: string;
  extensionPolicy?: ExtensionPolicy;
  /** Renew a client-credentials token this long before it expires (default 60 000). */
  tokenRenewalMarginMs?: number;
  hooks?: ClientHooks;
}

/** Body of `POST /api/v2/conversations/calls` (SDK model `CreateCallRequest`). */
export interface CreateCallRequest {
  phoneNumber?: string;
  callerId?: string;
  callerIdName?: string;
  callFromQueueId?: string;
  callQueueId?: string;
  callUserId?: string;
  priority?: number;
  languageId?: string;
  routingSkillsIds?: string[];
  routingSkillExpression?: string;
  attributes?: Record<string, string>;
  uuiData?: string;
  externalContactId?: string;
  label?: string;
}

/** Options of a call: destination, sender and modifiers, in gcdial's address notation (see `parseAddress`). */
export interface PlaceCallOptions {
  /** The destination: a phone number, `sip:`, `ext:`, `user:`, `queue:` or `contact:` address. */
  to: string;
  /** The sender: a phone number (caller id), `queue:` (call from queue) or `user:` (on behalf). */
  from?: string;
  /** Caller-id number shown to the callee. */
  callerId?: string;
  callerIdName?: string;
  /** Queue the call is placed for: an id, a name, or a `queue:` address. */
  fromQueue?: string;
  /**
   * User the call is placed for: an id, an email, or a `user:` address. With it, any token uses
   * `POST /api/v2/conversations/calls/user/{userId}`; a client-credentials token requires it.
   */
  asUser?: string;
  attributes?: Record<string, string>;
  uuiData?: string;
  label?: string;
  /** Routing priority; only valid when `to` is a queue. */
  priority?: number;
  defaultCountry?: string;
  extensionPolicy?: ExtensionPolicy;
}

/** The request gcdial would send, after parsing and look-ups. */
export interface CallPlan {
  endpoint: { method: "POST"; path: string };
  body: CreateCallRequest;
}

export interface PlacedCall extends CallPlan {
  conversationId: string;
  correlationId?: string;
}

/** One participant of a call conversation (subset of SDK model `CallMediaParticipant`). */
export interface CallParticipant {
  id: string;
  name?: string;
  address?: string;
  purpose?: string;
  state?: string;
  direction?: string;
  disconnectType?: string;
  startTime?: string;
  connectedTime?: string;
  endTime?: string;
  userId?: string;
  queueId?: string;
  externalContactId?: string;
  [field: string]: unknown;
}

/** A call conversation (subset of SDK model `CallConversation`). */
export interface CallConversation {
  id: string;
  participants: CallParticipant[];
  selfUri?: string;
  [field: string]: unknown;
}

/** The call's progress as seen from the far end. */
export type CallPhase = "pending" | "connected" | "ended";

export interface CallStatus {
  conversationId: string;
  phase: CallPhase;
  /** The far-end participant's state and, once ended, its `disconnectType`. */
  remote?: { state?: string; disconnectType?: string };
  conversation: CallConversation;
}

export interface WaitForOptions {
  until: "connected" | "ended";
  /** Give up after this long (default 120 000 ms). */
  timeoutMs?: number;
  /** Called once per poll with the status seen. */
  onState?(status: CallStatus): void;
}
