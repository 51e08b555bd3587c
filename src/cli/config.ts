import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { UsageError } from "./report-error.js";

/**
 * Sources of the CLI's region and credentials, in order: flags first, then the environment variables of
 * the official `gc` CLI, then a profile file. Credentials are taken from one source as a whole,
 * so a client id from one place is never paired with a secret from another. No flag carries a
 * secret, because other users of the machine can read command lines (`ps`).
 */

/** The environment variables read, named as the official Genesys Cloud CLI names them. */
export const ENV = {
  region: "GENESYSCLOUD_REGION",
  clientId: "GENESYSCLOUD_OAUTHCLIENT_ID",
  clientSecret: "GENESYSCLOUD_OAUTHCLIENT_SECRET",
  accessToken: "GENESYSCLOUD_ACCESS_TOKEN",
  profile: "GCDIAL_PROFILE",
} as const;

export type Credentials =
  | { kind: "client-credentials"; clientId: string; clientSecret: string }
  | { kind: "access-token"; accessToken: string };

export type ConfigSource = "flag" | "env" | "profile";

export interface ResolvedConfig {
  region: string | undefined;
  regionSource: ConfigSource | undefined;
  credentials: Credentials | undefined;
  credentialsSource: Exclude<ConfigSource, "flag"> | undefined;
  /** The profile file that was read, when one was. */
  profilePath: string | undefined;
}

/** The fields a profile file may contain; any other field is rejected as a likely typo. */
export interface Profile {
  region?: string;
  clientId?: string;
  clientSecret?: string;
  accessToken?: string;
}

const PROFILE_FIELDS: readonly (keyof Profile)[] = [
  "region",
  "clientId",
  "clientSecret",
  "accessToken",
];

export interface ConfigFlags {
  region?: string | undefined;
  /** A profile file named on the command line. */
  profile?: string | undefined;
}

type Env = Record<string, string | undefined>;

/** Resolve region and credentials from flags, then the environment, then the profile file. */
export function resolveConfig(flags: ConfigFlags, env: Env = process.env): ResolvedConfig {
  const profileFile = locateProfile(flags, env);
  const profile = profileFile === undefined ? undefined : readProfile(profileFile);

  const region = pickRegion(flags, env, profile);
  const envCredentials = credentialsFromEnv(env);
  const profileCredentials =
    profile === undefined || profileFile === undefined
      ? undefined
      : credentialsFromProfile(profile, profileFile);

  let credentialsSource: ResolvedConfig["credentialsSource"];
  if (envCredentials !== undefined) {
    credentialsSource = "env";
  } else if (profileCredentials !== undefined) {
    credentialsSource = "profile";
  }

  return {
    region: region?.value,
    regionSource: region?.source,
    credentials: envCredentials ?? profileCredentials,
    credentialsSource,
    profilePath: profile === undefined ? undefined : profileFile,
  };
}

/** Return the default profile path: `$XDG_CONFIG_HOME/gcdial/profile.json`, else in `~/.config`. */
export function defaultProfilePath(env: Env = process.env): string {
  const configHome = nonEmpty(env.XDG_CONFIG_HOME) ?? join(homedir(), ".config");
  return join(configHome, "gcdial", "profile.json");
}

/**
 * Return the profile file to read, or undefined when there is none. A file named by `--profile`
 * or `$GCDIAL_PROFILE` must exist; the default path is optional.
 */
function locateProfile(flags: ConfigFlags, env: Env): string | undefined {
  const named = nonEmpty(flags.profile) ?? nonEmpty(env[ENV.profile]);
  if (named !== undefined) {
    return named;
  }

  const fallback = defaultProfilePath(env);
  return fileExists(fallback) ? fallback : undefined;
}

/**
 * Read and check a profile file. It must be readable by its owner only, because it may contain a
 * client secret or a token, and it must be a JSON object of known string fields.
 */
export function readProfile(file: string): Profile {
  checkProfileMode(file);

  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`Cannot read the profile file ${file}: ${describeFsError(error)}.`, {
      code: "config.profile_unreadable",
      hint: `Check the path, or set ${ENV.profile} to the profile file you mean.`,
    });
  }

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `The profile file ${file} is not valid JSON: ${(error as Error).message}.`,
      {
        code: "config.profile_invalid",
        hint: 'Write one JSON object, such as {"region": "eu_west_1", "clientId": "...", "clientSecret": "..."}.',
      },
    );
  }

  return validateProfile(data, file);
}

function checkProfileMode(file: string): void {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (error) {
    throw new UsageError(`Cannot read the profile file ${file}: ${describeFsError(error)}.`, {
      code: "config.profile_unreadable",
      hint: `Check the path, or set ${ENV.profile} to the profile file you mean.`,
    });
  }

  // Windows has no POSIX permission bits: Node reports 0o666 or 0o444 there, whatever the ACL is.
  if (process.platform === "win32") {
    return;
  }

  const groupOrOtherBits = mode & 0o077;
  if (groupOrOtherBits === 0) {
    return;
  }

  const octal = (mode & 0o777).toString(8).padStart(4, "0");
  throw new UsageError(
    `The profile file ${file} can be read or written by other users (mode ${octal}); it may contain a client secret, so gcdial does not use it.`,
    { code: "config.profile_mode", hint: `Run: chmod 600 ${quoteForShell(file)}` },
  );
}

function validateProfile(data: unknown, file: string): Profile {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new UsageError(`The profile file ${file} must contain a JSON object.`, {
      code: "config.profile_invalid",
      hint: 'Write one JSON object, such as {"region": "eu_west_1", "clientId": "...", "clientSecret": "..."}.',
    });
  }

  const profile: Profile = {};
  for (const [field, value] of Object.entries(data)) {
    if (!PROFILE_FIELDS.includes(field as keyof Profile)) {
      throw new UsageError(`The profile file ${file} has an unknown field "${field}".`, {
        code: "config.profile_invalid",
        hint: `Use only these fields: ${PROFILE_FIELDS.join(", ")}.`,
      });
    }

    if (typeof value !== "string" || value.trim() === "") {
      throw new UsageError(
        `The profile file ${file} has an invalid "${field}": expected a non-empty string, found ${describeJsonValue(value)}.`,
        { code: "config.profile_invalid", hint: `Set "${field}" to a string, or remove it.` },
      );
    }

    profile[field as keyof Profile] = value.trim();
  }

  return profile;
}

function pickRegion(
  flags: ConfigFlags,
  env: Env,
  profile: Profile | undefined,
): { value: string; source: ConfigSource } | undefined {
  const fromFlag = nonEmpty(flags.region);
  if (fromFlag !== undefined) {
    return { value: fromFlag, source: "flag" };
  }

  const fromEnv = nonEmpty(env[ENV.region]);
  if (fromEnv !== undefined) {
    return { value: fromEnv, source: "env" };
  }

  const fromProfile = nonEmpty(profile?.region);
  if (fromProfile !== undefined) {
    return { value: fromProfile, source: "profile" };
  }

  return undefined;
}

/**
 * Read credentials from the environment. An access token wins over a client id and secret,
 * because it is the more specific instruction. A client id without its secret (or the reverse)
 * is an error, not a silent fall-through to the profile.
 */
function credentialsFromEnv(env: Env): Credentials | undefined {
  const accessToken = nonEmpty(env[ENV.accessToken]);
  if (accessToken !== undefined) {
    return { kind: "access-token", accessToken };
  }

  const clientId = nonEmpty(env[ENV.clientId]);
  const clientSecret = nonEmpty(env[ENV.clientSecret]);
  if (clientId === undefined && clientSecret === undefined) {
    return undefined;
  }

  if (clientId === undefined) {
    throw new UsageError(`${ENV.clientSecret} is set but ${ENV.clientId} is not.`, {
      code: "config.incomplete_credentials",
      hint: `Set ${ENV.clientId} to the OAuth client id, or unset ${ENV.clientSecret}.`,
    });
  }

  if (clientSecret === undefined) {
    throw new UsageError(`${ENV.clientId} is set but ${ENV.clientSecret} is not.`, {
      code: "config.incomplete_credentials",
      hint: `Set ${ENV.clientSecret} to the OAuth client secret, or unset ${ENV.clientId}.`,
    });
  }

  return { kind: "client-credentials", clientId, clientSecret };
}

function credentialsFromProfile(profile: Profile, file: string): Credentials | undefined {
  if (profile.accessToken !== undefined) {
    return { kind: "access-token", accessToken: profile.accessToken };
  }

  if (profile.clientId === undefined && profile.clientSecret === undefined) {
    return undefined;
  }

  if (profile.clientId === undefined || profile.clientSecret === undefined) {
    const missing = profile.clientId === undefined ? "clientId" : "clientSecret";
    throw new UsageError(`The profile file ${file} is missing the field "${missing}".`, {
      code: "config.profile_invalid",
      hint: 'Give both "clientId" and "clientSecret", or an "accessToken".',
    });
  }

  return {
    kind: "client-credentials",
    clientId: profile.clientId,
    clientSecret: profile.clientSecret,
  };
}

/** Build the error a command raises when no source configures credentials. */
export function missingCredentialsError(
  config: ResolvedConfig,
  env: Env = process.env,
): UsageError {
  const profile = config.profilePath ?? defaultProfilePath(env);
  return new UsageError("No Genesys Cloud credentials are configured.", {
    code: "config.missing_credentials",
    hint: `Set ${ENV.clientId} and ${ENV.clientSecret} (or ${ENV.accessToken}), add them to the profile file ${profile}, or add --sandbox to try gcdial against its local emulator.`,
  });
}

/** Build the error a command raises when no source configures a region. */
export function missingRegionError(config: ResolvedConfig, env: Env = process.env): UsageError {
  const profile = config.profilePath ?? defaultProfilePath(env);
  return new UsageError("No Genesys Cloud region is configured.", {
    code: "config.missing_region",
    hint: `Pass --region (a name such as us_east_1, a domain such as mypurecloud.ie, or a base URL), set ${ENV.region}, or add "region" to the profile file ${profile}.`,
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }

  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

function fileExists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") {
    return "no such file";
  }

  if (code === "EACCES") {
    return "permission denied";
  }

  if (code === "EISDIR") {
    return "it is a directory";
  }

  return code ?? String(error);
}

/** Describe a JSON value by type only, so a misplaced secret is never echoed back. */
function describeJsonValue(value: unknown): string {
  if (value === null) {
    return "null";
  }

  if (Array.isArray(value)) {
    return "an array";
  }

  if (typeof value === "string") {
    return "an empty string";
  }

  return `a ${typeof value}`;
}

function quoteForShell(file: string): string {
  return /^[\w./~-]+$/.test(file) ? file : `'${file.replaceAll("'", `'\\''`)}'`;
}
