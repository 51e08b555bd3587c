// Benchmark 2, bulk pace: `gcdial bulk run` against a spawned `gcdial emulator`; the achieved
// pace is read from the emulator's request log and set against the configured --rate.
import { rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { benchConfig } from "../lib/config.mjs";
import { startEmulatorProcess } from "../lib/emulator-process.mjs";
import { assertExitCode, runNodeMeasured } from "../lib/processes.mjs";
import { cliPath, repoRoot, requireCliCommand } from "../lib/product.mjs";
import { median } from "../lib/stats.mjs";
import {
  analyseRequests,
  analyseStorm,
  defaultInFlightMs,
  readClientRateLimitDurations,
  transitToleranceMs,
} from "./request-log.mjs";
import { bulkScenarios, paceGoal } from "./scenarios.mjs";

const asUser = "user:alice@example.com";

/** Distinct valid numbers in notations that need no default country. */
function writeContactsCsv(path, rows) {
  const lines = ["name,phone"];
  for (let index = 0; index < rows; index += 1) {
    const line = String(index).padStart(4, "0");
    const notations = [`+1201555${line}`, `+1 (201) 555-${line}`, `tel:+1-201-555-${line}`];
    lines.push(`Contact ${index + 1},${notations[index % notations.length]}`);
  }
  writeFileSync(path, `${lines.join("\r\n")}\r\n`);
}

function bulkArgs(csvPath, ratePerMinute, journalPath) {
  return [
    cliPath,
    "bulk",
    "run",
    csvPath,
    "--column",
    "phone",
    "--as",
    asUser,
    "--rate",
    `${ratePerMinute}/min`,
    "--journal",
    journalPath,
  ];
}

function removeJournal(path) {
  for (const suffix of ["", "-wal", "-shm"]) {
    rmSync(`${path}${suffix}`, { force: true });
  }
}

/** Add the 429 storm fault once the run has placed `afterCalls` calls; stop when `isDone()`. */
async function injectStormWhenDue(emulator, storm, isDone) {
  while (!isDone()) {
    const { placedCalls } = analyseRequests(await emulator.requests());
    if (placedCalls.length >= storm.afterCalls) {
      await emulator.addFault(storm.fault);
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function runScenarioOnce(scenario, emulator, files, run) {
  await emulator.reset();
  await emulator.updateSettings({ rateLimitPerMinute: scenario.emulatorRateLimitPerMinute });
  const journalPath = join(files.outDir, `bulk-${scenario.id}-${run}.journal.sqlite`);
  removeJournal(journalPath);

  const env = {
    GENESYSCLOUD_REGION: emulator.url,
    GENESYSCLOUD_OAUTHCLIENT_ID: emulator.clientId,
    GENESYSCLOUD_OAUTHCLIENT_SECRET: emulator.clientSecret,
    GENESYSCLOUD_ACCESS_TOKEN: "",
  };
  let done = false;
  const child = runNodeMeasured(
    bulkArgs(files.csvPath(scenario), scenario.ratePerMinute, journalPath),
    {
      cwd: repoRoot,
      env,
      keepStderr: scenario.storm !== undefined,
    },
  ).finally(() => {
    done = true;
  });
  const stormAdded = scenario.storm
    ? await injectStormWhenDue(emulator, scenario.storm, () => done)
    : false;
  const result = await child;
  assertExitCode(result, [0], `gcdial bulk run (${scenario.id}, run ${run})`);
  removeJournal(journalPath);

  const log = await emulator.requests();
  const { pacePerMinute, laterPacePerMinute, rateLimited } = analyseRequests(log);
  const calls = await emulator.calls();
  const callCount = Array.isArray(calls) ? calls.length : (calls.calls ?? []).length;
  return {
    wallMs: result.wallMs,
    pacePerMinute,
    laterPacePerMinute,
    rateLimited,
    callCount,
    storm: scenario.storm
      ? {
          added: stormAdded,
          ...analyseStorm(log, scenario.storm, readClientRateLimitDurations(result.stderr)),
        }
      : undefined,
  };
}

async function runScenario(scenario, emulator, files, log) {
  const runs = [];
  for (let run = 1; run <= benchConfig.runs; run += 1) {
    const outcome = await runScenarioOnce(scenario, emulator, files, run);
    if (outcome.callCount !== scenario.rows) {
      throw new Error(
        `${scenario.id} run ${run}: the emulator shows ${outcome.callCount} calls for ${scenario.rows} rows`,
      );
    }
    runs.push(outcome);
    const stormText = outcome.storm
      ? `, client 429 durations ${outcome.storm.clientDurationsMs.join("/")} ms, in flight ${outcome.storm.requestsInFlight}, near read time ${outcome.storm.requestsNearReadTime}, during Retry-After ${outcome.storm.requestsDuringRetryAfter}, gaps ${outcome.storm.gapsMs.join("/")} ms`
      : "";
    log(
      `  ${scenario.id} run ${run}: pace ${outcome.pacePerMinute.toFixed(0)}/min, ` +
        `429s ${outcome.rateLimited}, wall ${(outcome.wallMs / 1000).toFixed(1)} s${stormText}`,
    );
  }
  return runs;
}

function paceFigure(scenario, runs) {
  const achieved = median(runs.map((run) => run.pacePerMinute));
  const ratio = achieved / scenario.ratePerMinute;
  return {
    name: `${scenario.label}: calls per minute (median)`,
    baseline: scenario.ratePerMinute,
    gcdial: achieved,
    ratio,
    goal: `ratio ${paceGoal.min}–${paceGoal.max}`,
    ratioDigits: 3,
    met: ratio >= paceGoal.min && ratio <= paceGoal.max,
    spread: runs.map((run) => run.pacePerMinute.toFixed(0)).join(", "),
    extra: `without the first tenth of the calls: ${median(runs.map((run) => run.laterPacePerMinute)).toFixed(0)}/min; CLI wall time ${(median(runs.map((run) => run.wallMs)) / 1000).toFixed(1)} s (medians)`,
  };
}

function rateLimitFigure(scenario, runs) {
  const total = runs.reduce((sum, run) => sum + run.rateLimited, 0);
  return {
    name: `${scenario.label}: 429 responses, all runs`,
    baseline: "0",
    gcdial: String(total),
    ratio: "—",
    goal: "0",
    met: total === 0,
  };
}

function stormFigures(scenario, runs) {
  const sum = (field) => runs.reduce((total, run) => total + run.storm[field], 0);
  const during = sum("requestsDuringRetryAfter");
  const gaps = runs.flatMap((run) => run.storm.gapsMs);
  const retryAfterMs = scenario.storm.retryAfterSec * 1000;
  const medianGapMs = gaps.length > 0 ? median(gaps) : undefined;
  return [
    {
      name: `${scenario.label}: requests received while a Retry-After was running, all runs`,
      baseline: "0",
      gcdial: String(during),
      ratio: "—",
      goal: "0",
      met: during === 0 && gaps.length > 0,
      extra: `${sum("stormResponses")} scripted 429s in all. Not counted: ${sum("requestsInFlight")} requests that arrived before the client had read a 429 (already in flight), and ${sum("requestsNearReadTime")} within ${transitToleranceMs} ms after it`,
    },
    {
      name: `${scenario.label}: gap from a 429 to the next request sent after it was read, ms (median)`,
      baseline: retryAfterMs,
      gcdial: medianGapMs,
      ratio: medianGapMs === undefined ? "—" : medianGapMs / retryAfterMs,
      goal: "ratio >= 1.00",
      met: medianGapMs !== undefined && medianGapMs >= retryAfterMs,
      extra: `overall pace of these runs, pauses included: ${median(runs.map((run) => run.pacePerMinute)).toFixed(0)}/min (median) against --rate ${scenario.ratePerMinute}/min`,
    },
  ];
}

function describeScenarios() {
  return bulkScenarios.map((scenario) => {
    const stormText = scenario.storm
      ? ` After ${scenario.storm.afterCalls} calls the emulator answers the next ${scenario.storm.fault.times} call POSTs with 429 and \`Retry-After: ${scenario.storm.retryAfterSec}\` (POST /__emulator/faults).`
      : "";
    return `- ${scenario.label}: ${scenario.rows} rows at \`--rate ${scenario.ratePerMinute}/min\`, emulator limit ${scenario.emulatorRateLimitPerMinute}/min per token. ${scenario.why}${stormText}`;
  });
}

/** Run the bulk pace benchmark and return its section of the page. */
export async function runBulkBenchmark({ outDir, log }) {
  await requireCliCommand(["bulk", "run", "--help"], [0], "gcdial bulk run");
  await requireCliCommand(["emulator", "--help"], [0], "gcdial emulator");

  const csvPath = (scenario) => join(outDir, `bulk-${scenario.rows}.csv`);
  for (const scenario of bulkScenarios) {
    writeContactsCsv(csvPath(scenario), scenario.rows);
  }
  const emulator = await startEmulatorProcess({ rateLimitPerMinute: 300 });
  const results = new Map();
  try {
    for (const scenario of bulkScenarios) {
      results.set(scenario.id, await runScenario(scenario, emulator, { outDir, csvPath }, log));
    }
  } finally {
    await emulator.stop();
  }

  const figures = bulkScenarios.flatMap((scenario) => {
    const runs = results.get(scenario.id);
    if (scenario.storm) {
      return stormFigures(scenario, runs);
    }
    return [paceFigure(scenario, runs), rateLimitFigure(scenario, runs)];
  });
  const exampleScenario = bulkScenarios[0];
  return {
    title: "2. Bulk pace",
    description: [
      "Each run: POST /__emulator/reset, PUT /__emulator/settings with the scenario's rate limit, then one `gcdial bulk run` with a fresh journal. The achieved pace is (successful call POSTs − 1) / (time of the last − time of the first), from GET /__emulator/requests, so CLI start-up and validation are not counted in it.",
      ...describeScenarios(),
    ],
    commands: [
      emulator.command,
      `GENESYSCLOUD_REGION=<emulator url> GENESYSCLOUD_OAUTHCLIENT_ID=<id> GENESYSCLOUD_OAUTHCLIENT_SECRET=<secret> node dist/cli/main.js bulk run ${relative(repoRoot, csvPath(exampleScenario))} --column phone --as ${asUser} --rate ${exampleScenario.ratePerMinute}/min --journal bench/out/bulk-${exampleScenario.id}-1.journal.sqlite`,
      "(the other scenarios change only the file, --rate and the journal path)",
    ],
    figures,
    notes: [
      `Storm: a request counts as received while a Retry-After was running when the emulator received it before the 429's arrival plus Retry-After. It must also arrive later than the 429's arrival plus the client's own duration for that 429 request plus ${transitToleranceMs} ms. The duration is the \`status=429 durationMs=N\` field of gcdial's retry log line (${defaultInFlightMs} ms where none was logged). The ${transitToleranceMs} ms allow for transit times that differ between requests. Earlier requests were sent before the client had read the 429.`,
      `Every run must leave exactly one emulator call per row (checked with GET /__emulator/calls); ${benchConfig.runs} runs per scenario.`,
      "The emulator counts requests in a fixed 60-second window per token, and every run here is shorter than a minute. So a 429 shows only when a run sends more requests in total than the limit allows, and the scripted storm is what tests the Retry-After handling.",
    ],
    raw: Object.fromEntries(results),
  };
}
