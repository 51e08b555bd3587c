// Benchmark 4, start-up: spawn `gcdial --version` and `gcdial check +12015550123` against a bare
// `node -e ""`, interleaved, and compare median wall times.
import { benchConfig } from "../lib/config.mjs";
import { assertExitCode, runNodePlain } from "../lib/processes.mjs";
import { cliPath, repoRoot, requireCliCommand } from "../lib/product.mjs";
import { median } from "../lib/stats.mjs";

const commands = [
  { name: 'node -e ""', shown: 'node -e ""', args: ["-e", ""] },
  {
    name: "gcdial --version",
    shown: "node dist/cli/main.js --version",
    args: [cliPath, "--version"],
  },
  {
    name: "gcdial check +12015550123",
    shown: "node dist/cli/main.js check +12015550123",
    args: [cliPath, "check", "+12015550123"],
  },
];

/** Spawns before timing starts, so that the file cache is warm for every command alike. */
const warmUpSpawns = 1;

async function spawnAll(timesMs) {
  for (const command of commands) {
    const result = await runNodePlain(command.args, { cwd: repoRoot });
    assertExitCode(result, [0], command.shown);
    timesMs?.get(command.name).push(result.wallMs);
  }
}

/** Run the start-up benchmark and return its section of the page. */
export async function runStartupBenchmark({ log }) {
  await requireCliCommand(["check", "+12015550123"], [0], "gcdial check");

  for (let spawn = 0; spawn < warmUpSpawns; spawn += 1) {
    await spawnAll(undefined);
  }
  const timesMs = new Map(commands.map((command) => [command.name, []]));
  for (let spawn = 0; spawn < benchConfig.startupSpawns; spawn += 1) {
    await spawnAll(timesMs);
  }

  const baselineMs = median(timesMs.get(commands[0].name));
  const figures = commands.slice(1).map((command) => {
    const gcdialMs = median(timesMs.get(command.name));
    log(`  ${command.name}: ${gcdialMs.toFixed(0)} ms against ${baselineMs.toFixed(0)} ms`);
    return {
      name: `${command.name}, ms (median)`,
      baseline: baselineMs,
      gcdial: gcdialMs,
      ratio: gcdialMs / baselineMs,
      goal: "none set (reported for tracking)",
      met: undefined,
      extra: `gcdial minus baseline: ${(gcdialMs - baselineMs).toFixed(0)} ms`,
    };
  });

  return {
    title: "4. Start-up",
    description: [
      `Each command is spawned ${benchConfig.startupSpawns} times, the three commands interleaved, after ${warmUpSpawns} untimed rounds; wall time from spawn to exit, output to /dev/null.`,
    ],
    commands: commands.map((command) => command.shown),
    figures,
    notes: ["The ratio is gcdial's time over the bare Node.js start; lower is better."],
    raw: Object.fromEntries(timesMs),
  };
}
