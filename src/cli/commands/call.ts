import type { Command } from "commander";
import { AddressError, parseAddress, readCountryOption } from "../../address/index.js";
import type {
  CallPlan,
  ExtensionPolicy,
  PlaceCallOptions,
  PlacedCall,
} from "../../genesys/types.js";
import {
  type CallOutput,
  placedCallJson,
  printCallPlan,
  printPlacedCall,
  writeJson,
} from "../call-output.js";
import { resolveConfig } from "../config.js";
import { type Connection, type ConnectionOptions, openConnection } from "../connection.js";
import { ExitCode } from "../exit-codes.js";
import { followCall } from "../follow-call.js";
import { planOffline } from "../offline-plan.js";
import {
  errorToJson,
  exitCodeFor,
  exitQuietlyOnClosedPipe,
  printError,
  UsageError,
} from "../report-error.js";

/** The options of `gcdial call`, as commander parses them. */
export interface CallFlags {
  from?: string;
  callerId?: string;
  callerName?: string;
  fromQueue?: string;
  as?: string;
  country?: string;
  extension?: string;
  region?: string;
  profile?: string;
  dryRun?: boolean;
  wait?: boolean;
  json?: boolean;
  verbose?: boolean;
  sandbox?: boolean;
}

/** Output streams and environment of a command; the real process ones outside tests. */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  /** Client seams for tests, such as an injected `sleep` and `clock`. */
  clientOptions?: ConnectionOptions["client"];
}

export function registerCallCommand(program: Command): void {
  program
    .command("call")
    .summary("place one outbound call")
    .description(
      "Place one outbound call through POST /api/v2/conversations/calls, or on behalf of a user with POST /api/v2/conversations/calls/user/{userId}.\n" +
        "TO is a phone number (+1 201 555 0123, tel:, national with --country), sip:, ext:9001, user:<id|email>, queue:<id|name> or contact:<id>.\n" +
        "The genesys://user/<id> and genesys://queue/<id> forms are accepted but are not Genesys syntax.",
    )
    .argument("<to>", "who to call")
    .option(
      "--from <address>",
      "the sender: a phone number (caller id), queue:<id|name>, or user:<id|email> (on behalf of)",
    )
    .option("--caller-id <phone>", "caller-id number shown to the callee")
    .option("--caller-name <name>", "caller-id name shown to the callee")
    .option("--from-queue <queue>", "queue the call is placed for: an id or a name")
    .option(
      "--as <user>",
      "user the call is placed for (required with client credentials): an id or an email",
    )
    .option(
      "--country <code>",
      "default country for national numbers (ISO 3166 code such as US or GB)",
    )
    .option(
      "--extension <policy>",
      "what to do with a phone extension, which Genesys has no field for: reject (default), tel-uri (send tel:+E164;ext=N) or drop",
    )
    .option(
      "--region <region>",
      "Genesys Cloud region: a name (us_east_1), a domain (mypurecloud.ie) or a base URL",
    )
    .option(
      "--profile <file>",
      "profile file with region and credentials (default ~/.config/gcdial/profile.json)",
    )
    .option("--dry-run", "print the request that would be sent, and send nothing")
    .option(
      "--wait",
      "follow the call until it ends, printing each state change; exit 1 if it never connected",
    )
    .option(
      "--json",
      "print one JSON object: {conversationId, endpoint, body, state}, or {error} on failure",
    )
    .option("--verbose", "log every HTTP attempt to stderr (tokens and phone numbers masked)")
    .option("--sandbox", "place the call against gcdial's own emulator, started for this command")
    .addHelpText("after", CALL_HELP_AFTER)
    .action(async (to: string, flags: CallFlags) => {
      exitQuietlyOnClosedPipe(process.stdout);
      const io: CommandIO = { stdout: process.stdout, stderr: process.stderr, env: process.env };
      process.exitCode = await runCall(to, flags, io);
    });
}

const CALL_HELP_AFTER = `
Configuration, first found wins: --region, then the environment (GENESYSCLOUD_REGION,
GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET, or GENESYSCLOUD_ACCESS_TOKEN),
then the profile file (--profile, $GCDIAL_PROFILE or ~/.config/gcdial/profile.json): a JSON
object with region, clientId, clientSecret or accessToken, readable by its owner only (chmod 600).

A dry run without credentials prints the request with stand-ins for users named by email and
queues named by name, and lists the look-ups it skipped.

Exit codes: 0 success, 1 failure (with --wait: the call never connected), 2 usage or
configuration, 3 invalid address, 4 authentication, 5 permission, 6 rate limited, 7 outcome
unknown (the call may have been placed: check before placing it again), 8 not found,
9 server or connection error.

Examples:
  gcdial call "+1 201 555 0123" --as user:alice@example.com --sandbox --wait
  gcdial call "(201) 555-0123" --country US --as alice@example.com --from-queue Sales --dry-run
`;

/** Run `gcdial call`, writing to `io`; returns the exit code instead of exiting. */
export async function runCall(to: string, flags: CallFlags, io: CommandIO): Promise<ExitCode> {
  let connection: Connection | undefined;
  let placed: PlacedCall | undefined;
  try {
    const options = placeCallOptions(to, flags);
    checkAddresses(options);

    if (flags.dryRun === true && !willConnect(flags, io.env)) {
      const offline = await planOffline(options);
      printCallPlan(outputOf(flags, io), offline.plan, offline.skippedLookups, true);
      return ExitCode.ok;
    }

    connection = await openConnection(flags, io.env, {
      stderr: io.stderr,
      ...(io.clientOptions === undefined ? {} : { client: io.clientOptions }),
    });
    requireUserForClientCredentials(connection, options, flags);

    if (flags.dryRun === true) {
      const plan: CallPlan = await connection.client.calls.plan(options);
      printCallPlan(outputOf(flags, io), plan, []);
      return ExitCode.ok;
    }

    placed = await connection.client.calls.place(options);
    if (flags.wait !== true) {
      printPlacedCall(outputOf(flags, io), placed, describeSender(options));
      return ExitCode.ok;
    }

    return await followCall(
      connection.client,
      placed,
      outputOf(flags, io),
      describeSender(options),
    );
  } catch (error) {
    reportFailure(error, { flags, io, secrets: connection?.secrets ?? [], placed });
    return exitCodeFor(error);
  } finally {
    await closeQuietly(connection, io.stderr);
  }
}

function placeCallOptions(to: string, flags: CallFlags): PlaceCallOptions {
  if (flags.dryRun === true && flags.wait === true) {
    throw new UsageError(
      "--dry-run and --wait cannot be used together: a dry run places no call.",
      {
        code: "usage.conflicting_options",
        hint: "Drop --wait to see the request, or drop --dry-run to place the call and follow it.",
      },
    );
  }

  const country = readCountryOption(flags.country);
  if (!country.ok) {
    throw new UsageError(
      `--country ${JSON.stringify(country.given)} is not an ISO 3166 country code that the phone metadata knows.`,
      {
        code: "usage.invalid_country",
        hint: "Give an ISO 3166-1 alpha-2 code, such as US, GB or DE.",
      },
    );
  }

  const options: PlaceCallOptions = { to };
  setIfGiven(options, "from", flags.from);
  setIfGiven(options, "callerId", flags.callerId);
  setIfGiven(options, "callerIdName", flags.callerName);
  setIfGiven(options, "fromQueue", flags.fromQueue);
  setIfGiven(options, "asUser", flags.as);
  setIfGiven(options, "defaultCountry", country.country);
  setIfGiven(options, "extensionPolicy", readExtensionPolicy(flags.extension));
  return options;
}

const EXTENSION_POLICIES: readonly ExtensionPolicy[] = ["reject", "tel-uri", "drop"];

function readExtensionPolicy(value: string | undefined): ExtensionPolicy | undefined {
  if (value === undefined) {
    return undefined;
  }

  const policy = EXTENSION_POLICIES.find((known) => known === value.trim().toLowerCase());
  if (policy === undefined) {
    throw new UsageError(`--extension ${JSON.stringify(value)} is not a known policy.`, {
      code: "usage.invalid_extension_policy",
      hint: `Give one of ${EXTENSION_POLICIES.join(", ")}.`,
    });
  }

  return policy;
}

function setIfGiven<K extends keyof PlaceCallOptions>(
  options: PlaceCallOptions,
  key: K,
  value: PlaceCallOptions[K] | undefined,
): void {
  if (value !== undefined) {
    options[key] = value;
  }
}

/**
 * Check the destination and sender before any configuration is read, so that a typo in a number
 * is reported as an invalid address (exit 3) even on a machine with no credentials set up.
 */
function checkAddresses(options: PlaceCallOptions): void {
  const checks: Array<[string, string | undefined]> = [
    ["to", options.to],
    ["from", options.from],
    ["callerId", options.callerId],
  ];
  for (const [field, value] of checks) {
    if (value === undefined) {
      continue;
    }

    const result = parseAddress(value, { defaultCountry: options.defaultCountry, field });
    if (!result.ok) {
      throw new AddressError(result.error);
    }
  }
}

/** Tell whether a dry run can make look-ups: it has credentials or runs in the sandbox. */
function willConnect(flags: CallFlags, env: Record<string, string | undefined>): boolean {
  if (flags.sandbox === true) {
    return true;
  }

  return resolveConfig(flags, env).credentials !== undefined;
}

/**
 * Reject client credentials without an on-behalf-of user before anything is sent. Genesys would
 * respond with 400 `not.a.user`, because a client-credentials token has no user to call as.
 */
function requireUserForClientCredentials(
  connection: Connection,
  options: PlaceCallOptions,
  flags: CallFlags,
): void {
  if (connection.credentialsKind !== "client-credentials") {
    return;
  }

  if (options.asUser !== undefined || senderIsUser(options)) {
    return;
  }

  const example = connection.sandbox?.userEmails[0] ?? "alice@example.com";
  throw new UsageError(
    "Client credentials have no user, so Genesys cannot place the call as one (it would respond with 400 not.a.user).",
    {
      code: "call.needs_user",
      hint: `Name the user the call is placed for with --as, such as --as user:${example}${flags.sandbox === true ? "" : ", or use a user's access token (GENESYSCLOUD_ACCESS_TOKEN)"}.`,
    },
  );
}

function senderIsUser(options: PlaceCallOptions): boolean {
  if (options.from === undefined) {
    return false;
  }

  const sender = parseAddress(options.from, { defaultCountry: options.defaultCountry });
  return sender.ok && sender.kind === "user";
}

/** Name the user the call is placed for, as the user wrote it, without the `user:` prefix. */
function describeSender(options: PlaceCallOptions): string | undefined {
  const sender = options.asUser ?? (senderIsUser(options) ? options.from : undefined);
  return sender?.trim().replace(/^user:/i, "");
}

function outputOf(flags: CallFlags, io: CommandIO): CallOutput {
  return { stdout: io.stdout, json: flags.json === true };
}

/**
 * Report a failure on stderr and, with `--json`, as `{error}` on stdout. A failure while
 * following a placed call keeps the call's id in the JSON, because the call goes on.
 */
function reportFailure(
  error: unknown,
  context: { flags: CallFlags; io: CommandIO; secrets: string[]; placed: PlacedCall | undefined },
): void {
  const { flags, io, secrets, placed } = context;
  if (flags.json === true) {
    const callFields = placed === undefined ? {} : placedCallJson(placed);
    writeJson(io.stdout, { ...callFields, error: errorToJson(error, { secrets }) });
  }

  printError(error, io.stderr, { secrets });
}

async function closeQuietly(
  connection: Connection | undefined,
  stderr: NodeJS.WritableStream,
): Promise<void> {
  try {
    await connection?.close();
  } catch (error) {
    // The command's outcome is already decided; a sandbox that fails to stop is only reported.
    stderr.write(
      `gcdial: could not stop the sandbox emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
}
