// Real, valid phone numbers for the address data set: the mobile example number of each country
// from libphonenumber-js's example metadata, formatted every way the library can. The generator
// then varies the last digits of each row, so that most rows are distinct numbers.
import { getExampleNumber, parsePhoneNumberFromString } from "libphonenumber-js/max";
import examples from "libphonenumber-js/mobile/examples";
import { createWeightedPicker } from "../lib/random.mjs";
import { fillLastDigits } from "./notations.mjs";

/** Countries in the data set with their share of rows (weights, not percentages). */
export const countryWeights = [
  ["US", 25],
  ["GB", 8],
  ["IN", 5],
  ["DE", 4],
  ["FR", 4],
  ["BR", 4],
  ["CA", 3],
  ["MX", 3],
  ["AU", 3],
  ["ES", 2],
  ["IT", 2],
  ["NL", 2],
  ["JP", 2],
  ["CN", 2],
  ["PH", 2],
  ...[
    "KR",
    "SE",
    "NO",
    "DK",
    "FI",
    "PL",
    "PT",
    "IE",
    "BE",
    "CH",
    "AT",
    "CZ",
    "HU",
    "RO",
    "GR",
    "TR",
    "UA",
    "IL",
    "AE",
    "SA",
    "EG",
    "ZA",
    "NG",
    "KE",
    "MA",
    "AR",
    "CL",
    "CO",
    "PE",
    "NZ",
    "SG",
    "MY",
    "TH",
    "ID",
    "VN",
    "PK",
    "BD",
    "HK",
    "TW",
    "LK",
    "QA",
    "KW",
    "JO",
    "GH",
    "CR",
  ].map((country) => [country, 1]),
];

/** How many trailing digits of the example number each row replaces at random. */
const maxVariableDigits = 4;

/** Spreadsheet and CRM spellings of a North American number besides the library's own. */
function nanpVariants(nationalNumber) {
  const area = nationalNumber.slice(0, 3);
  const exchange = nationalNumber.slice(3, 6);
  const line = nationalNumber.slice(6);
  return [
    `${area}-${exchange}-${line}`,
    `${area}.${exchange}.${line}`,
    `1 ${area} ${exchange} ${line}`,
    `1-${area}-${exchange}-${line}`,
    nationalNumber,
  ];
}

function buildCountryNumber(country) {
  const example = getExampleNumber(country, examples);
  if (!example?.isValid()) {
    throw new Error(`libphonenumber-js has no valid example number for ${country}`);
  }
  const nationalNumber = example.nationalNumber;
  const isNanp = example.countryCallingCode === "1";
  return {
    country,
    e164: example.number,
    international: example.formatInternational(),
    national: example.formatNational(),
    rfc3966: example.getURI(),
    nationalVariants: isNanp ? nanpVariants(nationalNumber) : [nationalDigits(example)],
    variableDigits: Math.min(maxVariableDigits, nationalNumber.length - 3),
  };
}

function nationalDigits(example) {
  return example.formatNational().replace(/[^0-9]/g, "");
}

/**
 * Build the number pool: one template per country and a weighted country picker. Throws when a
 * listed country has no valid example, so a metadata update cannot shrink the set silently.
 */
export function buildPhonePool() {
  const numbers = new Map(
    countryWeights.map(([country]) => [country, buildCountryNumber(country)]),
  );
  const pickCountry = createWeightedPicker(countryWeights);
  return {
    countries: [...numbers.keys()],
    pickNumber: (random) => numbers.get(pickCountry(random)),
    numbers,
  };
}

/**
 * Return the share of varied numbers that libphonenumber-js (max metadata) calls valid, from
 * `samplesPerCountry` random variants of each country's template.
 */
export function measureVariantValidity(pool, random, samplesPerCountry) {
  let valid = 0;
  let total = 0;
  for (const number of pool.numbers.values()) {
    for (let index = 0; index < samplesPerCountry; index += 1) {
      const digits = String(Math.floor(random() * 10 ** number.variableDigits)).padStart(
        number.variableDigits,
        "0",
      );
      const parsed = parsePhoneNumberFromString(fillLastDigits(number.e164, digits));
      total += 1;
      if (parsed?.isValid()) {
        valid += 1;
      }
    }
  }
  return valid / total;
}
