import { parseAddress } from "../address/index.js";
import { GenesysClient } from "../genesys/index.js";
import type { CallPlan, PlaceCallOptions } from "../genesys/types.js";
import type { SkippedLookup } from "./call-output.js";
import { UsageError } from "./report-error.js";

/**
 * A dry run with no credentials configured. The client builds the request as usual, but every
 * user named by email and queue named by name is swapped for a stand-in id first, because
 * looking it up needs a token. The printed request then names the look-up each stand-in replaces.
 * An external contact cannot be planned this way: its phone number is only known to Genesys.
 */

export interface OfflinePlan {
  plan: CallPlan;
  skippedLookups: SkippedLookup[];
}

/** The options that name a user or queue, and the address kind a bare value has in each. */
const LOOKUP_FIELDS: ReadonlyArray<{
  field: keyof PlaceCallOptions;
  /** The argument or flag of `gcdial call` that sets the option. */
  argument: string;
  bareKind?: "user" | "queue";
}> = [
  { field: "to", argument: "TO" },
  { field: "from", argument: "--from" },
  { field: "asUser", argument: "--as", bareKind: "user" },
  { field: "fromQueue", argument: "--from-queue", bareKind: "queue" },
];

/** Plan a call without credentials; any request the client tries to send is a usage error. */
export async function planOffline(options: PlaceCallOptions): Promise<OfflinePlan> {
  const substituted: PlaceCallOptions = { ...options };
  const skipped: Array<SkippedLookup & { standIn: string }> = [];

  for (const { field, argument, bareKind } of LOOKUP_FIELDS) {
    const value = options[field];
    if (typeof value !== "string") {
      continue;
    }

    const lookup = lookupNeeded(value, bareKind, options.defaultCountry);
    if (lookup === undefined) {
      continue;
    }

    const standIn = standInId(skipped.length + 1);
    (substituted as unknown as Record<string, unknown>)[field] = `${lookup.kind}:${standIn}`;
    skipped.push({
      field: argument,
      kind: lookup.kind,
      value: lookup.value,
      placeholder: `<id of ${lookup.kind} ${lookup.value}>`,
      standIn,
    });
  }

  const client = new GenesysClient({
    // Nothing is sent: the token provider refuses, and the fetch refuses should it be reached.
    region: "http://127.0.0.1:9",
    // A user token is assumed: it is the only kind that may place a call without --as.
    tokenProvider: {
      userContext: true,
      getToken: () => Promise.reject(needsCredentials(options.to)),
    },
    fetch: () => Promise.reject(needsCredentials(options.to)),
  });
  const plan = await client.calls.plan(substituted);

  return {
    plan: replaceStandIns(plan, skipped),
    skippedLookups: skipped.map(({ standIn: _standIn, ...lookup }) => lookup),
  };
}

/**
 * Find the look-up an address needs: a user by email or a queue by name. An external contact
 * raises a usage error, because its phone number is only known to Genesys.
 */
function lookupNeeded(
  value: string,
  bareKind: "user" | "queue" | undefined,
  defaultCountry: string | undefined,
): { kind: "user" | "queue"; value: string } | undefined {
  const text =
    bareKind !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(value.trim())
      ? `${bareKind}:${value.trim()}`
      : value;
  const parsed = parseAddress(text, { defaultCountry });
  if (!parsed.ok) {
    return undefined;
  }

  if (parsed.kind === "contact") {
    throw needsCredentials(value);
  }

  if ((parsed.kind === "user" || parsed.kind === "queue") && parsed.by !== undefined) {
    return { kind: parsed.kind, value: parsed.value };
  }

  return undefined;
}

/**
 * Build a stand-in id: a well-formed UUID, so the client accepts it. Genesys ids are random, so
 * one made almost entirely of zeros is practically never real, and every stand-in is replaced
 * before the request is printed.
 */
function standInId(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, "0")}`;
}

function replaceStandIns(
  plan: CallPlan,
  skipped: Array<{ standIn: string; placeholder: string }>,
): CallPlan {
  let text = JSON.stringify(plan);
  for (const { standIn, placeholder } of skipped) {
    text = text.split(standIn).join(placeholder.replaceAll('"', '\\"'));
  }

  return JSON.parse(text) as CallPlan;
}

function needsCredentials(address: string): UsageError {
  return new UsageError(
    `A dry run of ${JSON.stringify(address)} needs credentials: gcdial reads the details it needs from Genesys Cloud.`,
    {
      code: "config.missing_credentials",
      hint: "Configure credentials (GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET, or GENESYSCLOUD_ACCESS_TOKEN), add --sandbox to try it against the emulator, or give ids instead of names.",
    },
  );
}
