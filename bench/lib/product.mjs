// Paths of the built product, and checks that a part of it works before a benchmark uses it, so
// that a part still being written is reported as "not run" with the reason.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runNodePlain } from "./processes.mjs";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** The built CLI entry, as `npm run build` writes it. */
export const cliPath = join(repoRoot, "dist", "cli", "main.js");

/** The CLI entry relative to the repository, for the commands shown on the page. */
export const cliCommand = "node dist/cli/main.js";

/** An error meaning "this product part is not ready yet", as opposed to a benchmark failure. */
export class PartNotReadyError extends Error {}

/**
 * Run the CLI with `args` and throw PartNotReadyError unless it exits with one of
 * `expectedExitCodes`, quoting its stderr as the reason.
 */
export async function requireCliCommand(args, expectedExitCodes, partName) {
  if (!existsSync(cliPath)) {
    throw new PartNotReadyError(`${cliCommand} does not exist: npm run build did not write it`);
  }
  const result = await runNodePlain([cliPath, ...args], { cwd: repoRoot });
  if (expectedExitCodes.includes(result.exitCode)) {
    return;
  }
  const stderr = firstErrorLine(result.stderrTail);
  throw new PartNotReadyError(
    `${partName}: \`${cliCommand} ${args.join(" ")}\` exited with ${result.exitCode}` +
      (stderr ? ` (${stderr})` : ""),
  );
}

/** Return the line of a child's stderr that names its error, or its first line. */
function firstErrorLine(stderr) {
  const lines = stderr
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.find((line) => /^\w*Error\b|error:/i.test(line)) ?? lines[0] ?? "";
}

/**
 * Import a built module and return it, or throw PartNotReadyError when it is missing or lacks
 * one of `exportNames`.
 */
export async function requireBuiltModule(relativePath, exportNames, partName) {
  const path = join(repoRoot, relativePath);
  if (!existsSync(path)) {
    throw new PartNotReadyError(`${partName}: ${relativePath} does not exist yet`);
  }
  let module;
  try {
    module = await import(path);
  } catch (error) {
    throw new PartNotReadyError(`${partName}: importing ${relativePath} failed: ${error.message}`);
  }
  const missing = exportNames.filter((name) => !(name in module));
  if (missing.length > 0) {
    throw new PartNotReadyError(
      `${partName}: ${relativePath} does not export ${missing.join(", ")}`,
    );
  }
  return module;
}
