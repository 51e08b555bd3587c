import fc from "fast-check";
import {
  type CountryCode,
  getCountries,
  getExampleNumber,
  isValidPhoneNumber,
} from "libphonenumber-js/max";
import examples from "libphonenumber-js/mobile/examples";
import { describe, expect, it } from "vitest";
import { parseAddress } from "../src/index.js";

const countries = getCountries();

/** Example numbers of every country (libphonenumber's own examples), as numbers that must pass. */
const exampleNumbers = countries
  .map((country) => ({ country, number: getExampleNumber(country, examples) }))
  .filter((entry) => entry.number?.isValid() === true);

const anyCountry = fc.option(fc.constantFrom<CountryCode>(...countries), { nil: undefined });

/** Text made of the characters phone numbers are written with, to reach the phone parser often. */
const phoneLikeText = fc
  .array(fc.constantFrom(..."0123456789+-. ()x#;=:etlsipEXT\u00a0\u200b\u202d\uff10\u0660"), {
    maxLength: 30,
  })
  .map((characters) => characters.join(""));

describe("parseAddress properties", () => {
  it("never throws for any string", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.string({ unit: "grapheme-composite" }),
          phoneLikeText,
        ),
        anyCountry,
        (input, country) => {
          const result = parseAddress(input, { defaultCountry: country });
          expect(typeof result.ok).toBe("boolean");
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("returns only valid E.164 phone numbers", () => {
    fc.assert(
      fc.property(phoneLikeText, anyCountry, (input, country) => {
        const result = parseAddress(input, { defaultCountry: country });
        if (result.ok && result.kind === "phone") {
          expect(result.value).toMatch(/^\+[1-9]\d{1,14}$/);
          expect(isValidPhoneNumber(result.value)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("normalises every format of a valid number to the same number", () => {
    fc.assert(
      fc.property(fc.constantFrom(...exampleNumbers), ({ country, number }) => {
        const e164 = number?.number ?? "";
        const formats = [
          e164,
          number?.formatInternational() ?? "",
          number?.format("RFC3966") ?? "",
        ];
        for (const text of formats) {
          const result = parseAddress(text);
          expect(result).toMatchObject({ ok: true, value: e164 });
        }

        const national = parseAddress(number?.formatNational() ?? "", { defaultCountry: country });
        expect(national).toMatchObject({ ok: true, value: e164 });
      }),
      { numRuns: 500 },
    );
  });

  it("keeps any valid number with an extension", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...exampleNumbers),
        fc.stringMatching(/^\d{1,6}$/),
        ({ number }, extension) => {
          const result = parseAddress(`${number?.formatInternational() ?? ""} ext. ${extension}`);
          expect(result).toMatchObject({ ok: true, value: number?.number });
          expect(result).toMatchObject({ extension });
        },
      ),
      { numRuns: 300 },
    );
  });
});
