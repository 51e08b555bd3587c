/**
 * A levelled logger, silent by default, that masks credentials and phone numbers when it builds
 * a line. The client also wraps any logger it is given (see `maskingLogger`), so a custom logger
 * never receives a token or secret either.
 * @module
 */

import { maskPhoneNumbersInText } from "../address/index.js";
import { maskCredentialPatterns } from "./masking.js";

export type LogLevel = "silent" | "error" | "warn" | "info" | "debug";

/** Values attached to a log line, written as `key=value`. */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  /** When true, phone numbers reach this logger unmasked. */
  readonly showPhoneNumbers?: boolean;
  /**
   * Lowest level this logger writes, when it declares one. Wrappers skip the masking of lines
   * that would be dropped anyway, and a logger without it gets every line.
   */
  readonly level?: LogLevel;
}

const LEVEL_RANK: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

export const LOG_LEVELS: readonly LogLevel[] = ["silent", "error", "warn", "info", "debug"];

export interface CreateLoggerOptions {
  /** Lines below this level are dropped; default `silent`. */
  level?: LogLevel;
  /** Receives each finished line without a newline; default: standard error. */
  write?: (line: string) => void;
  /** Keep phone numbers readable (default false: `+1201*****23`). */
  showPhoneNumbers?: boolean;
  /** Adds an ISO time stamp to each line (default true). */
  timestamps?: boolean;
  /** Clock for the time stamps. */
  now?: () => number;
}

/** Creates a logger that writes one masked text line per call at or above `level`. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const threshold = LEVEL_RANK[options.level ?? "silent"];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const showPhoneNumbers = options.showPhoneNumbers ?? false;
  const now = options.now ?? Date.now;
  const timestamps = options.timestamps ?? true;

  const emit = (level: Exclude<LogLevel, "silent">, message: string, fields?: LogFields) => {
    if (LEVEL_RANK[level] > threshold) {
      return;
    }

    const stamp = timestamps ? `${new Date(now()).toISOString()} ` : "";
    const line = `${stamp}${level.toUpperCase()} ${message}${formatFields(fields)}`;
    write(maskLine(line, showPhoneNumbers));
  };

  return {
    showPhoneNumbers,
    level: options.level ?? "silent",
    error: (message, fields) => emit("error", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    info: (message, fields) => emit("info", message, fields),
    debug: (message, fields) => emit("debug", message, fields),
  };
}

/** A logger that drops every line; the library's default. */
export const silentLogger: Logger = createLogger({ level: "silent" });

function formatFields(fields: LogFields | undefined): string {
  if (fields === undefined) {
    return "";
  }

  let text = "";
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) {
      continue;
    }

    const formatted =
      typeof value === "string" && /[\s"=]/.test(value) ? JSON.stringify(value) : String(value);
    text += ` ${key}=${formatted}`;
  }
  return text;
}

function maskLine(line: string, showPhoneNumbers: boolean): string {
  const withoutCredentials = maskCredentialPatterns(line);
  return showPhoneNumbers ? withoutCredentials : maskPhoneNumbersInText(withoutCredentials);
}

/**
 * Wraps a logger so that every message and field passes `maskText` (the client's known secrets)
 * and, unless the logger sets `showPhoneNumbers`, phone-number masking, before it is forwarded.
 */
export function maskingLogger(inner: Logger, maskText: (text: string) => string): Logger {
  const mask = (text: string) => {
    const masked = maskText(text);
    return inner.showPhoneNumbers === true ? masked : maskPhoneNumbersInText(masked);
  };
  const maskFields = (fields: LogFields | undefined): LogFields | undefined => {
    if (fields === undefined) {
      return undefined;
    }

    const copy: LogFields = {};
    for (const [key, value] of Object.entries(fields)) {
      copy[key] = typeof value === "string" ? mask(value) : value;
    }
    return copy;
  };

  const threshold = LEVEL_RANK[inner.level ?? "debug"];
  const writes = (level: Exclude<LogLevel, "silent">) => LEVEL_RANK[level] <= threshold;

  return {
    showPhoneNumbers: inner.showPhoneNumbers ?? false,
    level: inner.level ?? "debug",
    error: (message, fields) => {
      if (writes("error")) inner.error(mask(message), maskFields(fields));
    },
    warn: (message, fields) => {
      if (writes("warn")) inner.warn(mask(message), maskFields(fields));
    },
    info: (message, fields) => {
      if (writes("info")) inner.info(mask(message), maskFields(fields));
    },
    debug: (message, fields) => {
      if (writes("debug")) inner.debug(mask(message), maskFields(fields));
    },
  };
}
