/**
 * The calls API: plan, place, read, wait for and disconnect calls.
 * @module
 */

import type { Directory } from "../directory.js";
import { CallWaitTimeoutError, GenesysApiError, OutcomeUnknownError } from "../errors.js";
import type { Logger } from "../logger.js";
import { type ApiTransport, segment } from "../transport/api-transport.js";
import { parseRateLimitHeaders } from "../transport/rate-limit-headers.js";
import type {
  CallConversation,
  CallPlan,
  CallStatus,
  ExtensionPolicy,
  PlaceCallOptions,
  PlacedCall,
  RateLimitInfo,
  WaitForOptions,
} from "../types.js";
import { callStatusOf } from "./call-status.js";
import { parseCallOptions } from "./parse-options.js";
import { buildCallPlan, CALLS_PATH, requireCallingUser } from "./plan.js";

export interface CallsDependencies {
  api: ApiTransport;
  directory: Directory;
  logger: Logger;
  defaultCountry?: string;
  extensionPolicy?: ExtensionPolicy;
}

const DEFAULT_WAIT_TIMEOUT_MS = 120_000;
const FIRST_POLL_DELAY_MS = 1_000;
const MAX_POLL_DELAY_MS = 5_000;

/** Calls through one client; reached as `client.calls`. */
export class Calls {
  readonly #deps: CallsDependencies;

  constructor(deps: CallsDependencies) {
    this.#deps = deps;
  }

  /**
   * Parses the addresses, does the look-ups (user by email, queue by name, contact phone) and
   * returns the request `place` would send, without sending it.
   * @throws AddressError (with `field` `to`, `from`, ...), ConfigurationError (`call.needs_user`,
   *   `call.extension_rejected`, ...), NotFoundError or AmbiguousMatchError from a look-up.
   */
  async plan(options: PlaceCallOptions): Promise<CallPlan> {
    const { api, directory, logger } = this.#deps;
    const parsed = parseCallOptions(options, this.#defaults());
    requireCallingUser(parsed, api.tokenProvider.userContext);
    return buildCallPlan(parsed, directory, logger);
  }

  /**
   * Plans the call and sends it once. The create request is never repeated after a timeout,
   * a lost connection or a 5xx, because it may have placed the call.
   * @throws what `plan` throws; OutcomeUnknownError when the call may have been placed;
   *   GenesysApiError subclasses for other error responses; ConnectionError when nothing was reached.
   */
  async place(options: PlaceCallOptions): Promise<PlacedCall> {
    const plan = await this.plan(options);
    const path = plan.endpoint.path;
    const response = await this.#deps.api
      .request<{ id?: unknown }>("POST", path, { body: plan.body, kind: "create-call" })
      .catch((error: unknown) => {
        throw this.#unreadable(error, path) ?? error;
      });

    const conversationId = response.body?.id;
    if (typeof conversationId !== "string" || conversationId === "") {
      throw this.#unknownOutcome(path, response.status, response.correlationId, response.attempts);
    }

    this.#deps.logger.info("call placed", {
      conversationId,
      correlationId: response.correlationId,
    });
    return {
      ...plan,
      conversationId,
      ...(response.correlationId === undefined ? {} : { correlationId: response.correlationId }),
    };
  }

  /** Reads a call with `GET /api/v2/conversations/calls/{conversationId}`. */
  async get(conversationId: string): Promise<CallStatus> {
    return callStatusOf(await this.#read(conversationId).then((read) => read.conversation));
  }

  /**
   * Polls the call until its far end is connected (or the call ended without connecting) or,
   * for `until: "ended"`, until it ended. Polls start 1 s apart and slow down to 5 s. When the
   * rate-limit headers show the window nearly spent, the next poll waits for its reset. Every
   * poll also waits at the client's pause gate while a `Retry-After` runs.
   * @throws CallWaitTimeoutError after `timeoutMs` (default 120 000).
   */
  async waitFor(conversationId: string, options: WaitForOptions): Promise<CallStatus> {
    const { clock, sleep } = this.#deps.api.http;
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
    const deadlineMs = clock.now() + timeoutMs;
    let delayMs = FIRST_POLL_DELAY_MS;

    for (;;) {
      const read = await this.#read(conversationId);
      const status = callStatusOf(read.conversation);
      options.onState?.(status);
      if (
        status.phase === "ended" ||
        (options.until === "connected" && status.phase === "connected")
      ) {
        return status;
      }

      const waitMs = Math.max(delayMs, rateLimitWaitMs(read.rateLimit));
      if (clock.now() + waitMs > deadlineMs) {
        throw new CallWaitTimeoutError(conversationId, timeoutMs, status.remote?.state);
      }

      await sleep(waitMs);
      delayMs = Math.min(MAX_POLL_DELAY_MS, Math.round(delayMs * 1.5));
    }
  }

  /**
   * Ends the call for every participant with `PATCH /api/v2/conversations/calls/{id}`
   * `{"state": "disconnected"}` (needs `conversation:communication:disconnect`). Genesys applies
   * it asynchronously; use `waitFor(id, { until: "ended" })` to see it end.
   */
  async disconnect(conversationId: string): Promise<void> {
    await this.#deps.api.request("PATCH", `${CALLS_PATH}/${segment(conversationId)}`, {
      body: { state: "disconnected" },
    });
  }

  // A success response that cannot be read may still mean the call was created.
  #unreadable(error: unknown, path: string): OutcomeUnknownError | undefined {
    if (!(error instanceof GenesysApiError) || error.code !== "genesys.invalid_response") {
      return undefined;
    }

    return this.#unknownOutcome(path, error.status, error.correlationId, error.attempts);
  }

  #unknownOutcome(
    path: string,
    status: number,
    correlationId: string | undefined,
    attempts: number,
  ): OutcomeUnknownError {
    return new OutcomeUnknownError({
      method: "POST",
      path,
      endpoint: `${this.#deps.api.apiUrl}${path}`,
      known: { reason: "unreadable-response", status },
      ...(correlationId === undefined ? {} : { correlationId }),
      attempts,
    });
  }

  #defaults(): { defaultCountry?: string; extensionPolicy?: ExtensionPolicy } {
    const { defaultCountry, extensionPolicy } = this.#deps;
    return {
      ...(defaultCountry === undefined ? {} : { defaultCountry }),
      ...(extensionPolicy === undefined ? {} : { extensionPolicy }),
    };
  }

  async #read(
    conversationId: string,
  ): Promise<{ conversation: CallConversation; rateLimit: RateLimitInfo | undefined }> {
    const response = await this.#deps.api.request<CallConversation>(
      "GET",
      `${CALLS_PATH}/${segment(conversationId)}`,
    );
    return { conversation: response.body, rateLimit: parseRateLimitHeaders(response.headers) };
  }
}

// Leave the last few requests of a rate-limit window to other work, such as bulk placing calls.
const RESERVED_REQUESTS = 5;

function rateLimitWaitMs(rateLimit: RateLimitInfo | undefined): number {
  if (rateLimit === undefined || rateLimit.resetSec === undefined) {
    return 0;
  }

  return rateLimit.allowed - rateLimit.count <= RESERVED_REQUESTS ? rateLimit.resetSec * 1000 : 0;
}
