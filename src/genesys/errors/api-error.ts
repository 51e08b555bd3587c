/**
 * The root of the errors that carry an HTTP error response from Genesys Cloud.
 * @module
 */

import { GcdialError } from "../../errors.js";
import { maskCredentialPatterns } from "../masking.js";

/** Masks secrets in a text; the client passes one that masks its own secrets too. */
export type MaskText = (text: string) => string;

/** Fields of an HTTP error response, as the transport read them. */
export interface ApiErrorInit {
  method: string;
  /** Path without the query string. */
  path: string;
  status: number;
  /** Genesys `code` of the `ErrorBody`, such as `bad.credentials`. */
  genesysCode?: string;
  /** Genesys `message` of the `ErrorBody`. */
  genesysMessage?: string;
  messageParams?: Record<string, string>;
  correlationId?: string;
  /** Attempts made for this request, the first included. */
  attempts: number;
  /** gcdial code; each class has a default. */
  code?: string;
  /** Message to use instead of the one built from the fields. */
  message?: string;
  hint?: string;
  mask?: MaskText;
  cause?: unknown;
}

export function maskWith(init: { mask?: MaskText }): MaskText {
  const extra = init.mask;
  return (text) => maskCredentialPatterns(extra === undefined ? text : extra(text));
}

function maskParams(
  params: Record<string, string> | undefined,
  mask: MaskText,
): Record<string, string> | undefined {
  if (params === undefined) {
    return undefined;
  }

  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, mask(String(value))]),
  );
}

function describeResponse(init: ApiErrorInit): string {
  const code = init.genesysCode === undefined ? "" : ` ${init.genesysCode}`;
  const text = init.genesysMessage === undefined ? "" : `: ${init.genesysMessage}`;
  const correlation =
    init.correlationId === undefined ? "" : ` (correlation id ${init.correlationId})`;
  return `${init.method} ${init.path} failed with HTTP ${init.status}${code}${text}${correlation}`;
}

/** An HTTP response from Genesys Cloud that is not a success. */
export class GenesysApiError extends GcdialError {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly genesysCode: string | undefined;
  readonly genesysMessage: string | undefined;
  readonly messageParams: Record<string, string> | undefined;
  /** `ININ-Correlation-Id` of the response; quote it to Genesys support. */
  readonly correlationId: string | undefined;
  readonly attempts: number;

  constructor(init: ApiErrorInit, defaults: { code: string; hint: string } = DEFAULT_API) {
    const mask = maskWith(init);
    super(mask(init.message ?? describeResponse(init)), {
      code: init.code ?? defaults.code,
      hint: mask(init.hint ?? defaults.hint),
      cause: init.cause,
    });
    this.method = init.method;
    this.path = mask(init.path);
    this.status = init.status;
    this.genesysCode = init.genesysCode;
    this.genesysMessage = init.genesysMessage === undefined ? undefined : mask(init.genesysMessage);
    this.messageParams = maskParams(init.messageParams, mask);
    this.correlationId = init.correlationId;
    this.attempts = init.attempts;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      method: this.method,
      path: this.path,
      status: this.status,
      genesysCode: this.genesysCode,
      genesysMessage: this.genesysMessage,
      messageParams: this.messageParams,
      correlationId: this.correlationId,
      attempts: this.attempts,
    };
  }
}

const DEFAULT_API = {
  code: "genesys.request_failed",
  hint: "Read the Genesys code and message; quote the correlation id if you contact Genesys support.",
};
