import { startEmulatorServer } from "../emulator/index.js";
import type { EmulatorSettings } from "../emulator/types.js";
import { GenesysClient } from "../genesys/index.js";
import type { ClientHooks, GenesysClientOptions } from "../genesys/types.js";
import {
  type Credentials,
  missingCredentialsError,
  missingRegionError,
  resolveConfig,
} from "./config.js";
import { createCliLogger } from "./logger.js";
import { UsageError } from "./report-error.js";

/**
 * Opens the Genesys client a command works with: configured from flags, environment and profile
 * file, or, with `--sandbox`, against an emulator started in this process.
 */

export interface ConnectionFlags {
  region?: string | undefined;
  /** Start the emulator in-process with its demo org and use its credentials. */
  sandbox?: boolean | undefined;
  /** Log every attempt to stderr, masked. */
  verbose?: boolean | undefined;
  /** A profile file to read instead of `$GCDIAL_PROFILE` or the default one. */
  profile?: string | undefined;
}

export interface ConnectionOptions {
  /** Stream for `--verbose` lines and warnings (default `process.stderr`). */
  stderr?: NodeJS.WritableStream;
  /** Hooks passed to the client, such as the bulk pacer's `onResponse`. */
  hooks?: ClientHooks;
  /** Further client options (timeouts, default country); credentials and region are set here. */
  client?: Omit<
    GenesysClientOptions,
    "region" | "credentials" | "tokenProvider" | "logger" | "hooks"
  >;
}

export interface SandboxInfo {
  /** Base URL of the emulator on 127.0.0.1. */
  url: string;
  /** The demo org's users, for messages such as "try --as user:alice@example.com". */
  userEmails: string[];
}

export interface Connection {
  client: GenesysClient;
  credentialsKind: "client-credentials" | "access-token";
  /** Configured secrets (client secret or access token), for masking printed errors. */
  secrets: string[];
  /** Set with `--sandbox`. */
  sandbox: SandboxInfo | undefined;
  /** Stop the sandbox emulator, if one was started; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Call timing of the sandbox emulator: long enough to see each state with `--wait`, short enough
 * that trying gcdial out does not mean watching a call for ten seconds.
 */
const SANDBOX_SETTINGS: Partial<EmulatorSettings> = { dialingMs: 1_500, connectedMs: 3_000 };

/**
 * Open a connection. Configuration comes from flags, then `GENESYSCLOUD_*` variables, then the
 * profile file. With `--sandbox` none of those is read, so a real org's credentials are never
 * sent to the emulator.
 * @throws UsageError for missing or conflicting configuration; ConfigurationError from the
 *   client for an unknown region or an invalid client option.
 */
export async function openConnection(
  flags: ConnectionFlags,
  env: Record<string, string | undefined> = process.env,
  options: ConnectionOptions = {},
): Promise<Connection> {
  if (flags.sandbox === true) {
    return openSandbox(flags, options);
  }

  const config = resolveConfig(flags, env);
  if (config.credentials === undefined) {
    throw missingCredentialsError(config, env);
  }

  if (config.region === undefined) {
    throw missingRegionError(config, env);
  }

  const secrets = secretsOf(config.credentials);
  const logger = createCliLogger({
    verbose: flags.verbose === true,
    stderr: options.stderr ?? process.stderr,
    secrets,
  });
  logger.info("configuration", {
    region: config.region,
    regionFrom: config.regionSource,
    credentials: config.credentials.kind,
    credentialsFrom: config.credentialsSource,
    profile: config.profilePath,
  });
  const client = new GenesysClient({
    ...options.client,
    region: config.region,
    credentials: clientCredentialsOption(config.credentials),
    logger,
    hooks: options.hooks ?? {},
  });

  return {
    client,
    credentialsKind: config.credentials.kind,
    secrets,
    sandbox: undefined,
    close: async () => {},
  };
}

async function openSandbox(
  flags: ConnectionFlags,
  options: ConnectionOptions,
): Promise<Connection> {
  if (flags.region !== undefined) {
    throw new UsageError("--sandbox and --region cannot be used together.", {
      code: "config.sandbox_region",
      hint: "Drop --region: with --sandbox, gcdial talks to its own emulator on 127.0.0.1.",
    });
  }

  const server = await startEmulatorServer({ port: 0, settings: SANDBOX_SETTINGS });
  const demo = server.emulator.demo;
  const secrets = [demo.clientSecret, demo.readOnlyClientSecret];
  const logger = createCliLogger({
    verbose: flags.verbose === true,
    stderr: options.stderr ?? process.stderr,
    secrets,
  });
  logger.info("sandbox emulator started", { url: server.url, clientId: demo.clientId });
  let client: GenesysClient;
  try {
    client = new GenesysClient({
      ...options.client,
      region: server.url,
      credentials: { clientId: demo.clientId, clientSecret: demo.clientSecret },
      logger,
      hooks: options.hooks ?? {},
    });
  } catch (error) {
    // A listening server would keep the process alive after the error is reported.
    await server.close();
    throw error;
  }

  let closed = false;
  return {
    client,
    credentialsKind: "client-credentials",
    secrets,
    sandbox: { url: server.url, userEmails: demo.users.map((user) => user.email) },
    close: async () => {
      if (closed) {
        return;
      }

      closed = true;
      await server.close();
    },
  };
}

function clientCredentialsOption(credentials: Credentials): GenesysClientOptions["credentials"] {
  if (credentials.kind === "access-token") {
    return { accessToken: credentials.accessToken };
  }

  return { clientId: credentials.clientId, clientSecret: credentials.clientSecret };
}

function secretsOf(credentials: Credentials): string[] {
  if (credentials.kind === "access-token") {
    return [credentials.accessToken];
  }

  return [credentials.clientSecret];
}
