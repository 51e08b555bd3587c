#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { registerBulkCommands } from "./commands/bulk.js";
import { registerCallCommand } from "./commands/call.js";
import { registerCheckCommand } from "./commands/check.js";
import { registerDemoCommand } from "./commands/demo.js";
import { registerEmulatorCommand } from "./commands/emulator.js";
import { ExitCode } from "./exit-codes.js";
import { versionText } from "./version.js";

const program = new Command("gcdial")
  .description("Place outbound calls through the Genesys Cloud Platform API v2, safely.")
  .version(versionText(), "-V, --version", "print the version and the phone metadata version")
  .showHelpAfterError()
  .exitOverride();

registerCheckCommand(program);
registerCallCommand(program);
registerBulkCommands(program);
registerEmulatorCommand(program);
registerDemoCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and --version end with exit code 0; every other commander error is a usage error.
    process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  } else {
    throw error;
  }
}
