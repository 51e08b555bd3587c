import { AddressError, parseAddress, readCountryOption } from "../address/index.js";
import type { ExtensionPolicy } from "../genesys/types.js";
import { parseCallingWindow } from "./calling-window.js";
import { BulkUsageError } from "./errors.js";
import { DEFAULT_RATE_PER_MINUTE } from "./pacing.js";
import { checkTimeZoneOption } from "./time-zones.js";
import type { RunOptions } from "./types.js";

/** Calls in flight at once by default; enough to hold 600 a minute against a slow API. */
export const DEFAULT_CONCURRENCY = 4;
/** More workers than this only adds load: the rate, not the concurrency, sets the pace. */
export const MAX_CONCURRENCY = 64;
/** Ten calls a second; a higher rate is almost surely a typo (a rate per second given per minute). */
export const MAX_RATE_PER_MINUTE = 600 * 10;

/** The flags of `gcdial bulk run` as commander returns them: text, not yet checked. */
export interface RunFlags {
  column?: string;
  as?: string;
  from?: string;
  callerId?: string;
  callerName?: string;
  fromQueue?: string;
  country?: string;
  region?: string;
  sandbox?: boolean;
  profile?: string;
  concurrency?: string;
  rate?: string;
  window?: string;
  timezone?: string;
  timezoneColumn?: string;
  dnc?: string;
  dncColumn?: string;
  extension?: string;
}

/** Checks every flag of `bulk run` and returns the run's options; throws a usage error naming the flag. */
export function readRunOptions(file: string, flags: RunFlags): RunOptions {
  if (flags.column === undefined || flags.column.trim() === "") {
    throw usage(
      "--column is missing.",
      "Name the CSV column that holds the numbers, such as --column phone.",
    );
  }

  const country = readCountryOption(flags.country);
  if (!country.ok) {
    throw usage(
      `--country ${JSON.stringify(country.given)} is not an ISO 3166 country code that the phone metadata knows.`,
      "Give an ISO 3166-1 alpha-2 code such as US, GB or DE.",
    );
  }

  checkSenderAddresses(flags, country.country);
  const window = flags.window === undefined ? undefined : parseCallingWindow(flags.window);
  checkZoneFlags(flags, window !== undefined);
  if (flags.dncColumn !== undefined && flags.dnc === undefined) {
    throw usage("--dnc-column needs --dnc.", "Give the do-not-call file with --dnc FILE.");
  }

  return {
    file,
    column: flags.column,
    call: {
      asUser: flags.as,
      from: flags.from,
      callerId: flags.callerId,
      callerIdName: flags.callerName,
      fromQueue: flags.fromQueue,
      country: country.country,
      extensionPolicy: readExtensionPolicy(flags.extension),
    },
    region: flags.region,
    sandbox: flags.sandbox,
    profile: flags.profile,
    concurrency:
      flags.concurrency === undefined ? DEFAULT_CONCURRENCY : parseConcurrency(flags.concurrency),
    ratePerMinute: flags.rate === undefined ? DEFAULT_RATE_PER_MINUTE : parseRate(flags.rate),
    window,
    timeZone: flags.timezone === undefined ? undefined : checkTimeZoneOption(flags.timezone),
    timeZoneColumn: flags.timezoneColumn,
    dncFile: flags.dnc,
    dncColumn: flags.dncColumn,
  };
}

/** Rejects a bad `--from` or `--caller-id` before any row is read (an AddressError: exit 3). */
function checkSenderAddresses(flags: RunFlags, country: string | undefined): void {
  const checks: [string, string | undefined][] = [
    ["from", flags.from],
    ["callerId", flags.callerId],
  ];
  for (const [field, value] of checks) {
    if (value === undefined) {
      continue;
    }
    const result = parseAddress(value, { defaultCountry: country, field });
    if (!result.ok) {
      throw new AddressError(result.error);
    }
  }
}

const EXTENSION_POLICIES: readonly ExtensionPolicy[] = ["reject", "tel-uri", "drop"];

function readExtensionPolicy(text: string | undefined): ExtensionPolicy | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (!EXTENSION_POLICIES.includes(text as ExtensionPolicy)) {
    throw usage(
      `--extension "${text}" is not one of ${EXTENSION_POLICIES.join(", ")}.`,
      "Use reject (the default: rows with an extension are invalid), tel-uri (send tel:+E164;ext=N) or drop (dial the main number).",
    );
  }
  return text as ExtensionPolicy;
}

function checkZoneFlags(flags: RunFlags, hasWindow: boolean): void {
  if (hasWindow) {
    return;
  }
  if (flags.timezone !== undefined) {
    throw usage(
      "--timezone needs --window.",
      "Give the calling window, such as --window 09:00-20:00.",
    );
  }
  if (flags.timezoneColumn !== undefined) {
    throw usage(
      "--timezone-column needs --window.",
      "Give the calling window, such as --window 09:00-20:00.",
    );
  }
}

const RATE_PATTERN = /^(\d+(?:\.\d+)?)\s*(?:\/\s*(min|m|minute|s|sec|second))?$/i;

/** Reads `--rate`: `120/min`, `2/s`, or a bare number of calls a minute. */
export function parseRate(text: string): number {
  const match = RATE_PATTERN.exec(text.trim());
  if (match === null) {
    throw usage(
      `--rate "${text}" is not a rate.`,
      "Write calls per minute, such as --rate 120/min (or 2/s).",
    );
  }

  const perUnit = Number(match[1]);
  const unit = (match[2] ?? "min").toLowerCase();
  const perMinute = unit.startsWith("s") ? perUnit * 60 : perUnit;
  if (perMinute < 1 || perMinute > MAX_RATE_PER_MINUTE) {
    throw usage(
      `--rate "${text}" is outside 1 to ${MAX_RATE_PER_MINUTE} calls a minute.`,
      "Write calls per minute, such as --rate 120/min.",
    );
  }
  return perMinute;
}

/** Reads `--concurrency`: a whole number from 1 to 64. */
export function parseConcurrency(text: string): number {
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > MAX_CONCURRENCY) {
    throw usage(
      `--concurrency "${text}" is not a whole number from 1 to ${MAX_CONCURRENCY}.`,
      "Give how many calls may be in flight at once, such as --concurrency 4.",
    );
  }
  return value;
}

function usage(message: string, hint: string): BulkUsageError {
  return new BulkUsageError(message, { code: "bulk.invalid_option", hint });
}
