import { type CountryCode, isSupportedCountry } from "libphonenumber-js/max";

let displayNames: Intl.DisplayNames | undefined;

// A contacts file names few countries, and asking ICU for a name costs more than parsing the
// number, so each description is computed once.
const descriptions = new Map<string, string>();

/** Names a country for messages: `United States (US)`, or just the code without ICU data. */
export function describeCountry(country: string): string {
  let description = descriptions.get(country);
  if (description === undefined) {
    description = lookUpCountryName(country);
    descriptions.set(country, description);
  }

  return description;
}

function lookUpCountryName(country: string): string {
  try {
    displayNames ??= new Intl.DisplayNames(["en"], { type: "region" });
    const name = displayNames.of(country);
    return name === undefined || name === country ? country : `${name} (${country})`;
  } catch {
    return country;
  }
}

/** Result of reading a default-country option. */
export type CountryOption =
  | { ok: true; country: CountryCode | undefined }
  | { ok: false; given: string };

/**
 * Reads a default-country option. Absent or blank means none, and `us` is read as `US`. A code
 * missing from the phone metadata is returned as an error for the caller to report.
 */
export function readCountryOption(value: string | undefined): CountryOption {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
    return { ok: true, country: undefined };
  }

  if (typeof value !== "string") {
    return { ok: false, given: String(value) };
  }

  const code = value.trim().toUpperCase();
  if (!isSupportedCountry(code)) {
    return { ok: false, given: value };
  }

  return { ok: true, country: code };
}
