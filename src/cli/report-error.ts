import { GcdialError } from "../errors.js";
import { ExitCode } from "./exit-codes.js";
import { redactSecrets } from "./logger.js";

/**
 * Error reporting of the CLI: a process exit code and a few plain lines on stderr. Shared by
 * `call`, `bulk` and `demo`, so every command ends the same way for the same failure.
 */

/** A mistake in how gcdial was run: a missing flag, a bad configuration or profile file. */
export class UsageError extends GcdialError {}

/**
 * Exit codes by error class name. Matching the name rather than `instanceof` keeps this module
 * free of the client and address imports, and an error built by another copy of gcdial (such as
 * one loaded twice by a test runner) still maps to the same code.
 */
const EXIT_CODE_BY_ERROR_NAME: Readonly<Record<string, ExitCode>> = {
  AddressError: ExitCode.invalidAddress,
  AuthenticationError: ExitCode.authentication,
  PermissionError: ExitCode.permission,
  RateLimitError: ExitCode.rateLimited,
  OutcomeUnknownError: ExitCode.outcomeUnknown,
  NotFoundError: ExitCode.notFound,
  ServerError: ExitCode.serverOrConnection,
  ConnectionError: ExitCode.serverOrConnection,
  ConfigurationError: ExitCode.usage,
  UsageError: ExitCode.usage,
};

/**
 * Exit codes by gcdial error code, checked before the class. Genesys responds with 400
 * `not.a.user` to a call placed with a client-credentials token and no user. The client reports
 * that as a bad request with code `call.needs_user`: the usage mistake the CLI rejects early.
 */
const EXIT_CODE_BY_ERROR_CODE: Readonly<Record<string, ExitCode>> = {
  "call.needs_user": ExitCode.usage,
};

/** Return the exit code for an error: its code, else its class or nearest known ancestor. */
export function exitCodeFor(error: unknown): ExitCode {
  if (!(error instanceof GcdialError)) {
    return ExitCode.failure;
  }

  const byCode = EXIT_CODE_BY_ERROR_CODE[error.code];
  if (byCode !== undefined) {
    return byCode;
  }

  for (const name of classNames(error)) {
    const code = EXIT_CODE_BY_ERROR_NAME[name];
    if (code !== undefined) {
      return code;
    }
  }

  return ExitCode.failure;
}

export interface PrintErrorOptions {
  /** Values to mask wherever they appear, such as the configured client secret. */
  secrets?: readonly string[];
}

/**
 * Print an error to `stderr` in plain words: the message with its code, then the Genesys details
 * and the hint. No stack trace is printed, and tokens, secrets and Authorization values are masked.
 */
export function printError(
  error: unknown,
  stderr: NodeJS.WritableStream,
  options: PrintErrorOptions = {},
): void {
  const lines = describeError(error);
  const text = redactSecrets(`${lines.join("\n")}\n`, options.secrets ?? []);
  stderr.write(text);
}

/** Build the lines `printError` writes, before masking. */
export function describeError(error: unknown): string[] {
  if (!(error instanceof GcdialError)) {
    return describeUnexpected(error);
  }

  const lines = [`gcdial: ${error.message} [${error.code}]`];
  for (const detail of errorDetails(error)) {
    lines.push(`  ${detail}`);
  }

  if (error.hint !== undefined && error.hint !== "") {
    lines.push(`  hint: ${error.hint}`);
  }

  return lines;
}

/**
 * Build the object `--json` output shows for an error, masked like the text output. Errors that
 * are not gcdial's own are reduced to a message, so nothing unexpected leaks into the JSON.
 */
export function errorToJson(error: unknown, options: PrintErrorOptions = {}): unknown {
  const plain =
    error instanceof GcdialError
      ? error.toJSON()
      : { name: "Error", code: "internal", message: messageOf(error) };
  const text = redactSecrets(JSON.stringify(plain), options.secrets ?? []);
  return JSON.parse(text);
}

/**
 * Build the lines about the Genesys response from the fields the client's errors carry. The
 * client's messages already name the request, status and correlation id of most errors, so a
 * detail is added only when the message lacks it.
 */
function errorDetails(error: GcdialError): string[] {
  const fields = error as unknown as Record<string, unknown>;
  const message = error.message;
  const details: string[] = [];

  // A look-up that found nothing is named by the message; its search request succeeded.
  const request = fields.lookup === undefined ? describeRequest(fields) : undefined;
  if (request !== undefined && !message.includes(request.path)) {
    details.push(request.line);
  }

  const missing = stringList(fields.missingPermissions);
  if (missing.some((permission) => !message.includes(permission))) {
    details.push(`missing permissions: ${missing.join(", ")}`);
  }

  if (typeof fields.retryAfterMs === "number") {
    details.push(`Genesys asked to wait ${formatSeconds(fields.retryAfterMs)} before a retry`);
  }

  const correlationId = fields.correlationId;
  if (
    typeof correlationId === "string" &&
    correlationId !== "" &&
    !message.includes(correlationId)
  ) {
    details.push(`correlation id: ${correlationId}`);
  }

  return details;
}

/** Describe the failed request in one line, for an error whose message omits it. */
function describeRequest(
  fields: Record<string, unknown>,
): { path: string; line: string } | undefined {
  const method = typeof fields.method === "string" ? fields.method : undefined;
  const path = typeof fields.path === "string" ? fields.path : undefined;
  if (method === undefined || path === undefined) {
    return undefined;
  }

  const parts = [`request: ${method} ${path}`];
  if (typeof fields.status === "number") {
    parts.push(`HTTP ${fields.status}`);
  }

  if (typeof fields.genesysCode === "string" && fields.genesysCode !== "") {
    parts.push(`Genesys code ${fields.genesysCode}`);
  }

  if (typeof fields.attempts === "number" && fields.attempts > 1) {
    parts.push(`after ${fields.attempts} attempts`);
  }

  return { path, line: parts.join(", ") };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

function describeUnexpected(error: unknown): string[] {
  return [
    `gcdial: unexpected error: ${messageOf(error)}`,
    "  hint: this is a bug in gcdial; run again with --verbose and report the command and its output.",
  ];
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }

  return String(error);
}

/** List the class names of an error and its ancestors, nearest first. */
function classNames(error: object): string[] {
  const names: string[] = [];
  let prototype: unknown = Object.getPrototypeOf(error);
  while (prototype !== null && prototype !== Object.prototype) {
    const name = (prototype as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name === "string") {
      names.push(name);
    }

    prototype = Object.getPrototypeOf(prototype);
  }

  return names;
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/**
 * End the process quietly when the reader of `stream` goes away (`gcdial demo | head`): writing
 * to a closed pipe raises EPIPE, which Node otherwise reports as an unhandled error with a stack
 * trace. Other stream errors are reported in plain words.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WritableStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") {
      process.exit(ExitCode.ok);
    }

    process.stderr.write(`gcdial: cannot write the output: ${error.message}\n`);
    process.exit(ExitCode.failure);
  });
}
