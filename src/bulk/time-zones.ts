import ct from "countries-and-timezones";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { localMinuteOfDay } from "./calling-window.js";
import { BulkUsageError } from "./errors.js";

/** Returns true when this Node.js build supports the IANA time zone `name` (`Europe/London`, `UTC`). */
export function isValidTimeZone(name: string): boolean {
  if (name.trim() === "") {
    return false;
  }

  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Throws a usage error naming the value when `name` is not a known IANA time zone. */
export function checkTimeZoneOption(name: string): string {
  if (!isValidTimeZone(name)) {
    throw new BulkUsageError(`The time zone "${name}" is not a known IANA time zone.`, {
      code: "bulk.invalid_timezone",
      hint: "Give a zone name from the IANA database, such as America/New_York or Europe/London.",
    });
  }
  return name;
}

/**
 * Returns the single time zone of the country of an E.164 number. Returns undefined when the
 * country has zones that keep different times, because the zone is never guessed. Zones that
 * show the same local time at every hour of the coming year count as one: Germany lists
 * Europe/Berlin and Europe/Zurich (for Büsingen), which always agree.
 */
export function countryTimeZone(e164: string, nowMs: number): string | undefined {
  const country = parsePhoneNumberFromString(e164)?.country;
  if (country === undefined) {
    return undefined;
  }

  const cached = countryZoneCache.get(country);
  if (cached !== undefined) {
    return cached ?? undefined;
  }

  const zones = ct.getCountry(country)?.timezones ?? [];
  const zone = zones.length > 0 && zonesKeepSameTime(zones, nowMs) ? zones[0] : undefined;
  countryZoneCache.set(country, zone ?? null);
  return zone;
}

const countryZoneCache = new Map<string, string | null>();
const HOUR_MS = 3_600_000;
const HOURS_IN_LEAP_YEAR = 366 * 24;

function zonesKeepSameTime(zones: readonly string[], fromMs: number): boolean {
  // The library's offsets rule out most countries cheaply; the hourly check then proves the rest.
  const reference = ct.getTimezone(zones[0] ?? "");
  const sameOffsets = zones.every((zone) => {
    const info = ct.getTimezone(zone);
    return info?.utcOffset === reference?.utcOffset && info?.dstOffset === reference?.dstOffset;
  });
  if (!sameOffsets) {
    return false;
  }

  const startMs = Math.floor(fromMs / HOUR_MS) * HOUR_MS;
  for (let hour = 0; hour < HOURS_IN_LEAP_YEAR; hour += 1) {
    const atMs = startMs + hour * HOUR_MS;
    const expected = localMinuteOfDay(atMs, zones[0] ?? "UTC");
    if (zones.some((zone) => localMinuteOfDay(atMs, zone) !== expected)) {
      return false;
    }
  }
  return true;
}
