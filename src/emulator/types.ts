/** Milliseconds since the Unix epoch, injected so that tests control time. */
export interface Clock {
  now(): number;
}

/** Waits the given number of milliseconds; injected so that tests can skip real waits. */
export type Sleep = (ms: number) => Promise<void>;

/** Behaviour of the far end of a created call once it has rung for `dialingMs`. */
export type CallOutcome = "answered" | "busy" | "no-answer" | "failed";

/**
 * Rules of the emulated dial plan for `phoneNumber` and conference `participants[].address`.
 * Genesys documents no format for `phoneNumber`, because a real org's dial plan on the Edge
 * decides, so every rule here is a setting.
 */
export interface AddressRules {
  /** Accept E.164 numbers: `+` then 2 to 15 digits, not starting with 0. */
  e164: boolean;
  /** Accept global `tel:` URIs (RFC 3966) with an optional `;ext=` parameter. */
  telUri: boolean;
  /** Accept `sip:` and `sips:` URIs. */
  sipUri: boolean;
  /** Minimum length of an accepted internal extension, in digits. */
  extensionMinDigits: number;
  /** Maximum length of an accepted internal extension, in digits; 0 accepts no extensions. */
  extensionMaxDigits: number;
  /** Error code of the 400 response to a rejected address. */
  rejectWith: "bad.request" | "invalid.value";
}

/** The disconnect type the far end ends with, for each way a call can end by itself. */
export interface OutcomeDisconnectTypes {
  /** The far end hung up after it was connected. */
  hangUp: string;
  busy: string;
  noAnswer: string;
  failed: string;
}

/** Everything the emulator lets a test or demo change; see DEFAULT_SETTINGS for the defaults. */
export interface EmulatorSettings {
  /** Requests allowed per token in each 60-second window. */
  rateLimitPerMinute: number;
  /** Token lifetime, in seconds, for clients without their own entry in `clientTokenLifetimeSec`. */
  tokenLifetimeSec: number;
  /** Token lifetime per OAuth client id, in seconds. */
  clientTokenLifetimeSec: Record<string, number>;
  /** Accept `client_id`/`client_secret` in the login form body as well as in HTTP Basic. */
  formBodyCredentials: boolean;
  /** The `token_type` value in login responses. */
  tokenType: string;
  /** Handling of a `scope` form field in login requests. */
  scopeParameter: "ignore" | "reject";
  /** Phone number rules of the emulated dial plan. */
  addressRules: AddressRules;
  /** Outcome of the calls created from now on. */
  callOutcome: CallOutcome;
  /** How long a new call stays in `dialing`, in milliseconds. */
  dialingMs: number;
  /** How long an answered call stays `connected` before the far end hangs up; 0 = until disconnected. */
  connectedMs: number;
  /** Delay between an accepted disconnect request and the participants showing `disconnected`. */
  disconnectDelayMs: number;
  /** Disconnect types of the far end when the call ends by itself. */
  outcomeDisconnectTypes: OutcomeDisconnectTypes;
  /** Whether `POST /api/v2/conversations/calls/user/{userId}` needs that user to have a station. */
  onBehalfRequiresStation: boolean;
  /** Whether `conversation:conference:add` is checked on every create-call request or only on conferences. */
  conferencePermissionFor: "conference" | "all";
  /** Handling of create-call body fields that are not in `CreateCallRequest`. */
  unknownCallFields: "ignore" | "reject";
  /** Case-sensitivity of `GET /api/v2/routing/queues?name=`. */
  queueNameCaseSensitive: boolean;
  /** Response to unknown user, queue, contact or conversation ids in a create-call body. */
  unknownReferences: "not-found" | "bad-request";
  /** Whether a request's own `ININ-Correlation-Id` (a UUID) is used for its response. */
  acceptClientCorrelationId: boolean;
}

/** A settings change: any subset of the settings, with nested objects changed field by field. */
export type EmulatorSettingsUpdate = Partial<
  Omit<EmulatorSettings, "addressRules" | "outcomeDisconnectTypes">
> & {
  addressRules?: Partial<AddressRules>;
  outcomeDisconnectTypes?: Partial<OutcomeDisconnectTypes>;
};

/** A scripted answer for the next `times` requests that match `method` and `path`. */
export interface Fault {
  /** HTTP method, or `*` for any. */
  method: string;
  /** Request path without the query; a trailing `*` matches any path with that prefix. */
  path: string;
  /** How many matching requests get this fault. */
  times: number;
  /** Status of the response that replaces the API's response. */
  status?: number;
  /** Extra headers of that response. */
  headers?: Record<string, string>;
  /** Body of that response: an object is sent as JSON, a string as is. Default: an ErrorBody. */
  body?: unknown;
  /** Delay before the response, waited with the injected sleep. */
  delayMs?: number;
  /** Close the connection without a response, before or after the request takes effect. */
  drop?: "before" | "after";
}

/** One entry of the request log that `GET /__emulator/requests` returns. */
export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  /** The response status, or null when the connection was dropped. */
  status: number | null;
}

/** One created call as `GET /__emulator/calls` lists it. */
export interface CallLogEntry {
  id: string;
  at: string;
  /** The user the call was placed as (the token's user or the `{userId}` of the path). */
  userId: string;
  /** The path the call was created through. */
  path: string;
  /** The request body as received. */
  request: unknown;
}

/** Options of `createEmulator`. */
export interface EmulatorOptions {
  clock?: Clock;
  sleep?: Sleep;
  settings?: EmulatorSettingsUpdate;
  /** Secret of the demo client; default: random per start. */
  clientSecret?: string;
  /** Secret of the read-only demo client; default: random per start. */
  readOnlyClientSecret?: string;
  /** Called once per request with its status or null for a drop (control plane excluded), for access logs. */
  onRequest?: (entry: RequestLogEntry & { durationMs: number }) => void;
  /** Called with each unexpected exception that got a bland 500 response. */
  onInternalError?: (error: unknown) => void;
}
