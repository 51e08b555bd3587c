import { createRequire } from "node:module";
import type {
  PhoneNumber,
  PhoneNumberUtil,
  RegionCode,
  ShortNumberInfo,
} from "google-libphonenumber";

/** Use of a short number in a country, per libphonenumber's short-number metadata. */
export type ShortNumberClass = "emergency" | "service";

interface ShortNumberTools {
  util: PhoneNumberUtil;
  info: ShortNumberInfo;
}

let tools: ShortNumberTools | undefined;

/**
 * Loads google-libphonenumber on first use. Its bundle takes tens of milliseconds to load, and
 * only a national number that is not a valid full number needs it, so the CLI starts without it.
 * libphonenumber-js does not ship the short-number metadata (emergency and service numbers).
 */
function loadTools(): ShortNumberTools {
  if (tools === undefined) {
    const require = createRequire(import.meta.url);
    const library = require("google-libphonenumber") as typeof import("google-libphonenumber");
    tools = {
      util: library.PhoneNumberUtil.getInstance(),
      info: library.ShortNumberInfo.getInstance(),
    };
  }

  return tools;
}

/**
 * Classifies national digits as an emergency number (911, 112, 999) or a short service number
 * (411, 116 123) of `country`; returns `undefined` for anything else. Carrier-specific short codes
 * and SMS-only codes are not service numbers a caller could mean: they stay plain invalid numbers.
 */
export function classifyShortNumber(
  digits: string,
  country: RegionCode,
): ShortNumberClass | undefined {
  const { util, info } = loadTools();
  if (info.isEmergencyNumber(digits, country)) {
    return "emergency";
  }

  let number: PhoneNumber;
  try {
    number = util.parse(digits, country);
  } catch {
    return undefined;
  }

  if (!info.isValidShortNumberForRegion(number, country)) {
    return undefined;
  }

  if (
    info.isCarrierSpecificForRegion(number, country) ||
    info.isSmsServiceForRegion(number, country)
  ) {
    return undefined;
  }

  return "service";
}
