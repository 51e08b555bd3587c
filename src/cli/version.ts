import { readFileSync } from "node:fs";
import { phoneMetadataVersion } from "../address/index.js";

/**
 * The text of `gcdial --version`: gcdial's own version, and the phone metadata that decides which
 * numbers are valid, such as `gcdial 0.1.0 (libphonenumber-js 1.13.17, metadata 9.0.44)`.
 */
export function versionText(): string {
  return `gcdial ${gcdialVersion()} (${phoneMetadataVersion()})`;
}

/** The version in gcdial's package.json, two folders up from both src/cli and dist/cli. */
function gcdialVersion(): string {
  try {
    const path = new URL("../../package.json", import.meta.url);
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { version?: unknown };
    return typeof parsed.version === "string" ? parsed.version : "(version unknown)";
  } catch {
    return "(version unknown)";
  }
}
