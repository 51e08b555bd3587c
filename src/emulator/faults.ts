import { EmulatorInputError } from "./input-error.js";
import type { Fault } from "./types.js";

const DROP_MOMENTS = ["before", "after"];

/** Checks a fault as received by `POST /__emulator/faults` and fills in its defaults. */
export function parseFault(input: unknown): Fault {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new EmulatorInputError(
      'A fault must be a JSON object such as {"method":"POST","path":"/api/v2/conversations/calls","status":503}.',
    );
  }
  const raw = input as Record<string, unknown>;
  const known = ["method", "path", "times", "status", "headers", "body", "delayMs", "drop"];
  const unknown = Object.keys(raw).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new EmulatorInputError(
      `Unknown fault field(s) ${unknown.join(", ")}; known: ${known.join(", ")}.`,
    );
  }

  const fault: Fault = {
    method: parseMethod(raw.method),
    path: parsePath(raw.path),
    times: parseTimes(raw.times),
  };
  if (raw.status !== undefined) {
    fault.status = parseStatus(raw.status);
  }
  if (raw.headers !== undefined) {
    fault.headers = parseHeaders(raw.headers);
  }
  if (raw.body !== undefined) {
    fault.body = raw.body;
  }
  if (raw.delayMs !== undefined) {
    fault.delayMs = parseDelay(raw.delayMs);
  }
  if (raw.drop !== undefined) {
    fault.drop = parseDrop(raw.drop);
  }
  return checkCombination(fault);
}

function checkCombination(fault: Fault): Fault {
  if (fault.drop !== undefined && fault.status !== undefined) {
    throw new EmulatorInputError(
      "A fault either drops the connection (drop) or answers with a status, not both.",
    );
  }
  if (fault.drop === undefined && fault.status === undefined && fault.delayMs === undefined) {
    throw new EmulatorInputError("A fault needs status, delayMs or drop.");
  }
  if ((fault.headers !== undefined || fault.body !== undefined) && fault.status === undefined) {
    throw new EmulatorInputError('headers and body need a status: add one, such as "status": 503.');
  }
  return fault;
}

function parseMethod(value: unknown): string {
  if (value === undefined) {
    return "*";
  }
  if (typeof value !== "string" || !/^(\*|[A-Za-z]+)$/.test(value)) {
    throw new EmulatorInputError(
      `method must be an HTTP method such as "POST", or "*", not ${JSON.stringify(value)}.`,
    );
  }
  return value.toUpperCase();
}

function parsePath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) {
    throw new EmulatorInputError(
      `path must start with "/" (a trailing "*" matches a prefix), not ${JSON.stringify(value)}.`,
    );
  }
  if (value.indexOf("*") >= 0 && value.indexOf("*") !== value.length - 1) {
    throw new EmulatorInputError(`path may contain "*" only at its end: ${JSON.stringify(value)}.`);
  }
  return value;
}

function parseTimes(value: unknown): number {
  if (value === undefined) {
    return 1;
  }
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new EmulatorInputError(`times must be a positive integer, not ${JSON.stringify(value)}.`);
  }
  return value;
}

function parseStatus(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 200 || value > 599) {
    throw new EmulatorInputError(
      `status must be an HTTP status from 200 to 599, not ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

function parseHeaders(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new EmulatorInputError("headers must be an object of header names to string values.");
  }
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [name, headerValue] of entries) {
    if (typeof headerValue !== "string") {
      throw new EmulatorInputError(
        `headers.${name} must be a string, not ${JSON.stringify(headerValue)}.`,
      );
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

function parseDelay(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 600_000) {
    throw new EmulatorInputError(
      `delayMs must be an integer from 0 to 600000, not ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

function parseDrop(value: unknown): "before" | "after" {
  if (typeof value !== "string" || !DROP_MOMENTS.includes(value)) {
    throw new EmulatorInputError(`drop must be "before" or "after", not ${JSON.stringify(value)}.`);
  }
  return value as "before" | "after";
}

/** Takes the first pending fault that matches the request, counting down its `times`. */
export function takeFault(faults: Fault[], method: string, path: string): Fault | undefined {
  const index = faults.findIndex((fault) => matches(fault, method, path));
  const fault = faults[index];
  if (fault === undefined) {
    return undefined;
  }
  fault.times -= 1;
  if (fault.times <= 0) {
    faults.splice(index, 1);
  }
  return fault;
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method !== "*" && fault.method !== method) {
    return false;
  }
  if (fault.path.endsWith("*")) {
    return path.startsWith(fault.path.slice(0, -1));
  }
  return fault.path === path;
}
