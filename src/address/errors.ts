import { GcdialError } from "../errors.js";
import type {
  AddressCleanup,
  AddressErrorCode,
  AddressErrorDetails,
  AddressFailure,
} from "./types.js";

export type { AddressErrorCode } from "./types.js";
export { ADDRESS_ERROR_CODES } from "./types.js";

/**
 * An address that cannot be dialled, for code that prefers to throw: `parseAddress` returns
 * failures as values, and callers such as the Genesys client wrap them in this error.
 */
export class AddressError extends GcdialError {
  /** The code, input, field, message, hint and (for `phone.invalid`) the reason. */
  readonly details: AddressErrorDetails;

  constructor(details: AddressErrorDetails, options: { cause?: unknown } = {}) {
    super(details.message, { code: details.code, hint: details.hint, cause: options.cause });
    this.details = details;
  }

  /** Builds the error from a failed `parseAddress` result. */
  static fromFailure(failure: AddressFailure): AddressError {
    return new AddressError(failure.error);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), ...this.details };
  }
}

/** Fields of every failure besides its code, message and hint. */
export interface FailureContext {
  /** The input exactly as given. */
  input: string;
  field: string | undefined;
  cleanup: AddressCleanup[];
}

/**
 * Builds a failed `AddressResult`, leaving out fields that have no value. The message starts with
 * the field (`to: ...`) when the caller named one.
 */
export function addressFailure(
  context: FailureContext,
  code: AddressErrorCode,
  message: string,
  hint: string,
  reason?: string,
): AddressFailure {
  const fullMessage = context.field === undefined ? message : `${context.field}: ${message}`;
  const error: AddressErrorDetails = { code, message: fullMessage, hint, input: context.input };
  if (context.field !== undefined) {
    error.field = context.field;
  }

  if (reason !== undefined) {
    error.reason = reason;
  }

  if (context.cleanup.length > 0) {
    error.cleanup = context.cleanup;
  }

  return { ok: false, error };
}

/** Quotes a value for a message; JSON quoting shows control characters as escapes. */
export function quote(value: string): string {
  return JSON.stringify(value);
}
