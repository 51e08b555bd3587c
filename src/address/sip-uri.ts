import { addressFailure, type FailureContext, quote } from "./errors.js";
import type { AddressResult, ParsedAddress } from "./types.js";

/**
 * The user part of a SIP URI (RFC 3261 section 25.1): unreserved characters, escapes (`%41`) and
 * the user-unreserved set `& = + $ , ; ? /`, optionally followed by `:password`.
 */
const USER_INFO =
  /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+(?::(?:[A-Za-z0-9\-_.!~*'()&=+$,]|%[0-9A-Fa-f]{2})*)?$/;

/** A host name (labels of letters, digits and inner hyphens), an IPv4 address or a bracketed IPv6 address. */
const HOST =
  /^(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.?|\[[0-9A-Fa-f:.]+\])$/;

/** URI parameters (`;transport=tls`) and headers (`?subject=x`): no spaces or control characters. */
const PARAMETERS_AND_HEADERS = /^[!-~]*$/;

/**
 * Checks a `sip:` or `sips:` URI and keeps it exactly as written (after the clean-up): Genesys
 * receives it unchanged in `phoneNumber`, and its user part is never re-read as a phone number.
 * A user part is required, because a URI naming only a host does not say whom to call.
 */
export function parseSipUri(text: string, scheme: string, context: FailureContext): AddressResult {
  const rest = text.slice(scheme.length + 1);
  if (rest.trim() === "") {
    return addressFailure(
      context,
      "address.empty",
      `${quote(text)} has nothing after ${scheme}:.`,
      sipHint(scheme),
    );
  }

  const problem = findSipProblem(rest);
  if (problem !== undefined) {
    return addressFailure(
      context,
      "sip.invalid",
      `${quote(text)} is not a valid SIP URI: ${problem}.`,
      sipHint(scheme),
    );
  }

  const parsed: ParsedAddress = { ok: true, kind: "sip", value: text, input: context.input };
  if (context.cleanup.length > 0) {
    parsed.cleanup = context.cleanup;
  }

  return parsed;
}

function findSipProblem(rest: string): string | undefined {
  if (/\s/.test(rest)) {
    return "it contains white space";
  }

  const at = rest.indexOf("@");
  if (at < 0) {
    return "it has no host (the part after @)";
  }

  const userInfo = rest.slice(0, at);
  if (userInfo === "") {
    return "it has no user before @";
  }

  if (!USER_INFO.test(userInfo)) {
    return `the user part ${quote(userInfo)} contains characters a SIP URI does not allow`;
  }

  const hostAndRest = rest.slice(at + 1);
  const [hostPort = "", ...extra] = hostAndRest.split(/(?=[;?])/);
  const portMatch = /^(.*?)(?::(\d{1,5}))?$/.exec(hostPort);
  const host = portMatch?.[1] ?? "";
  const port = portMatch?.[2];
  if (host === "") {
    return "it has no host (the part after @)";
  }

  if (!HOST.test(host)) {
    return `the host ${quote(host)} is not a host name or IP address`;
  }

  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    return `the port ${port} is not between 1 and 65535`;
  }

  if (!PARAMETERS_AND_HEADERS.test(extra.join(""))) {
    return "its parameters contain characters a SIP URI does not allow";
  }

  return undefined;
}

function sipHint(scheme: string): string {
  return `Write ${scheme}:<user>@<host>, such as ${scheme}:alice@sip.example.com or ${scheme}:+12015550123@sip.example.com.`;
}
