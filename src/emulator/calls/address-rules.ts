import type { AddressRules } from "../types.js";

const E164 = /^\+[1-9]\d{1,14}$/;
// RFC 3966 global number: "+" then digits with optional visual separators, then parameters.
const TEL_URI = /^tel:(\+[0-9().-]+)((?:;[A-Za-z0-9-]+(?:=[^;\s]+)?)*)$/i;
const SIP_URI = /^sips?:(?:[^@\s:]+(?::[^@\s]*)?@)?[A-Za-z0-9.-]+(?::\d{1,5})?(?:;[^\s]*)?$/i;

/** Checks whether the emulated dial plan accepts a `phoneNumber` or conference address. */
export function isAcceptedAddress(rules: AddressRules, address: string): boolean {
  if (rules.e164 && E164.test(address)) {
    return true;
  }
  if (rules.telUri && isGlobalTelUri(address)) {
    return true;
  }
  if (rules.sipUri && SIP_URI.test(address)) {
    return true;
  }
  return isExtension(rules, address);
}

function isGlobalTelUri(address: string): boolean {
  const found = TEL_URI.exec(address);
  if (found === null) {
    return false;
  }

  const digits = `+${(found[1] ?? "").replace(/[^0-9]/g, "")}`;
  if (!E164.test(digits)) {
    return false;
  }

  const parameters = (found[2] ?? "").split(";").filter((part) => part !== "");
  return parameters.every(
    (parameter) =>
      !parameter.toLowerCase().startsWith("ext=") || /^ext=[0-9]{1,15}$/i.test(parameter),
  );
}

function isExtension(rules: AddressRules, address: string): boolean {
  if (rules.extensionMaxDigits === 0 || !/^[0-9]+$/.test(address)) {
    return false;
  }
  return address.length >= rules.extensionMinDigits && address.length <= rules.extensionMaxDigits;
}

/** Returns the address a participant shows for a dialled number: E.164 becomes a `tel:` URI. */
export function participantAddress(address: string): string {
  return E164.test(address) ? `tel:${address}` : address;
}
