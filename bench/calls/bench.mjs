// Benchmark 3, per-call cost: the same number of calls placed through gcdial's library and
// through the official SDK, against one served emulator, at the same concurrency.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { benchConfig } from "../lib/config.mjs";
import { findProfile, summariseProfile } from "../lib/cpu-profile.mjs";
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

function clientSettings(client, emulator, userId, outDir) {
  return {
    client: client.id,
    url: emulator.url,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    userId,
    count: benchConfig.callCount,
    concurrency: benchConfig.callConcurrency,
    journalPath: join(outDir, "calls-bench.journal.sqlite"),
  };
}

/** Run one client once in a fresh process; `nodeOptions` go before the script (such as --cpu-prof). */
async function runClient(client, emulator, userId, outDir, nodeOptions = []) {
  const stdoutPath = join(outDir, `calls-${client.id}.json`);
  const settings = clientSettings(client, emulator, userId, outDir);
  const result = await runNodeMeasured([...nodeOptions, clientRunScript], {
    cwd: repoRoot,
    stdoutPath,
    env: { BENCH_CALLS_RUN: JSON.stringify(settings) },
  });
  assertExitCode(result, [0], `${client.label} run`);
  const output = JSON.parse(readFileSync(stdoutPath, "utf8"));
  if (output.placed !== benchConfig.callCount) {
    throw new Error(`${client.label} placed ${output.placed} of ${benchConfig.callCount} calls`);
  }
  return output;
}

async function measureRuns(emulator, userId, outDir, log) {
  const wallMs = new Map(clients.map((client) => [client.id, []]));
  const cpuMs = new Map(clients.map((client) => [client.id, []]));
  for (let run = 1; run <= benchConfig.callRuns; run += 1) {
    const line = [];
    for (const client of clients) {
      await emulator.reset();
      const output = await runClient(client, emulator, userId, outDir);
      const created = (await emulator.calls()).length;
      if (created !== benchConfig.callCount) {
        throw new Error(
          `the emulator shows ${created} calls after a ${client.label} run of ${benchConfig.callCount}`,
        );
      }
      wallMs.get(client.id).push(output.wallMs);
      cpuMs.get(client.id).push(output.cpuMs);
      line.push(
        `${client.label} ${output.wallMs.toFixed(0)} ms (CPU ${output.cpuMs.toFixed(0)} ms)`,
      );
    }
    log(`  run ${run}: ${line.join(", ")}`);
  }
  return { wallMs, cpuMs };
}

function spreadOf(values) {
  const { min, max } = range(values);
  return `${min.toFixed(0)}–${max.toFixed(0)} ms`;
}

function wallFigure(client, wallMs) {
  const baselineMs = median(wallMs.get("sdk"));
  const gcdialMs = median(wallMs.get(client.id));
  const ratio = gcdialMs / baselineMs;
  const perCall = (ms) => ((1000 * ms) / benchConfig.callCount).toFixed(0);
  return {
    name: `${client.label}: wall time for ${benchConfig.callCount} calls, ms (median)`,
    baseline: baselineMs,
    gcdial: gcdialMs,
    ratio,
    goal: "ratio <= 1.00 (no slower)",
    met: ratio <= 1,
    spread: `SDK ${spreadOf(wallMs.get("sdk"))}, ${client.label} ${spreadOf(wallMs.get(client.id))}`,
    extra: `per call: SDK ${perCall(baselineMs)} µs, ${client.label} ${perCall(gcdialMs)} µs`,
  };
}

function cpuFigure(client, cpuMs) {
  const baselineMs = median(cpuMs.get("sdk"));
  const gcdialMs = median(cpuMs.get(client.id));
  return {
    name: `${client.label}: client CPU time for ${benchConfig.callCount} calls, ms (median)`,
    baseline: baselineMs,
    gcdial: gcdialMs,
    ratio: gcdialMs / baselineMs,
    goal: "none (shows the client's own work)",
    met: undefined,
    spread: `SDK ${spreadOf(cpuMs.get("sdk"))}, ${client.label} ${spreadOf(cpuMs.get(client.id))}`,
  };
}

/** Profile one gcdial run and summarise where its CPU time goes. */
async function profileGcdial(client, emulator, userId, outDir) {
  const profileDir = join(outDir, `calls-profile-${client.id}`);
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  await emulator.reset();
  await runClient(client, emulator, userId, outDir, ["--cpu-prof", "--cpu-prof-dir", profileDir]);
  const profilePath = findProfile(profileDir);
  return {
    command: `BENCH_CALLS_RUN='{"client":"${client.id}",...}' node --cpu-prof --cpu-prof-dir ${relative(repoRoot, profileDir)} bench/calls/client-run.mjs`,
    profilePath: relative(repoRoot, profilePath),
    summary: summariseProfile(profilePath, repoRoot),
  };
}

/** Run the per-call cost benchmark and return its section of the page. */
export async function runCallsBenchmark({ outDir, log }) {
  await requireBuiltModule("dist/index.js", ["GenesysClient"], "gcdial library");
  await requireBuiltModule("dist/bulk/journal.js", ["Journal"], "bulk journal");
  const { DEMO_IDS } = await requireBuiltModule("dist/emulator/seed.js", ["DEMO_IDS"], "emulator");

  const emulator = await startEmulatorProcess({ rateLimitPerMinute: emulatorRateLimitPerMinute });
  let measured;
  let profile;
  let figures;
  try {
    measured = await measureRuns(emulator, DEMO_IDS.alice, outDir, log);
    figures = [
      wallFigure(clients[1], measured.wallMs),
      wallFigure(clients[2], measured.wallMs),
      cpuFigure(clients[1], measured.cpuMs),
      cpuFigure(clients[2], measured.cpuMs),
    ];
    if (figures[0].met === false) {
      log("per-call goal missed: profiling the gcdial client");
      profile = await profileGcdial(clients[1], emulator, DEMO_IDS.alice, outDir);
    }
  } finally {
    await emulator.stop();
  }

  const journalPath = relative(repoRoot, join(outDir, "calls-bench.journal.sqlite"));
  const section = {
    title: "3. Per-call cost",
    description: [
      `Each run places ${benchConfig.callCount} calls to distinct numbers (+1 201 555 0000 upwards) on behalf of the demo user Alice, ${benchConfig.callConcurrency} in flight at once. Each client runs in a fresh process against one served emulator, whose per-token rate limit is ${emulatorRateLimitPerMinute.toLocaleString("en-US")}/min so that no 429 occurs. Wall and CPU time run from just before login to the last response; module loading is not included.`,
      "The SDK sends `{ phoneNumber }` as given, while gcdial parses and validates each number first (validation included). The journal variant claims each row (`sending`, committed) before the POST and marks it `placed` after, as a bulk run does. Its journal file and rows are created before timing starts.",
    ],
    commands: [
      `node dist/cli/main.js emulator --port 0 --rate-limit ${emulatorRateLimitPerMinute}`,
      `BENCH_CALLS_RUN='{"client":"sdk",...}' node bench/calls/client-run.mjs`,
      `BENCH_CALLS_RUN='{"client":"gcdial",...}' node bench/calls/client-run.mjs`,
      `BENCH_CALLS_RUN='{"client":"gcdial-journal","journalPath":"${journalPath}",...}' node bench/calls/client-run.mjs`,
      "POST /__emulator/reset before each run; GET /__emulator/calls after it (must list exactly the calls placed)",
    ],
    figures,
    notes: [
      `Runs rotate SDK, gcdial, gcdial + journal, ${benchConfig.callRuns} times. Baseline: purecloud-platform-client-v2 ${sdkVersion()} with \`setGateway({ host: "127.0.0.1", protocol: "http", port, path_params_login: "", path_params_api: "" })\`, \`loginClientCredentialsGrant\`, \`ConversationsApi.postConversationsCallsUserUserId\`.`,
      "The emulator runs in its own process on the same cores, so wall time includes its share; client CPU time is the client process's own user + system time.",
      `The journal lives in \`${journalPath}\`, on the repository's disk (WAL, synchronous = FULL: one fsync per commit, two commits per call).`,
    ],
    raw: { wallMs: Object.fromEntries(measured.wallMs), cpuMs: Object.fromEntries(measured.cpuMs) },
  };
  if (profile) {
    section.profile = profile;
  }
  return section;
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
