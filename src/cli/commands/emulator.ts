import type { Command } from "commander";
import { startEmulatorServer } from "../../emulator/index.js";
import { ExitCode } from "../exit-codes.js";

interface EmulatorFlags {
  port: string;
  rateLimit: string;
  tokenTtl: string;
}

/** Parses a whole-number flag; returns an error message naming the flag and the range otherwise. */
function wholeNumber(flag: string, raw: string, min: number, max: number): number | string {
  const value = /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    return `${flag} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}.`;
  }
  return value;
}

function isAddressInUse(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { code?: unknown }).code === "EADDRINUSE"
  );
}

async function runEmulator(flags: EmulatorFlags): Promise<void> {
  const port = wholeNumber("--port", flags.port, 0, 65_535);
  const rateLimit = wholeNumber("--rate-limit", flags.rateLimit, 1, 1_000_000);
  const tokenTtl = wholeNumber("--token-ttl", flags.tokenTtl, 1, 172_800);
  const problem = [port, rateLimit, tokenTtl].find((value) => typeof value === "string");
  if (typeof problem === "string" || typeof port === "string") {
    process.stderr.write(`gcdial emulator: ${problem}\n`);
    process.exitCode = ExitCode.usage;
    return;
  }

  let server: Awaited<ReturnType<typeof startEmulatorServer>>;
  try {
    server = await startEmulatorServer({
      port,
      settings: { rateLimitPerMinute: rateLimit as number, tokenLifetimeSec: tokenTtl as number },
      // One line per request: method, path, status and time; never headers, bodies or tokens.
      onRequest: (entry) =>
        process.stderr.write(
          `${entry.method} ${entry.path} ${entry.status ?? "dropped"} ${entry.durationMs}ms\n`,
        ),
      onInternalError: (error) =>
        process.stderr.write(
          `internal error, responded with 500: ${error instanceof Error ? error.message : String(error)}\n`,
        ),
    });
  } catch (error) {
    const reason = isAddressInUse(error)
      ? `port ${port} is already in use on 127.0.0.1; choose another with --port, or --port 0 for any free port.`
      : `could not start: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`gcdial emulator: ${reason}\n`);
    process.exitCode = ExitCode.failure;
    return;
  }

  const stop = (signal: NodeJS.Signals) => {
    process.stderr.write(`gcdial emulator: ${signal} received, stopping\n`);
    server.close().then(
      () => {
        process.exitCode = ExitCode.ok;
      },
      (error: unknown) => {
        process.stderr.write(
          `gcdial emulator: stopping failed: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exitCode = ExitCode.failure;
      },
    );
  };
  // Installed before the ready line, so that a supervisor that signals as soon as it reads it is heard.
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  const { demo } = server.emulator;
  const ready = {
    url: server.url,
    clientId: demo.clientId,
    clientSecret: demo.clientSecret,
    users: demo.users,
    queues: demo.queues,
    contacts: demo.contacts,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.stderr.write(`gcdial emulator listening on ${server.url} (Ctrl+C to stop)\n`);
}

/** `gcdial emulator`: serves the local Genesys Cloud emulator with its demo org on 127.0.0.1. */
export function registerEmulatorCommand(program: Command): void {
  program
    .command("emulator")
    .summary("serve a local Genesys Cloud API emulator with a demo org on 127.0.0.1")
    .description(
      "Serve a local Genesys Cloud API emulator with a demo org on 127.0.0.1. The first stdout line is JSON with its URL and credentials, and it stops on Ctrl-C or SIGTERM.",
    )
    .option("--port <n>", "TCP port on 127.0.0.1; 0 picks a free port", "0")
    .option("--rate-limit <n>", "requests allowed per token per minute", "300")
    .option("--token-ttl <seconds>", "lifetime of issued access tokens, in seconds", "86400")
    .action(runEmulator);
}
