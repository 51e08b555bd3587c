/**
 * Errors of requests that got no usable response: nothing reached, or a call-creating request
 * whose outcome is unknown.
 * @module
 */

import { GcdialError } from "../../errors.js";
import { type MaskText, maskWith } from "./api-error.js";

/** No HTTP response at all: connection refused, DNS failure, reset or timeout on a safe request. */
export class ConnectionError extends GcdialError {
  readonly method: string;
  readonly path: string;
  /** The host that could not be reached, such as `api.mypurecloud.com` or `127.0.0.1:8080`. */
  readonly host: string;
  /** The system or undici error code (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`) or `TIMEOUT`. */
  readonly causeCode: string | undefined;
  readonly attempts: number;

  constructor(init: {
    method: string;
    path: string;
    host: string;
    causeCode?: string;
    attempts: number;
    timeoutMs?: number;
    mask?: MaskText;
    cause?: unknown;
  }) {
    const mask = maskWith(init);
    const reason =
      init.causeCode === "TIMEOUT"
        ? `no response within ${init.timeoutMs ?? "the"} ms`
        : (init.causeCode ?? "no response");
    const tries = init.attempts === 1 ? "1 attempt" : `${init.attempts} attempts`;
    super(
      mask(`${init.method} ${init.path}: could not reach ${init.host} (${reason}) after ${tries}`),
      {
        code: "genesys.connection_failed",
        hint: connectionHint(init.causeCode),
        cause: init.cause,
      },
    );
    this.method = init.method;
    this.path = mask(init.path);
    this.host = init.host;
    this.causeCode = init.causeCode;
    this.attempts = init.attempts;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      method: this.method,
      path: this.path,
      host: this.host,
      causeCode: this.causeCode,
      attempts: this.attempts,
    };
  }
}

function connectionHint(causeCode: string | undefined): string {
  switch (causeCode) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "The host name did not resolve: check GENESYSCLOUD_REGION (or --region) and your DNS.";
    case "ECONNREFUSED":
      return "Nothing accepted the connection: check the region or base URL, and that the emulator or gateway is running.";
    case "TIMEOUT":
      return "The server did not respond in time: try again, or raise the timeout (timeoutMs).";
    default:
      return "Check the network path to Genesys Cloud (proxy, firewall, VPN) and try again.";
  }
}

/** Facts known about a request whose outcome is unknown. */
export interface KnownOutcome {
  /** Reason the outcome is unknown. */
  reason: "timeout" | "connection-lost" | "server-error" | "unreadable-response";
  /** Status of the response, for `server-error` and `unreadable-response`. */
  status?: number;
  genesysCode?: string;
  genesysMessage?: string;
  /** System or undici error code, for `connection-lost`. */
  causeCode?: string;
  /** The timeout that ran out, for `timeout`. */
  timeoutMs?: number;
}

/**
 * A call-creating request that may or may not have placed the call: it timed out, the connection
 * was lost after it was sent, Genesys returned 5xx, or a success response had no readable
 * conversation id. The client never repeats such a request,
 * because Genesys has no idempotency key and a repeat can dial the same person twice.
 */
export class OutcomeUnknownError extends GcdialError {
  readonly method: string;
  readonly path: string;
  /** The full URL the request went to. */
  readonly endpoint: string;
  readonly known: KnownOutcome;
  readonly correlationId: string | undefined;
  readonly attempts: number;

  constructor(init: {
    method: string;
    path: string;
    endpoint: string;
    known: KnownOutcome;
    correlationId?: string;
    attempts: number;
    /** Advice for the Genesys code of a 5xx response, added to the hint. */
    advice?: string;
    mask?: MaskText;
    cause?: unknown;
  }) {
    const mask = maskWith(init);
    const correlation =
      init.correlationId === undefined ? "" : ` (correlation id ${init.correlationId})`;
    const advice = init.advice === undefined ? "" : ` ${init.advice}`;
    super(
      mask(
        `${init.method} ${init.path}: the call may have been placed: ${describeKnown(init.known)}${correlation}`,
      ),
      {
        code: "genesys.outcome_unknown",
        hint: mask(
          `Do not place it again blindly: check the conversation list in Genesys Cloud (Performance > Interactions, or GET /api/v2/conversations/calls for the user) first.${advice}`,
        ),
        cause: init.cause,
      },
    );
    this.method = init.method;
    this.path = mask(init.path);
    this.endpoint = mask(init.endpoint);
    this.known = maskKnown(init.known, mask);
    this.correlationId = init.correlationId;
    this.attempts = init.attempts;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      method: this.method,
      path: this.path,
      endpoint: this.endpoint,
      known: this.known,
      correlationId: this.correlationId,
      attempts: this.attempts,
    };
  }
}

function describeKnown(known: KnownOutcome): string {
  switch (known.reason) {
    case "timeout":
      return `no response within ${known.timeoutMs ?? "the"} ms after the request was sent`;
    case "connection-lost":
      return `the connection was lost after the request was sent (${known.causeCode ?? "no code"})`;
    case "server-error": {
      const code = known.genesysCode === undefined ? "" : ` ${known.genesysCode}`;
      return `Genesys returned HTTP ${known.status ?? "5xx"}${code}, which does not say whether the call was created`;
    }
    case "unreadable-response":
      return `Genesys returned HTTP ${known.status ?? "2xx"} without a readable conversation id`;
  }
}

function maskKnown(known: KnownOutcome, mask: MaskText): KnownOutcome {
  if (known.genesysMessage === undefined) {
    return { ...known };
  }

  return { ...known, genesysMessage: mask(known.genesysMessage) };
}
