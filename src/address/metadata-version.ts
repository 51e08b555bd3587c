import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let cached: string | undefined;

/**
 * Returns the version of libphonenumber-js and of the Google libphonenumber metadata it ships, such
 * as `libphonenumber-js 1.13.17, metadata 9.0.44`. Phone validity changes with the metadata, so
 * reports and `--version` name it. libphonenumber-js exposes no version at run time: the package
 * version comes from its package.json, and the metadata version from the newest "Updated metadata
 * to version" entry of its CHANGELOG.md.
 */
export function phoneMetadataVersion(): string {
  cached ??= readPhoneMetadataVersion();
  return cached;
}

function readPhoneMetadataVersion(): string {
  const directory = packageDirectory();
  if (directory === undefined) {
    return "libphonenumber-js (version unknown)";
  }

  const packageVersion = readJsonVersion(join(directory, "package.json")) ?? "(version unknown)";
  const metadataVersion = readChangelogMetadataVersion(join(directory, "CHANGELOG.md"));
  const metadata = metadataVersion === undefined ? "" : `, metadata ${metadataVersion}`;
  return `libphonenumber-js ${packageVersion}${metadata}`;
}

/** The package's main entry sits at its root (`index.cjs`), so its folder is the package folder. */
function packageDirectory(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve("libphonenumber-js"));
  } catch {
    return undefined;
  }
}

function readJsonVersion(path: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { version?: unknown };
    return typeof parsed.version === "string" ? parsed.version : undefined;
  } catch {
    return undefined;
  }
}

function readChangelogMetadataVersion(path: string): string | undefined {
  try {
    const changelog = readFileSync(path, "utf8");
    return /Updated metadata to version (\d+\.\d+\.\d+)/.exec(changelog)?.[1];
  } catch {
    return undefined;
  }
}
