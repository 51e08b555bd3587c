import { describe, expect, it } from "vitest";
import {
  isInsideWindow,
  localMinuteOfDay,
  parseCallingWindow,
} from "../src/bulk/calling-window.js";
import { checkTimeZoneOption, countryTimeZone, isValidTimeZone } from "../src/bulk/time-zones.js";

const JUNE_15_2026_1200_UTC = Date.UTC(2026, 5, 15, 12, 0);
const JANUARY_15_2026_1200_UTC = Date.UTC(2026, 0, 15, 12, 0);

describe("calling window", () => {
  it("parses a daytime window", () => {
    expect(parseCallingWindow("09:00-20:00")).toEqual({
      startMinute: 540,
      endMinute: 1200,
      text: "09:00-20:00",
    });
  });

  it("includes the start and excludes the end", () => {
    const window = parseCallingWindow("09:00-20:00");

    expect(isInsideWindow(window, 539)).toBe(false);
    expect(isInsideWindow(window, 540)).toBe(true);
    expect(isInsideWindow(window, 1199)).toBe(true);
    expect(isInsideWindow(window, 1200)).toBe(false);
  });

  it("crosses midnight", () => {
    const window = parseCallingWindow("22:00-06:00");

    expect(isInsideWindow(window, 23 * 60)).toBe(true);
    expect(isInsideWindow(window, 0)).toBe(true);
    expect(isInsideWindow(window, 5 * 60 + 59)).toBe(true);
    expect(isInsideWindow(window, 6 * 60)).toBe(false);
    expect(isInsideWindow(window, 12 * 60)).toBe(false);
  });

  it.each([
    ["9-17", "HH:MM-HH:MM"],
    ["24:00-06:00", "outside 00:00-23:59"],
    ["09:60-10:00", "outside 00:00-23:59"],
    ["09:00-09:00", "same time"],
  ])("rejects %s", (text, problem) => {
    expect(() => parseCallingWindow(text)).toThrow(
      expect.objectContaining({
        code: "bulk.invalid_window",
        message: expect.stringContaining(problem),
      }),
    );
  });

  it("names the value in the error", () => {
    expect(() => parseCallingWindow("noon")).toThrow(/"noon"/);
  });
});

describe("local time", () => {
  it("follows daylight saving time", () => {
    expect(localMinuteOfDay(JUNE_15_2026_1200_UTC, "America/New_York")).toBe(8 * 60);
    expect(localMinuteOfDay(JANUARY_15_2026_1200_UTC, "America/New_York")).toBe(7 * 60);
  });

  it("handles half-hour zones", () => {
    expect(localMinuteOfDay(JANUARY_15_2026_1200_UTC, "Asia/Kolkata")).toBe(17 * 60 + 30);
  });
});

describe("time zones", () => {
  it("accepts IANA names", () => {
    expect(isValidTimeZone("Europe/London")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
  });

  it("rejects unknown names", () => {
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });

  it("names a bad zone option", () => {
    expect(() => checkTimeZoneOption("Europe/Londn")).toThrow(
      expect.objectContaining({
        code: "bulk.invalid_timezone",
        message: expect.stringContaining('"Europe/Londn"'),
      }),
    );
  });

  it("finds the zone of a one-zone country", () => {
    expect(countryTimeZone("+442079460123", JUNE_15_2026_1200_UTC)).toBe("Europe/London");
  });

  it("treats zones that always agree as one", () => {
    expect(countryTimeZone("+4930901820", JUNE_15_2026_1200_UTC)).toBe("Europe/Berlin");
  });

  it("never guesses for a country with several zones", () => {
    expect(countryTimeZone("+12015550123", JUNE_15_2026_1200_UTC)).toBeUndefined();
    expect(countryTimeZone("+61291234567", JUNE_15_2026_1200_UTC)).toBeUndefined();
  });
});
