import { BulkUsageError } from "./errors.js";
import type { CallingWindow } from "./types.js";

const WINDOW_PATTERN = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

/**
 * Parses `HH:MM-HH:MM` (24-hour clock, end exclusive). A start later than the end crosses
 * midnight: `22:00-06:00` allows 22:00 to 05:59.
 */
export function parseCallingWindow(text: string): CallingWindow {
  const match = WINDOW_PATTERN.exec(text.trim());
  if (match === null) {
    throw windowError(text, "is not in the form HH:MM-HH:MM");
  }

  const [, startHour, startMinute, endHour, endMinute] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const start = toMinuteOfDay(text, startHour, startMinute);
  const end = toMinuteOfDay(text, endHour, endMinute);
  if (start === end) {
    throw windowError(text, "starts and ends at the same time");
  }

  return { startMinute: start, endMinute: end, text: text.trim() };
}

/** Returns true when `minuteOfDay` (0..1439, local time) falls inside the window. */
export function isInsideWindow(window: CallingWindow, minuteOfDay: number): boolean {
  if (window.startMinute < window.endMinute) {
    return minuteOfDay >= window.startMinute && minuteOfDay < window.endMinute;
  }

  return minuteOfDay >= window.startMinute || minuteOfDay < window.endMinute;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Returns the local minute of the day (0..1439) at `epochMs` in the IANA zone `timeZone`. */
export function localMinuteOfDay(epochMs: number, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hour: "numeric",
      minute: "numeric",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }

  let hour = 0;
  let minute = 0;
  for (const part of formatter.formatToParts(new Date(epochMs))) {
    if (part.type === "hour") {
      hour = Number(part.value);
    } else if (part.type === "minute") {
      minute = Number(part.value);
    }
  }
  return (hour % 24) * 60 + minute;
}

function toMinuteOfDay(text: string, hour: number, minute: number): number {
  if (hour > 23 || minute > 59) {
    throw windowError(text, "has a time outside 00:00-23:59");
  }
  return hour * 60 + minute;
}

function windowError(text: string, problem: string): BulkUsageError {
  return new BulkUsageError(`The calling window "${text}" ${problem}.`, {
    code: "bulk.invalid_window",
    hint: "Write --window as HH:MM-HH:MM in the callee's local time, such as 09:00-20:00 or 22:00-06:00.",
  });
}
