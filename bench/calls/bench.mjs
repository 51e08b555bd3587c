// Benchmark 3, per-call cost: the same number of calls placed through gcdial's library and
// through the official SDK, against one served emulator, at the same concurrency.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { benchConfig } from "../lib/config.mjs";
import { startEmulatorProcess } from "../lib/emulator-process.mjs";
import { assertExitCode, runNodeMeasured } from "../lib/processes.mjs";
import { repoRoot, requireBuiltModule } from "../lib/product.mjs";
import { median, range } from "../lib/stats.mjs";

const clientRunScript = join(repoRoot, "bench", "calls", "client-run.mjs");

/** The emulator's per-token limit is raised to its maximum so that neither client meets a 429. */
const emulatorRateLimitPerMinute = 1_000_000;

const clients = [
  { id: "sdk", label: "purecloud-platform-client-v2" },
  { id: "gcdial", label: "gcdial" },
  { id: "gcdial-journal", label: "gcdial + journal" },
];

async function runClient(client, emulator, userId, outDir) {
  const stdoutPath = join(outDir, `calls-${client.id}.json`);
  const settings = {
    client: client.id,
    url: emulator.url,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    userId,
    count: benchConfig.callCount,
    concurrency: benchConfig.callConcurrency,
    journalPath: join(outDir, "calls-bench.journal.sqlite"),
  };
  const result = await runNodeMeasured([clientRunScript], {
    cwd: repoRoot,
    stdoutPath,
    env: { BENCH_CALLS_RUN: JSON.stringify(settings) },
  });
  assertExitCode(result, [0], `${client.label} run`);
  const output = JSON.parse(readFileSync(stdoutPath, "utf8"));
  if (output.placed !== benchConfig.callCount) {
    throw new Error(`${client.label} placed ${output.placed} of ${benchConfig.callCount} calls`);
  }
  return output.wallMs;
}

function countCalls(listing) {
  return Array.isArray(listing) ? listing.length : (listing.calls ?? listing.entries ?? []).length;
}

async function measureRuns(emulator, userId, outDir, log) {
  const timesMs = new Map(clients.map((client) => [client.id, []]));
  for (let run = 1; run <= benchConfig.runs; run += 1) {
    const line = [];
    for (const client of clients) {
      await emulator.reset();
      const wallMs = await runClient(client, emulator, userId, outDir);
      const created = countCalls(await emulator.calls());
      if (created !== benchConfig.callCount) {
        throw new Error(
          `the emulator shows ${created} calls after a ${client.label} run of ${benchConfig.callCount}`,
        );
      }
      timesMs.get(client.id).push(wallMs);
      line.push(`${client.label} ${wallMs.toFixed(0)} ms`);
    }
    log(`  run ${run}: ${line.join(", ")}`);
  }
  return timesMs;
}

function figureFor(client, timesMs) {
  const baselineMs = median(timesMs.get("sdk"));
  const gcdialMs = median(timesMs.get(client.id));
  const ratio = gcdialMs / baselineMs;
  const spreadOf = (id) => {
    const { min, max } = range(timesMs.get(id));
    return `${min.toFixed(0)}–${max.toFixed(0)} ms`;
  };
  return {
    name: `${client.label}: wall time for ${benchConfig.callCount} calls, ms (median)`,
    baseline: baselineMs,
    gcdial: gcdialMs,
    ratio,
    goal: "ratio <= 1.00 (no slower)",
    met: ratio <= 1,
    spread: `SDK ${spreadOf("sdk")}, ${client.label} ${spreadOf(client.id)}`,
    extra: `per call: SDK ${((1000 * baselineMs) / benchConfig.callCount).toFixed(0)} µs, ${client.label} ${((1000 * gcdialMs) / benchConfig.callCount).toFixed(0)} µs`,
  };
}

/** Run the per-call cost benchmark and return its section of the page. */
export async function runCallsBenchmark({ outDir, log }) {
  await requireBuiltModule("dist/index.js", ["GenesysClient"], "gcdial library");
  await requireBuiltModule("dist/bulk/journal.js", ["Journal"], "bulk journal");
  const { DEMO_IDS } = await requireBuiltModule("dist/emulator/seed.js", ["DEMO_IDS"], "emulator");

  const emulator = await startEmulatorProcess({ rateLimitPerMinute: emulatorRateLimitPerMinute });
  let timesMs;
  try {
    timesMs = await measureRuns(emulator, DEMO_IDS.alice, outDir, log);
  } finally {
    await emulator.stop();
  }

  const journalPath = relative(repoRoot, join(outDir, "calls-bench.journal.sqlite"));
  return {
    title: "3. Per-call cost",
    description: [
      `${benchConfig.callCount} calls per run to distinct numbers (+1 201 555 0000 upwards), on behalf of the demo user Alice, ${benchConfig.callConcurrency} in flight at once, each client in a fresh process against one served emulator (per-token rate limit ${emulatorRateLimitPerMinute.toLocaleString("en-US")}/min, so no 429s). Wall time runs from just before login to the last answer; module loading is not included.`,
      "The SDK sends `{ phoneNumber }` as given; gcdial parses and validates each number first (validation included). The journal variant claims each row (`sending`, committed) before the POST and marks it `placed` after, as a bulk run does; the journal file and its rows are created before timing starts.",
    ],
    commands: [
      emulator.command,
      `BENCH_CALLS_RUN='{"client":"sdk",...}' node bench/calls/client-run.mjs`,
      `BENCH_CALLS_RUN='{"client":"gcdial",...}' node bench/calls/client-run.mjs`,
      `BENCH_CALLS_RUN='{"client":"gcdial-journal","journalPath":"${journalPath}",...}' node bench/calls/client-run.mjs`,
      "POST /__emulator/reset before each run; GET /__emulator/calls after it (must list exactly the calls placed)",
    ],
    figures: [figureFor(clients[1], timesMs), figureFor(clients[2], timesMs)],
    notes: [
      `Runs rotate SDK, gcdial, gcdial + journal, ${benchConfig.runs} times. Baseline: purecloud-platform-client-v2 ${sdkVersion()} with \`setGateway({ host: "127.0.0.1", protocol: "http", port, path_params_login: "", path_params_api: "" })\`, \`loginClientCredentialsGrant\`, \`ConversationsApi.postConversationsCallsUserUserId\`.`,
      `The journal lives in \`${journalPath}\`, on the repository's disk (WAL, synchronous = FULL: one fsync per commit).`,
    ],
    raw: Object.fromEntries(timesMs),
  };
}

function sdkVersion() {
  const packagePath = join(
    repoRoot,
    "node_modules",
    "purecloud-platform-client-v2",
    "package.json",
  );
  return JSON.parse(readFileSync(packagePath, "utf8")).version;
}
