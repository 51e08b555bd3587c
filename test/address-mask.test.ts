import { describe, expect, it } from "vitest";
import { maskAddress, maskPhoneNumbersInText } from "../src/index.js";

describe("maskAddress", () => {
  it.each([
    ["+12015550123", "+1201*****23"],
    ["+442079460123", "+4420******23"],
    ["tel:+1-201-555-0123", "tel:+1-201-***-**23"],
    ["sip:+12015550123@sip.example.com", "sip:+1201*****23@sip.example.com"],
    ["sip:desk@sip.example.com", "sip:d***@sip.example.com"],
    ["user:alice@example.com", "user:a***@example.com"],
    ["ext:9001", "ext:9001"],
    ["queue:Sales", "queue:Sales"],
    ["user:6f1c2b1e-0000-4000-8000-000000000001", "user:6f1c2b1e-0000-4000-8000-000000000001"],
  ])("masks %s as %s", (input, masked) => {
    expect(maskAddress(input)).toBe(masked);
  });
});

describe("maskPhoneNumbersInText", () => {
  it("masks numbers in any notation", () => {
    expect(maskPhoneNumbersInText("calling +1 (201) 555-0123 now")).toBe(
      "calling +1 (201) ***-**23 now",
    );
    expect(maskPhoneNumbersInText("line 4: 201.555.0123")).toBe("line 4: 201.5**.**23");
  });

  it("keeps ids, dates, status codes and durations", () => {
    const text =
      "POST /api/v2/conversations/calls/user/6f1c2b1e-0000-4000-8000-000000000001 429 on 2026-12-04 in 1234 ms";

    expect(maskPhoneNumbersInText(text)).toBe(text);
  });

  it("masks every number of a line", () => {
    expect(maskPhoneNumbersInText("+12015550123 and +442079460123")).toBe(
      "+1201*****23 and +4420******23",
    );
  });
});
