import { cleanUpInput } from "./cleanup.js";
import { type CountryOption, readCountryOption } from "./countries.js";
import { addressFailure, type FailureContext, quote } from "./errors.js";
import {
  EMAIL,
  parseContact,
  parseExtension,
  parseGenesysUri,
  parseQueue,
  parseUser,
  UUID,
} from "./named.js";
import type { PhoneContext } from "./phone-number.js";
import { parsePhoneText } from "./phone-text.js";
import { parseSipUri } from "./sip-uri.js";
import { parseTelUri } from "./tel-uri.js";
import type { AddressResult, ParseAddressOptions } from "./types.js";

/** A URI scheme as RFC 3986 section 3.1 defines it, followed by its colon. */
const SCHEME = /^(?<scheme>[A-Za-z][A-Za-z0-9+.-]*):/;

const DIALLED_SCHEMES = "tel:, sip:, sips:, ext:, user:, queue: and contact:";

/**
 * Parses and normalises a participant address. It reads a phone number in any common notation
 * (E.164, national with `defaultCountry`, `00`/`011` prefixes, `tel:` URIs, extensions), a
 * `sip:`/`sips:` URI, an internal `ext:` extension, or a `user:`, `queue:` or `contact:` reference
 * (and the tutorial `genesys://` forms of them). Phone numbers are valid only when the full libphonenumber
 * metadata marks them valid. An invalid number is reported, never repaired.
 *
 * Never throws: any input, including a non-string from untyped callers, returns a result.
 */
export function parseAddress(input: string, options: ParseAddressOptions = {}): AddressResult {
  const text = typeof input === "string" ? input : String(input ?? "");
  const field = typeof options?.field === "string" ? options.field : undefined;
  try {
    return parseCleanedAddress(text, options ?? {});
  } catch (error) {
    // A bug here must not take a caller's bulk run down; report it as this input's failure.
    return addressFailure(
      { input: text, field, cleanup: [] },
      "phone.invalid",
      `${quote(text)} could not be checked: ${error instanceof Error ? error.message : String(error)}.`,
      "Report this input to the gcdial maintainers; meanwhile write the number in E.164 form, such as +12015550123.",
      "internal_error",
    );
  }
}

function parseCleanedAddress(input: string, options: ParseAddressOptions): AddressResult {
  const { text: cleaned, cleanup } = cleanUpInput(input);
  const text = cleaned.trim();
  const context: FailureContext = { input, field: options.field, cleanup };
  if (text === "") {
    return addressFailure(
      context,
      "address.empty",
      input === "" ? "The address is empty." : `${quote(input)} is blank.`,
      "Write a phone number such as +1 201 555 0123, or an address such as sip:alice@sip.example.com, user:<email> or queue:<name>.",
    );
  }

  const scheme = SCHEME.exec(text)?.groups?.scheme;
  if (scheme === undefined) {
    return parseUnmarked(text, phoneContext(context, options));
  }

  return parseWithScheme(text, scheme, phoneContext(context, options));
}

// A CSV check passes the same default country for every row, so reading it once saves a metadata
// look-up per row.
let lastCountryInput: unknown;
let lastCountryOption: CountryOption = { ok: true, country: undefined };

function readCountryOptionOnce(value: string | undefined): CountryOption {
  if (value !== lastCountryInput) {
    lastCountryOption = readCountryOption(value);
    lastCountryInput = value;
  }

  return lastCountryOption;
}

function phoneContext(context: FailureContext, options: ParseAddressOptions): PhoneContext {
  const country = readCountryOptionOnce(options.defaultCountry);
  return {
    input: context.input,
    field: context.field,
    cleanup: context.cleanup,
    defaultCountry: country.ok ? country.country : undefined,
    unknownDefaultCountry: country.ok ? undefined : country.given,
  };
}

function parseWithScheme(text: string, scheme: string, context: PhoneContext): AddressResult {
  const name = scheme.toLowerCase();
  const value = text.slice(scheme.length + 1).trim();
  if (name === "sip" || name === "sips") {
    return parseSipUri(text, scheme, context);
  }

  if (name === "genesys") {
    return parseGenesysUri(text, context);
  }

  const reader = VALUE_READERS[name];
  if (reader === undefined) {
    return addressFailure(
      context,
      "address.unsupported_scheme",
      `${quote(text)} uses the scheme ${scheme}:, which gcdial does not dial.`,
      `Write a phone number, or an address with one of ${DIALLED_SCHEMES}.`,
    );
  }

  if (value === "") {
    return addressFailure(
      context,
      "address.empty",
      `${quote(text)} has nothing after ${scheme}:.`,
      `Write a value after ${name}:, such as ${EXAMPLES[name] ?? `${name}:...`}.`,
    );
  }

  return reader(value, context);
}

const VALUE_READERS: Record<string, (value: string, context: PhoneContext) => AddressResult> = {
  tel: parseTelUri,
  ext: parseExtension,
  user: parseUser,
  queue: parseQueue,
  contact: parseContact,
};

const EXAMPLES: Record<string, string> = {
  tel: "tel:+1-201-555-0123",
  ext: "ext:9001",
  user: "user:alice@example.com",
  queue: "queue:Sales",
  contact: "contact:6f1c2b1e-0000-4000-8000-000000000003",
};

/** Text without a scheme: a bare id or email is ambiguous; anything else is read as a phone number. */
function parseUnmarked(text: string, context: PhoneContext): AddressResult {
  if (UUID.test(text)) {
    return addressFailure(
      context,
      "address.ambiguous",
      `${quote(text)} is an id, but it does not say whether of a user, a queue or an external contact.`,
      `Write user:${text}, queue:${text} or contact:${text}.`,
    );
  }

  if (EMAIL.test(text)) {
    return addressFailure(
      context,
      "address.ambiguous",
      `${quote(text)} is an email address, but it does not say whether of a Genesys user or a SIP address.`,
      `Write user:${text} for a Genesys Cloud user, or sip:${text} for a SIP address.`,
    );
  }

  return parsePhoneText(text, context);
}
