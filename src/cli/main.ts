#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { ExitCode } from "./exit-codes.js";
import { exitCodeFor, printError } from "./report-error.js";
import { versionText } from "./version.js";

type Register = (program: Command) => void;

// Each command is imported only when it runs, so that `gcdial check` does not pay for loading
// SQLite, the emulator and the API client. Help without a command name loads them all.
const commandLoaders: Record<string, () => Promise<Register>> = {
  check: async () => (await import("./commands/check.js")).registerCheckCommand,
  call: async () => (await import("./commands/call.js")).registerCallCommand,
  bulk: async () => (await import("./commands/bulk.js")).registerBulkCommands,
  emulator: async () => (await import("./commands/emulator.js")).registerEmulatorCommand,
  demo: async () => (await import("./commands/demo.js")).registerDemoCommand,
};

const program = new Command("gcdial")
  .description("Place outbound calls through the Genesys Cloud Platform API v2, safely.")
  .version(versionText(), "-V, --version", "print the version and the phone metadata version")
  .showHelpAfterError("Run gcdial help COMMAND, or gcdial COMMAND --help, for the options.")
  .exitOverride();

const requested = process.argv[2];
const isVersionRequest = requested === "-V" || requested === "--version";
const loaders =
  requested !== undefined && Object.hasOwn(commandLoaders, requested)
    ? [commandLoaders[requested] as () => Promise<Register>]
    : isVersionRequest
      ? []
      : Object.values(commandLoaders);

for (const load of loaders) {
  (await load())(program);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and --version end with exit code 0; every other commander error is a usage error.
    process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  } else {
    // A command that let an error escape still ends in plain words and its exit code, never a
    // stack trace.
    printError(error, process.stderr);
    process.exitCode = exitCodeFor(error);
  }
}
