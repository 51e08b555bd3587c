import {
  type CountryCode,
  Metadata,
  type PhoneNumber,
  validatePhoneNumberLength,
} from "libphonenumber-js/max";

/** The part of libphonenumber-js's `Metadata` used here, which its published types omit. */
interface NumberingPlanReader {
  selectNumberingPlan(countryOrCallingCode: string): unknown;
  numberingPlan?: { possibleLengths(): number[] | undefined };
}

const possibleLengthsByCallingCode = new Map<string, readonly number[] | undefined>();

/**
 * Says why a number the metadata rejects is invalid: `too_short`, `too_long`, `invalid_length`,
 * `invalid_country_code`, `not_a_number` or `not_in_plan`. A parsed number's national number is
 * compared with the possible lengths of its calling code, which saves a second parse per invalid
 * row. Otherwise libphonenumber-js's `validatePhoneNumberLength` decides.
 */
export function invalidNumberReason(
  text: string,
  country: CountryCode | undefined,
  parsed: PhoneNumber | undefined,
): string {
  const lengths = parsed === undefined ? undefined : possibleLengths(parsed.countryCallingCode);
  if (parsed === undefined || lengths === undefined || lengths.length === 0) {
    return reasonFromLengthCheck(text, country);
  }

  const length = parsed.nationalNumber.length;
  if (length < (lengths[0] ?? 0)) {
    return "too_short";
  }

  if (length > (lengths.at(-1) ?? Number.POSITIVE_INFINITY)) {
    return "too_long";
  }

  return lengths.includes(length) ? "not_in_plan" : "invalid_length";
}

function possibleLengths(callingCode: string): readonly number[] | undefined {
  if (!possibleLengthsByCallingCode.has(callingCode)) {
    possibleLengthsByCallingCode.set(callingCode, readPossibleLengths(callingCode));
  }

  return possibleLengthsByCallingCode.get(callingCode);
}

function readPossibleLengths(callingCode: string): readonly number[] | undefined {
  try {
    const metadata = new Metadata() as unknown as NumberingPlanReader;
    metadata.selectNumberingPlan(callingCode);
    return metadata.numberingPlan?.possibleLengths();
  } catch {
    return undefined;
  }
}

function reasonFromLengthCheck(text: string, country: CountryCode | undefined): string {
  let verdict: string | undefined;
  try {
    verdict = validatePhoneNumberLength(
      text,
      country === undefined ? undefined : { defaultCountry: country },
    );
  } catch {
    verdict = "NOT_A_NUMBER";
  }

  switch (verdict) {
    case "TOO_SHORT":
      return "too_short";
    case "TOO_LONG":
      return "too_long";
    case "INVALID_LENGTH":
      return "invalid_length";
    case "INVALID_COUNTRY":
      return "invalid_country_code";
    case "NOT_A_NUMBER":
      return "not_a_number";
    default:
      return "not_in_plan";
  }
}
