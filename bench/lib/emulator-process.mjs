// Start `gcdial emulator` as a child process and talk to its control plane (/__emulator/...).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { cliPath, PartNotReadyError, repoRoot } from "./product.mjs";

/** How long the emulator may take to print its first line before the benchmark gives up. */
const startTimeoutMs = 15_000;

const environmentNames = {
  url: "GENESYSCLOUD_REGION",
  clientId: "GENESYSCLOUD_OAUTHCLIENT_ID",
  clientSecret: "GENESYSCLOUD_OAUTHCLIENT_SECRET",
};

/**
 * Read the URL and demo client credentials from the emulator's first stdout line, which is
 * either a JSON object or shell assignments `GENESYSCLOUD_REGION=... GENESYSCLOUD_OAUTHCLIENT_ID=...`.
 */
export function parseFirstLine(line) {
  const trimmed = line.trim();
  if (trimmed.startsWith("{")) {
    const data = JSON.parse(trimmed);
    return {
      url: data.url ?? data.region ?? data[environmentNames.url],
      clientId: data.clientId ?? data[environmentNames.clientId],
      clientSecret: data.clientSecret ?? data[environmentNames.clientSecret],
    };
  }
  const matchAssignment = (name) =>
    new RegExp(`${name}=(?:"([^"]*)"|'([^']*)'|(\\S+))`).exec(trimmed);
  const pick = (name) => {
    const found = matchAssignment(name);
    return found ? (found[1] ?? found[2] ?? found[3]) : undefined;
  };
  return {
    url: pick(environmentNames.url) ?? /https?:\/\/127\.0\.0\.1:\d+/.exec(trimmed)?.[0],
    clientId: pick(environmentNames.clientId),
    clientSecret: pick(environmentNames.clientSecret),
  };
}

function readFirstLine(child) {
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new PartNotReadyError(`gcdial emulator printed nothing within ${startTimeoutMs} ms`));
    }, startTimeoutMs);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(
        new PartNotReadyError(`gcdial emulator exited with ${code} before printing its address`),
      );
    });
  });
}

async function control(url, method, path, body) {
  const response = await fetch(`${url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} /__emulator/${path} responded with ${response.status}: ${text}`);
  }
  return text ? JSON.parse(text) : undefined;
}

/**
 * Spawn `gcdial emulator --port 0 --rate-limit N` and return its URL, the demo client
 * credentials, control-plane helpers and `stop()`.
 */
export async function startEmulatorProcess({ rateLimitPerMinute }) {
  const args = [cliPath, "emulator", "--port", "0", "--rate-limit", String(rateLimitPerMinute)];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-2000);
  });

  let endpoint;
  try {
    endpoint = parseFirstLine(await readFirstLine(child));
  } catch (error) {
    child.kill("SIGTERM");
    if (error instanceof PartNotReadyError && stderr.trim()) {
      error.message += ` (${stderr.trim().split("\n")[0]})`;
    }
    throw error;
  }
  if (!endpoint.url || !endpoint.clientId || !endpoint.clientSecret) {
    child.kill("SIGTERM");
    throw new PartNotReadyError(
      "gcdial emulator's first line has no URL and client credentials that the benchmark can read",
    );
  }
  // Keep reading stdout so that a full pipe cannot block the emulator.
  child.stdout.resume();

  const { url } = endpoint;
  return {
    ...endpoint,
    command: `node dist/cli/main.js emulator --port 0 --rate-limit ${rateLimitPerMinute}`,
    reset: () => control(url, "POST", "reset", {}),
    updateSettings: (settings) => control(url, "PUT", "settings", settings),
    addFault: (fault) => control(url, "POST", "faults", fault),
    requests: () => control(url, "GET", "requests"),
    calls: () => control(url, "GET", "calls"),
    stop: () => stopChild(child),
  };
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
