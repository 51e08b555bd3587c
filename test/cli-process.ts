import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/**
 * Helpers for tests that run the built CLI (`node dist/cli/main.js`) as a user would: a spawned
 * emulator, a clean environment, and the output and exit code of each run.
 */

export const CLI_PATH = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/**
 * An environment with no Genesys configuration of the machine running the tests: HOME and
 * XDG_CONFIG_HOME point at an empty directory, so no real profile file is read.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const home = emptyHome();
  return {
    PATH: process.env.PATH ?? "",
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    NO_COLOR: "1",
    ...extra,
  };
}

let sharedHome: string | undefined;

/** Return an empty home directory shared by the runs of this test file, removed at exit. */
function emptyHome(): string {
  if (sharedHome === undefined) {
    const home = mkdtempSync(join(tmpdir(), "gcdial-home-"));
    process.once("exit", () => rmSync(home, { recursive: true, force: true }));
    sharedHome = home;
  }

  return sharedHome;
}

/** Run the CLI with `args` and `env`, asynchronously, so an in-process emulator keeps serving. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });

  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) =>
      resolve({ code, stdout, stderr, durationMs: performance.now() - startedAt }),
    );
  });
}

export interface SpawnedEmulator {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Call the control plane (`/__emulator/...`) and return the parsed JSON response, if any. */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/** Start `gcdial emulator --port 0` and read its first stdout line: url, client id and secret. */
export async function spawnEmulator(): Promise<SpawnedEmulator> {
  const child = spawn(process.execPath, [CLI_PATH, "emulator", "--port", "0"], {
    env: cleanEnv(),
    stdio: ["ignore", "pipe", "ignore"],
  });
  // Stop the emulator with the test process even when a crash skips the test's own `stop()`.
  const stopOnExit = () => child.kill("SIGTERM");
  process.once("exit", stopOnExit);
  const firstLine = await readFirstLine(child);
  const ready = JSON.parse(firstLine) as { url: string; clientId: string; clientSecret: string };

  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${ready.url}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }

    return text === "" ? undefined : JSON.parse(text);
  };

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) {
        resolve();
        return;
      }

      child.once("exit", () => resolve());
      process.off("exit", stopOnExit);
      child.kill("SIGTERM");
    });

  return {
    url: ready.url,
    clientId: ready.clientId,
    clientSecret: ready.clientSecret,
    control,
    stop,
  };
}

function readFirstLine(child: ChildProcess): Promise<string> {
  if (child.stdout === null) {
    return Promise.reject(new Error("the emulator has no stdout pipe"));
  }

  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) =>
      reject(new Error(`the emulator exited with code ${code} before its ready line`)),
    );
    lines.once("line", (line) => {
      lines.close();
      resolve(line);
    });
  });
}

/** Find a loopback port with nothing listening on it, by binding one and releasing it. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
