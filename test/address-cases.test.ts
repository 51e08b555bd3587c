import { describe, expect, it } from "vitest";
import { type ParsedAddress, parseAddress } from "../src/address/index.js";

type Expected =
  | { ok: true; kind: string; value: string; extension?: string; by?: string }
  | { ok: false; code: string };

interface FieldCase {
  note: string;
  input: string;
  country: string | undefined;
  expected: Expected;
}

/**
 * Addresses as people and tools write them, with the result gcdial must return. Phone numbers
 * are invented (+1 201 555 01xx, +44 20 7946 0xxx) and ids belong to the emulator's demo org.
 */
const FIELD_CASES: FieldCase[] = [
  {
    note: "international, punctuation",
    input: "+1 201-555-0123",
    country: undefined,
    expected: { ok: true, kind: "phone", value: "+12015550123" },
  },
  {
    note: "national, default region",
    input: "(201) 555-0123",
    country: "US",
    expected: { ok: true, kind: "phone", value: "+12015550123" },
  },
  {
    note: "dots",
    input: "201.555.0123",
    country: "US",
    expected: { ok: true, kind: "phone", value: "+12015550123" },
  },
  {
    note: "national with trunk 1, no plus",
    input: "12015550123",
    country: "US",
    expected: { ok: true, kind: "phone", value: "+12015550123" },
  },
  {
    note: "RFC 3966 tel URI with visual separators",
    input: "tel:+1-201-555-0123",
    country: undefined,
    expected: { ok: true, kind: "phone", value: "+12015550123" },
  },
  {
    note: "tel URI",
    input: "tel:+12015550123",
    country: undefined,
    expected: { ok: true, kind: "phone", value: "+12015550123" },
  },
  {
    note: "no plus and no default region: cannot know the country",
    input: "12015550123",
    country: undefined,
    expected: { ok: false, code: "phone.invalid_country" },
  },
  {
    note: "local tel URI without phone-context is not dialable",
    input: "tel:12015550123",
    country: undefined,
    expected: { ok: false, code: "phone.invalid" },
  },
  {
    note: "malformed notation",
    input: "genesys:user/123",
    country: undefined,
    expected: { ok: false, code: "address.unsupported_scheme" },
  },
  {
    note: "SIP URI stays a SIP URI, never re-read as a phone number",
    input: "sip:+12015550123@sip.example.com",
    country: undefined,
    expected: { ok: true, kind: "sip", value: "sip:+12015550123@sip.example.com" },
  },
  {
    note: "stray trunk zero: never emit +1020...",
    input: "0201 555 0123",
    country: "US",
    expected: { ok: false, code: "phone.invalid" },
  },
  {
    note: "trunk 0 after country code",
    input: "+44 020 7946 0123",
    country: "GB",
    expected: { ok: true, kind: "phone", value: "+442079460123" },
  },
  {
    note: "bracketed trunk 0",
    input: "+44 (0) 20 7946 0123",
    country: undefined,
    expected: { ok: true, kind: "phone", value: "+442079460123" },
  },
  {
    note: "00 is the international prefix from DE",
    input: "0044 20 7946 0123",
    country: "DE",
    expected: { ok: true, kind: "phone", value: "+442079460123" },
  },
  {
    note: "from US the international prefix is 011: never emit +1004...",
    input: "0044 20 7946 0123",
    country: "US",
    expected: { ok: false, code: "phone.invalid" },
  },
  {
    note: "011 from US",
    input: "011 44 20 7946 0123",
    country: "US",
    expected: { ok: true, kind: "phone", value: "+442079460123" },
  },
  {
    note: "extension, ext. form",
    input: "+1 201-555-0123 ext. 42",
    country: undefined,
    expected: { ok: true, kind: "phone", value: "+12015550123", extension: "42" },
  },
  {
    note: "extension, x form",
    input: "+1 201 555 0123 x42",
    country: undefined,
    expected: { ok: true, kind: "phone", value: "+12015550123", extension: "42" },
  },
  {
    note: "extension, RFC 3966",
    input: "tel:+12015550123;ext=42",
    country: undefined,
    expected: { ok: true, kind: "phone", value: "+12015550123", extension: "42" },
  },
  {
    note: "Italian leading zero is part of the number",
    input: "02 1234 5678",
    country: "IT",
    expected: { ok: true, kind: "phone", value: "+390212345678" },
  },
  {
    note: "letters are rejected, never dropped or converted silently",
    input: "+1 201 555 ABCD",
    country: undefined,
    expected: { ok: false, code: "phone.contains_letters" },
  },
  {
    note: "trailing junk",
    input: "+1 201 555 0123zz",
    country: undefined,
    expected: { ok: false, code: "phone.contains_letters" },
  },
  {
    note: "bidi controls pasted from a contacts app",
    input: "\u202d+44 20 7946 0123\u202c",
    country: undefined,
    expected: { ok: true, kind: "phone", value: "+442079460123" },
  },
  {
    note: "full-width plus",
    input: "\uff0b442079460123",
    country: undefined,
    expected: { ok: true, kind: "phone", value: "+442079460123" },
  },
  {
    note: "Arabic-Indic digits",
    input: "\u0660\u0662\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668",
    country: "IT",
    expected: { ok: true, kind: "phone", value: "+390212345678" },
  },
  {
    note: "emergency number",
    input: "911",
    country: "US",
    expected: { ok: false, code: "phone.emergency" },
  },
  {
    note: "emergency number",
    input: "112",
    country: "DE",
    expected: { ok: false, code: "phone.emergency" },
  },
  {
    note: "a mobile that merely starts with 911",
    input: "+47 911 00 000",
    country: undefined,
    expected: { ok: true, kind: "phone", value: "+4791100000" },
  },
  {
    note: "a number mangled by a spreadsheet",
    input: "1.5551234567E+10",
    country: "US",
    expected: { ok: false, code: "phone.scientific_notation" },
  },
  { note: "empty", input: "", country: undefined, expected: { ok: false, code: "address.empty" } },
  {
    note: "blank",
    input: "   ",
    country: undefined,
    expected: { ok: false, code: "address.empty" },
  },
  {
    note: "user by id",
    input: "user:6f1c2b1e-0000-4000-8000-000000000001",
    country: undefined,
    expected: { ok: true, kind: "user", value: "6f1c2b1e-0000-4000-8000-000000000001" },
  },
  {
    note: "tutorial notation for a user",
    input: "genesys://user/6f1c2b1e-0000-4000-8000-000000000001",
    country: undefined,
    expected: { ok: true, kind: "user", value: "6f1c2b1e-0000-4000-8000-000000000001" },
  },
  {
    note: "user by email (resolved by lookup when the call is placed)",
    input: "user:alice@example.com",
    country: undefined,
    expected: { ok: true, kind: "user", value: "alice@example.com", by: "email" },
  },
  {
    note: "queue by name",
    input: "queue:Sales Support",
    country: undefined,
    expected: { ok: true, kind: "queue", value: "Sales Support", by: "name" },
  },
  {
    note: "tutorial notation for a queue",
    input: "genesys://queue/6f1c2b1e-0000-4000-8000-000000000002",
    country: undefined,
    expected: { ok: true, kind: "queue", value: "6f1c2b1e-0000-4000-8000-000000000002" },
  },
  {
    note: "a bare id could be a user or a queue",
    input: "6f1c2b1e-0000-4000-8000-000000000001",
    country: undefined,
    expected: { ok: false, code: "address.ambiguous" },
  },
  {
    note: "a bare email could be a user or a SIP address",
    input: "alice@example.com",
    country: undefined,
    expected: { ok: false, code: "address.ambiguous" },
  },
  {
    note: "secure SIP",
    input: "sips:alice@example.com",
    country: undefined,
    expected: { ok: true, kind: "sip", value: "sips:alice@example.com" },
  },
  {
    note: "SIP URI without a host",
    input: "sip:alice",
    country: undefined,
    expected: { ok: false, code: "sip.invalid" },
  },
  {
    note: "not a call address",
    input: "mailto:alice@example.com",
    country: undefined,
    expected: { ok: false, code: "address.unsupported_scheme" },
  },
  {
    note: "too long for Spain",
    input: "+34 900 123 456 789",
    country: undefined,
    expected: { ok: false, code: "phone.invalid" },
  },
  {
    note: "too short",
    input: "+1 555 0100",
    country: undefined,
    expected: { ok: false, code: "phone.invalid" },
  },
  {
    note: "internal extension, dialled as the org dial plan says",
    input: "ext:9001",
    country: undefined,
    expected: { ok: true, kind: "extension", value: "9001" },
  },
  {
    note: "short digits are not a phone number unless marked ext:",
    input: "9001",
    country: "US",
    expected: { ok: false, code: "phone.invalid" },
  },
  {
    note: "external contact by id",
    input: "contact:6f1c2b1e-0000-4000-8000-000000000003",
    country: undefined,
    expected: { ok: true, kind: "contact", value: "6f1c2b1e-0000-4000-8000-000000000003" },
  },
  {
    note: "tutorial notation for an external contact",
    input: "genesys://external/6f1c2b1e-0000-4000-8000-000000000003",
    country: undefined,
    expected: { ok: true, kind: "contact", value: "6f1c2b1e-0000-4000-8000-000000000003" },
  },
  {
    note: "kind without a value",
    input: "user:",
    country: undefined,
    expected: { ok: false, code: "address.empty" },
  },
];

describe("parseAddress on addresses from the field", () => {
  it.each(FIELD_CASES)("$note: $input", ({ input, country, expected }) => {
    const result = parseAddress(input, { defaultCountry: country });

    if (!expected.ok) {
      expect(result.ok).toBe(false);
      expect(result.ok ? undefined : result.error.code).toBe(expected.code);
      return;
    }

    expect(result.ok ? undefined : result.error).toBeUndefined();
    const parsed = result as ParsedAddress;
    expect(parsed.kind).toBe(expected.kind);
    expect(parsed.value).toBe(expected.value);
    expect(parsed.extension).toBe(expected.extension);
    expect(parsed.by).toBe(expected.by);
  });
});
