/**
 * What to do about the Genesys error codes a caller can fix, from the codes the Platform API v2
 * documents for the conversation and login endpoints (swagger `x-inin-error-codes`).
 * @module
 */

/** A hint for one Genesys code, and the gcdial code to report when it differs from the status's. */
export interface GenesysCodeAdvice {
  hint: string;
  code?: string;
}

/** The explanation for `not.a.user`, also used when gcdial refuses the request before sending. */
export const NEEDS_USER_HINT =
  "A client-credentials token has no user, so Genesys cannot place the call as one. Name the user the call is placed for: the asUser option (CLI: --as USER, an id or email) or from: user:<id>. gcdial then uses POST /api/v2/conversations/calls/user/{userId}.";

const ADVICE: Record<string, GenesysCodeAdvice> = {
  "not.a.user": { code: "call.needs_user", hint: NEEDS_USER_HINT },
  "conversation.error.no.user.station": {
    code: "call.no_station",
    hint: "The user the call is placed as has no station: assign one in Genesys Cloud (Admin > Telephony > Stations, or the user's phone settings), or place the call as another user.",
  },
  "too.many.create.conversation.parameters": {
    hint: "Give exactly one destination: a phone number, a user or a queue.",
  },
  "invalid.value": {
    hint: "A field has a value Genesys does not accept; the message names the field and the allowed values.",
  },
  "bad.request": {
    hint: "Genesys rejected the request; for a phone number, check it is in E.164 (+ and country code) and allowed by your org's dial plan.",
  },
  "authentication.required": {
    hint: "No token was sent; set GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET, or GENESYSCLOUD_ACCESS_TOKEN.",
  },
  "bad.credentials": {
    hint: "The token was not accepted (expired, revoked, or from another region). Get a new GENESYSCLOUD_ACCESS_TOKEN, or check GENESYSCLOUD_REGION.",
  },
  "not.authorized": {
    hint: "The token's user or OAuth client may not do this; check its roles and divisions.",
  },
  "providerapi.error.station.no.active.edge": {
    code: "call.station_unavailable",
    hint: "No Edge serves the user's station; check the station and its Edge group in Genesys Cloud telephony admin.",
  },
  "providerapi.error.no.station.for.edge": {
    code: "call.station_unavailable",
    hint: "The station has no primary or secondary Edge; check the station's Edge assignment in Genesys Cloud telephony admin.",
  },
  "unsupported.media.type": {
    hint: "The request was not sent as JSON; this is a gcdial fault, please report it.",
  },
};

/** Returns the advice for a Genesys code, or `undefined` when the status's default applies. */
export function hintForGenesysCode(genesysCode: string | undefined): GenesysCodeAdvice | undefined {
  return genesysCode === undefined ? undefined : ADVICE[genesysCode];
}
