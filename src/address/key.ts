import type { ParsedAddress } from "./types.js";

/**
 * Returns the key under which two addresses count as the same destination, for finding
 * duplicates. A phone's key is its E.164 number plus extension. A SIP URI's scheme and host are
 * lower-cased, because RFC 3261 section 19.1.4 compares them without case (the user part with
 * case). Ids, emails and queue names are lower-cased.
 */
export function addressKey(parsed: ParsedAddress): string {
  switch (parsed.kind) {
    case "phone":
      return parsed.extension === undefined
        ? parsed.value
        : `${parsed.value};ext=${parsed.extension}`;
    case "sip":
      return sipKey(parsed.value);
    case "extension":
      return `ext:${parsed.value}`;
    case "user":
    case "queue":
    case "contact":
      return `${parsed.kind}:${parsed.by ?? "id"}:${parsed.value.toLowerCase()}`;
  }
}

function sipKey(uri: string): string {
  const colon = uri.indexOf(":");
  const scheme = uri.slice(0, colon).toLowerCase();
  const rest = uri.slice(colon + 1);
  const at = rest.indexOf("@");
  const user = rest.slice(0, at);
  const hostAndRest = rest.slice(at + 1);
  const hostEnd = hostAndRest.search(/[;?]/);
  const host = hostEnd < 0 ? hostAndRest : hostAndRest.slice(0, hostEnd);
  const tail = hostEnd < 0 ? "" : hostAndRest.slice(hostEnd);
  return `${scheme}:${user}@${host.toLowerCase()}${tail}`;
}
