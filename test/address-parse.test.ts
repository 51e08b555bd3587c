import { describe, expect, it } from "vitest";
import {
  ADDRESS_ERROR_CODES,
  AddressError,
  type AddressErrorDetails,
  type AddressResult,
  addressKey,
  DuplicateFinder,
  GcdialError,
  type ParsedAddress,
  parseAddress,
  phoneMetadataVersion,
} from "../src/index.js";

function failure(result: AddressResult): AddressErrorDetails {
  if (result.ok) {
    throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  }

  return result.error;
}

function success(result: AddressResult): ParsedAddress {
  if (!result.ok) {
    throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  }

  return result;
}

describe("parseAddress phone numbers", () => {
  it("reads the international prefix of the default country", () => {
    expect(success(parseAddress("00 44 20 7946 0123", { defaultCountry: "FR" })).value).toBe(
      "+442079460123",
    );
    expect(success(parseAddress("0011 44 20 7946 0123", { defaultCountry: "AU" })).value).toBe(
      "+442079460123",
    );
  });

  it("names the right international prefix when 00 is used from US", () => {
    const error = failure(parseAddress("0044 20 7946 0123", { defaultCountry: "US" }));

    expect(error.code).toBe("phone.invalid");
    expect(error.hint).toContain("+442079460123");
    expect(error.hint).toContain("011 44 20 7946 0123");
  });

  it("accepts a lower-case default country", () => {
    expect(success(parseAddress("(201) 555-0123", { defaultCountry: "us" })).value).toBe(
      "+12015550123",
    );
  });

  it("reports an unknown default country as phone.invalid_country", () => {
    const error = failure(parseAddress("201 555 0123", { defaultCountry: "XX" }));

    expect(error.code).toBe("phone.invalid_country");
    expect(error.message).toContain('"XX"');
  });

  it("ignores the default country for international numbers", () => {
    expect(success(parseAddress("+44 20 7946 0123", { defaultCountry: "US" })).value).toBe(
      "+442079460123",
    );
  });

  it.each([
    ["+1 201 555 0123 ext 42", "42"],
    ["+1 201 555 0123 extension 42", "42"],
    ["+1 201 555 0123, ext. 42", "42"],
    ["+1 (201) 555-0123 #7", "7"],
    ["+12015550123x9", "9"],
  ])("reads the extension of %s", (input, extension) => {
    const parsed = success(parseAddress(input));

    expect(parsed.value).toBe("+12015550123");
    expect(parsed.extension).toBe(extension);
  });

  it.each([
    ["+1 555 0100", "too_short"],
    ["+34 900 123 456 789", "too_long"],
    ["+999 1234567", "invalid_country_code"],
    ["0201 555 0123", "too_long"],
    ["+1 201 555 0123 * 2", "invalid_characters"],
    ["+1+201 555 0123", "invalid_characters"],
    ["+", "no_digits"],
  ])("gives %s the reason %s", (input, reason) => {
    const error = failure(parseAddress(input, { defaultCountry: "US" }));

    expect(error.code).toBe("phone.invalid");
    expect(error.reason).toBe(reason);
  });

  it("never emits a number the metadata marks invalid", () => {
    // +1 201 555 012 has one digit too few; libphonenumber-js would still give it an E.164 form.
    expect(failure(parseAddress("+1 201 555 012")).code).toBe("phone.invalid");
    expect(failure(parseAddress("+44 20 7946 01234")).code).toBe("phone.invalid");
  });

  it("suggests ext: for short digits that are not a service number", () => {
    const error = failure(parseAddress("9001", { defaultCountry: "US" }));

    expect(error.reason).toBe("too_short");
    expect(error.hint).toContain("ext:9001");
  });

  it.each([
    ["999", "GB", "emergency number"],
    ["110", "DE", "emergency number"],
    ["000", "AU", "emergency number"],
    ["411", "US", "short service number"],
  ])("rejects %s in %s as an %s", (input, country, what) => {
    const error = failure(parseAddress(input, { defaultCountry: country }));

    expect(error.code).toBe("phone.emergency");
    expect(error.message).toContain(what);
  });

  it("reads a Norwegian mobile starting with 911 as a number", () => {
    expect(success(parseAddress("911 00 000", { defaultCountry: "NO" })).value).toBe("+4791100000");
  });

  it("rejects letters and offers the keypad digits of a vanity number", () => {
    const error = failure(parseAddress("1-800-FLOWERS", { defaultCountry: "US" }));

    expect(error.code).toBe("phone.contains_letters");
    expect(error.hint).toContain("+18003569377");
  });

  it("offers no keypad digits for trailing junk", () => {
    const error = failure(parseAddress("+1 201 555 0123zz"));

    expect(error.code).toBe("phone.contains_letters");
    expect(error.hint).not.toContain("keypad");
  });

  it.each(["1.55E+10", "1,5551234567E+10", "2.015550123e10"])(
    "reports %s as scientific notation",
    (input) => {
      expect(failure(parseAddress(input, { defaultCountry: "US" })).code).toBe(
        "phone.scientific_notation",
      );
    },
  );
});

describe("parseAddress tel: URIs", () => {
  it("joins a local number with a global phone-context", () => {
    const parsed = success(parseAddress("tel:555-0123;phone-context=+1-201"));

    expect(parsed.value).toBe("+12015550123");
  });

  it("rejects a local number with a domain phone-context", () => {
    const error = failure(parseAddress("tel:7042;phone-context=example.com"));

    expect(error.code).toBe("phone.invalid");
    expect(error.reason).toBe("local_number");
  });

  it("rejects a local number without phone-context", () => {
    expect(failure(parseAddress("tel:2015550123", { defaultCountry: "US" })).reason).toBe(
      "missing_phone_context",
    );
  });

  it("reads parameter names without regard to case", () => {
    expect(success(parseAddress("TEL:+1-201-555-0123;EXT=42")).extension).toBe("42");
  });

  it("rejects letters in a tel: URI", () => {
    expect(failure(parseAddress("tel:+1-201-555-ABCD")).code).toBe("phone.contains_letters");
  });

  it("reports tel: without a number as empty", () => {
    expect(failure(parseAddress("tel:")).code).toBe("address.empty");
  });
});

describe("parseAddress clean-up", () => {
  it("reports removed format characters", () => {
    const parsed = success(parseAddress("\u200b+1 201 555 0123\ufeff"));

    expect(parsed.value).toBe("+12015550123");
    expect(parsed.cleanup).toEqual([
      { codePoint: "U+200B", action: "removed", description: "ZERO WIDTH SPACE" },
      {
        codePoint: "U+FEFF",
        action: "removed",
        description: "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)",
      },
    ]);
  });

  it("reads no-break spaces as spaces", () => {
    const parsed = success(parseAddress("+1\u00a0201\u202f555\u00a00123"));

    expect(parsed.value).toBe("+12015550123");
    expect(parsed.cleanup?.map((change) => change.codePoint)).toEqual(["U+00A0", "U+202F"]);
  });

  it("reads digits of other scripts", () => {
    // Devanagari digits: +९१ ९८७६५ ४३२१० is an Indian mobile number.
    const parsed = success(
      parseAddress("+\u096f\u0967 \u096f\u096e\u096d\u096c\u096b \u096a\u0969\u0968\u0967\u0966"),
    );

    expect(parsed.value).toBe("+919876543210");
    expect(parsed.cleanup?.[0]).toEqual({
      codePoint: "U+096F",
      action: "replaced",
      description: "decimal digit 9 of another script",
    });
  });

  it("reports full-width characters it replaced", () => {
    const parsed = success(parseAddress("\uff0b\uff14\uff14 20 7946 0123"));

    expect(parsed.value).toBe("+442079460123");
    expect(parsed.cleanup?.map((change) => change.codePoint)).toEqual(["U+FF0B", "U+FF14"]);
  });

  it("keeps the clean-up on a failure", () => {
    const error = failure(parseAddress("\u202d911\u202c", { defaultCountry: "US" }));

    expect(error.code).toBe("phone.emergency");
    expect(error.cleanup?.length).toBe(2);
  });

  it("leaves cleanup out when nothing changed", () => {
    expect(success(parseAddress("+12015550123")).cleanup).toBeUndefined();
  });
});

describe("parseAddress other kinds", () => {
  it.each([
    [
      "sip:alice@sip.example.com:5061;transport=tls",
      "sip:alice@sip.example.com:5061;transport=tls",
    ],
    ["sip:+12015550123@10.0.0.5", "sip:+12015550123@10.0.0.5"],
    ["sips:bob@[2001:db8::1]", "sips:bob@[2001:db8::1]"],
    ["SIP:Alice@Example.com", "SIP:Alice@Example.com"],
  ])("keeps the SIP URI %s verbatim", (input, value) => {
    const parsed = success(parseAddress(input));

    expect(parsed.kind).toBe("sip");
    expect(parsed.value).toBe(value);
  });

  it.each([
    ["sip:@example.com", "no user"],
    ["sip:alice@", "no host"],
    ["sip:al ice@example.com", "white space"],
    ["sip:alice@exa_mple.com", "not a host name"],
    ["sip:alice@example.com:70000", "port"],
  ])("rejects the SIP URI %s (%s)", (input, problem) => {
    const error = failure(parseAddress(input));

    expect(error.code).toBe("sip.invalid");
    expect(error.message).toContain(problem);
  });

  it.each(["ext:1", "ext:1234567", "ext:12a"])("rejects the extension %s", (input) => {
    expect(failure(parseAddress(input)).code).toBe("address.invalid_id");
  });

  it("lower-cases ids", () => {
    const parsed = success(parseAddress("queue:6F1C2B1E-0000-4000-8000-000000000002"));

    expect(parsed.value).toBe("6f1c2b1e-0000-4000-8000-000000000002");
    expect(parsed.by).toBeUndefined();
  });

  it.each(["user:alice", "contact:alice@example.com", "genesys://user/123"])(
    "rejects %s as an invalid id",
    (input) => {
      expect(failure(parseAddress(input)).code).toBe("address.invalid_id");
    },
  );

  it.each(["http://example.com", "callto:+12015550123", "genesys://team/1", "genesys:user/1"])(
    "rejects the scheme of %s",
    (input) => {
      expect(failure(parseAddress(input)).code).toBe("address.unsupported_scheme");
    },
  );

  it.each(["ext:", "queue:  ", "contact:", "sip:", "genesys://queue/"])(
    "reports %s as empty",
    (input) => {
      expect(failure(parseAddress(input)).code).toBe("address.empty");
    },
  );

  it("reports a bare word as ambiguous", () => {
    const error = failure(parseAddress("Sales"));

    expect(error.code).toBe("address.ambiguous");
    expect(error.hint).toContain("queue:Sales");
  });
});

describe("parseAddress errors", () => {
  it("carry the input, the field, a message naming the value and a hint", () => {
    const error = failure(parseAddress("0201 555 0123", { defaultCountry: "US", field: "to" }));

    expect(error.input).toBe("0201 555 0123");
    expect(error.field).toBe("to");
    expect(error.message).toContain('"0201 555 0123"');
    expect(error.message.startsWith("to: ")).toBe(true);
    expect(error.hint.length).toBeGreaterThan(10);
  });

  it("use only documented codes", () => {
    const inputs = [
      "",
      "mailto:a@b.c",
      "alice@example.com",
      "user:x",
      "2015550123",
      "9001",
      "ABC1",
      "911",
      "1E+10",
      "sip:x",
    ];
    for (const input of inputs) {
      const error = failure(
        parseAddress(input, { defaultCountry: input === "2015550123" ? undefined : "US" }),
      );
      expect(ADDRESS_ERROR_CODES).toContain(error.code);
    }
  });

  it("never throw for a non-string from an untyped caller", () => {
    const untyped = parseAddress as (input: unknown) => AddressResult;

    expect(failure(untyped(undefined)).code).toBe("address.empty");
    expect(failure(untyped(12015550123)).code).toBe("phone.invalid_country");
  });

  it("never throw for options from an untyped caller", () => {
    const untyped = parseAddress as (input: string, options: unknown) => AddressResult;

    expect(success(untyped("+12015550123", null)).value).toBe("+12015550123");
    expect(failure(untyped("2015550123", { defaultCountry: 1 })).code).toBe(
      "phone.invalid_country",
    );
  });

  it("convert to a throwable AddressError", () => {
    const result = parseAddress("911", { defaultCountry: "US", field: "to" });
    if (result.ok) {
      throw new Error("911 must be rejected");
    }

    const error = AddressError.fromFailure(result);

    expect(error).toBeInstanceOf(GcdialError);
    expect(error.code).toBe("phone.emergency");
    expect(error.hint).toBe(result.error.hint);
    expect(error.toJSON()).toMatchObject({
      name: "AddressError",
      code: "phone.emergency",
      field: "to",
      input: "911",
    });
  });
});

describe("addressKey", () => {
  const keyOf = (input: string) =>
    addressKey(success(parseAddress(input, { defaultCountry: "US" })));

  it("treats notations of one number as one key", () => {
    expect(keyOf("(201) 555-0123")).toBe(keyOf("tel:+1-201-555-0123"));
    expect(keyOf("+1 201 555 0123 x4")).toBe(keyOf("tel:+12015550123;ext=4"));
  });

  it("keeps different extensions apart", () => {
    expect(keyOf("+1 201 555 0123 x4")).not.toBe(keyOf("+1 201 555 0123 x5"));
    expect(keyOf("+1 201 555 0123 x4")).not.toBe(keyOf("+1 201 555 0123"));
  });

  it("compares SIP hosts without case but user parts with case", () => {
    expect(keyOf("sip:alice@SIP.Example.com")).toBe(keyOf("SIP:alice@sip.example.com"));
    expect(keyOf("sip:Alice@sip.example.com")).not.toBe(keyOf("sip:alice@sip.example.com"));
  });

  it("compares queue names and emails without case", () => {
    expect(keyOf("queue:Sales")).toBe(keyOf("queue:sales"));
    expect(keyOf("user:Alice@Example.com")).toBe(keyOf("user:alice@example.com"));
  });
});

describe("DuplicateFinder", () => {
  const parsed = (input: string) => success(parseAddress(input, { defaultCountry: "US" }));

  it("returns the first line of a repeated address", () => {
    const finder = new DuplicateFinder();

    expect(finder.firstLineOf(parsed("+12015550123"), 2)).toBeUndefined();
    expect(finder.firstLineOf(parsed("queue:Sales"), 3)).toBeUndefined();
    expect(finder.firstLineOf(parsed("201.555.0123"), 4)).toBe(2);
    expect(finder.firstLineOf(parsed("queue:sales"), 5)).toBe(3);
    expect(finder.firstLineOf(parsed("+1 201 555 0123 x1"), 6)).toBeUndefined();
    expect(finder.firstLineOf(parsed("+1 201 555 0123 x01"), 7)).toBeUndefined();
    expect(finder.firstLineOf(parsed("tel:+1-201-555-0123;ext=1"), 8)).toBe(6);
    expect(finder.firstLineOf(parsed("sip:desk@sip.example.com"), 9)).toBeUndefined();
    expect(finder.firstLineOf(parsed("sip:desk@SIP.example.com"), 10)).toBe(9);
    expect(finder.size).toBe(5);
  });

  it("keeps every number while its table grows", () => {
    const finder = new DuplicateFinder();
    const base = 12_015_550_000;
    for (let index = 0; index < 5000; index += 1) {
      const number: ParsedAddress = {
        ok: true,
        kind: "phone",
        value: `+${base + index * 7}`,
        input: "",
      };
      expect(finder.firstLineOf(number, index + 2)).toBeUndefined();
    }

    for (let index = 0; index < 5000; index += 1) {
      const number: ParsedAddress = {
        ok: true,
        kind: "phone",
        value: `+${base + index * 7}`,
        input: "",
      };
      expect(finder.firstLineOf(number, 99_999)).toBe(index + 2);
    }

    expect(finder.size).toBe(5000);
  });
});

describe("phoneMetadataVersion", () => {
  it("names libphonenumber-js and its metadata version", () => {
    expect(phoneMetadataVersion()).toMatch(
      /^libphonenumber-js \d+\.\d+\.\d+, metadata \d+\.\d+\.\d+$/,
    );
  });
});
