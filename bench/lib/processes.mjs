import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const preloadPath = fileURLToPath(new URL("./max-rss-preload.mjs", import.meta.url));

/** The last this many characters of a child's stderr are kept for error messages. */
const stderrTailChars = 4000;

/** Upper bound of the whole stderr kept with `keepStderr`, against a runaway child. */
const maxStderrChars = 10_000_000;

let measurementCounter = 0;

/**
 * Spawn `node ...nodeArgs` and measure it: wall time from spawn to exit, exit code, and the
 * child's peak RSS (through a preload that writes it at exit). `stdoutPath` sends stdout to a
 * file; without it stdout goes to /dev/null. `keepStderr` returns the whole stderr as `stderr`.
 */
export async function runNodeMeasured(nodeArgs, options = {}) {
  measurementCounter += 1;
  const maxRssFile = join(tmpdir(), `gcdial-bench-rss-${process.pid}-${measurementCounter}`);
  const stdoutFd = options.stdoutPath ? openSync(options.stdoutPath, "w") : "ignore";
  const env = { ...process.env, ...options.env, BENCH_MAX_RSS_FILE: maxRssFile };

  try {
    const startMs = performance.now();
    const child = spawn(process.execPath, ["--import", preloadPath, ...nodeArgs], {
      cwd: options.cwd,
      env,
      stdio: ["ignore", stdoutFd, "pipe"],
    });
    const result = await waitForExit(child, options.keepStderr === true);
    const wallMs = performance.now() - startMs;
    return { ...result, wallMs, maxRssKb: readMaxRss(maxRssFile) };
  } finally {
    if (typeof stdoutFd === "number") {
      closeSync(stdoutFd);
    }
    rmSync(maxRssFile, { force: true });
  }
}

/**
 * Spawn `node ...nodeArgs` with no preload and return its wall time and exit code, for start-up
 * measurements where a preload would add its own cost.
 */
export async function runNodePlain(nodeArgs, options = {}) {
  const startMs = performance.now();
  const child = spawn(process.execPath, nodeArgs, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const result = await waitForExit(child);
  return { ...result, wallMs: performance.now() - startMs };
}

/** Throw with the child's stderr when it did not exit with one of `allowedExitCodes`. */
export function assertExitCode(result, allowedExitCodes, description) {
  if (allowedExitCodes.includes(result.exitCode)) {
    return;
  }
  const ending = result.signal ? `signal ${result.signal}` : `exit code ${result.exitCode}`;
  throw new Error(`${description} failed with ${ending}:\n${result.stderrTail.trim()}`);
}

function waitForExit(child, keepStderr = false) {
  let stderrTail = "";
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderrTail = (stderrTail + chunk).slice(-stderrTailChars);
    if (keepStderr && stderr.length < maxStderrChars) {
      stderr += chunk;
    }
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode, signal) =>
      resolve({ exitCode, signal, stderrTail, stderr: keepStderr ? stderr : undefined }),
    );
  });
}

function readMaxRss(maxRssFile) {
  try {
    return Number(readFileSync(maxRssFile, "utf8"));
  } catch {
    return undefined;
  }
}
