// Benchmark 1, address throughput: `gcdial check --csv` on a messy 1,000,000-row file against a
// bare csv-parse + libphonenumber-js script reading the same file, runs alternating.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { benchConfig } from "../lib/config.mjs";
import { findProfile, summariseProfile } from "../lib/cpu-profile.mjs";
import { assertExitCode, runNodeMeasured } from "../lib/processes.mjs";
import { cliPath, repoRoot, requireCliCommand } from "../lib/product.mjs";
import { median, range } from "../lib/stats.mjs";
import { generateAddressCsv } from "./generate.mjs";

const column = "phone";
const defaultCountry = "US";
const throughputGoalRatio = 0.8;
const peakMemoryGoalMb = 200;
/** Rows in the small file used to check that both programs write one JSON line per row. */
const sampleRows = 5000;
/** Rows in the file profiled when the throughput goal is missed. */
const profileRows = 100_000;

/** `gcdial check --csv` exits 0 when every row is valid and 3 when some are invalid. */
const checkExitCodes = [0, 3];

const baselineScript = join(repoRoot, "bench", "address", "baseline.mjs");
const preloadShown = "node --import ./bench/lib/max-rss-preload.mjs";

function gcdialArgs(csvPath) {
  return [
    cliPath,
    "check",
    "--csv",
    csvPath,
    "--column",
    column,
    "--country",
    defaultCountry,
    "--json",
  ];
}

function baselineArgs(csvPath) {
  return [baselineScript, csvPath, column, defaultCountry];
}

function countJsonLines(path) {
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"));
  const okLines = lines.filter((line) => /"ok":\s*true/.test(line));
  return { lines: lines.length, okLines: okLines.length };
}

/** Run both programs once on a small file and check each wrote one JSON line per row. */
async function checkOutputs(outDir) {
  const csvPath = join(outDir, `addresses-${sampleRows}.csv`);
  generateAddressCsv({ rows: sampleRows, seed: benchConfig.addressSeed, outputPath: csvPath });
  const baselineOut = join(outDir, "address-sample-baseline.jsonl");
  const gcdialOut = join(outDir, "address-sample-gcdial.jsonl");

  const baseline = await runNodeMeasured(baselineArgs(csvPath), { stdoutPath: baselineOut });
  assertExitCode(baseline, [0], "baseline on the sample file");
  const gcdial = await runNodeMeasured(gcdialArgs(csvPath), {
    stdoutPath: gcdialOut,
    cwd: repoRoot,
  });
  assertExitCode(gcdial, checkExitCodes, "gcdial check on the sample file");

  const counts = { baseline: countJsonLines(baselineOut), gcdial: countJsonLines(gcdialOut) };
  if (counts.gcdial.lines < sampleRows) {
    throw new Error(
      `gcdial check wrote ${counts.gcdial.lines} JSON lines for ${sampleRows} rows; expected one per row`,
    );
  }
  return counts;
}

async function measureRuns(csvPath, log) {
  const baselineMs = [];
  const gcdialMs = [];
  const gcdialRssKb = [];
  const baselineRssKb = [];
  for (let run = 1; run <= benchConfig.runs; run += 1) {
    const baseline = await runNodeMeasured(baselineArgs(csvPath), { cwd: repoRoot });
    assertExitCode(baseline, [0], "baseline");
    const gcdial = await runNodeMeasured(gcdialArgs(csvPath), { cwd: repoRoot });
    assertExitCode(gcdial, checkExitCodes, "gcdial check --csv");
    baselineMs.push(baseline.wallMs);
    gcdialMs.push(gcdial.wallMs);
    baselineRssKb.push(baseline.maxRssKb);
    gcdialRssKb.push(gcdial.maxRssKb);
    log(
      `  run ${run}: baseline ${(baseline.wallMs / 1000).toFixed(1)} s, ` +
        `gcdial ${(gcdial.wallMs / 1000).toFixed(1)} s, gcdial maxRSS ${(gcdial.maxRssKb / 1024).toFixed(0)} MB`,
    );
  }
  return { baselineMs, gcdialMs, baselineRssKb, gcdialRssKb };
}

/** Profile one gcdial run on a smaller file and summarise where its CPU time goes. */
async function profileGcdial(outDir) {
  const csvPath = join(outDir, `addresses-${profileRows}.csv`);
  generateAddressCsv({ rows: profileRows, seed: benchConfig.addressSeed, outputPath: csvPath });
  const profileDir = join(outDir, "address-profile");
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  const result = await runNodeMeasured(
    ["--cpu-prof", "--cpu-prof-dir", profileDir, ...gcdialArgs(csvPath)],
    {
      cwd: repoRoot,
    },
  );
  assertExitCode(result, checkExitCodes, "profiled gcdial check --csv");
  const profilePath = findProfile(profileDir);
  return {
    command: `node --cpu-prof --cpu-prof-dir ${relative(repoRoot, profileDir)} dist/cli/main.js check --csv ${relative(repoRoot, csvPath)} --column ${column} --country ${defaultCountry} --json > /dev/null`,
    profilePath: relative(repoRoot, profilePath),
    summary: summariseProfile(profilePath, repoRoot),
  };
}

function describeData(meta, csvRelative) {
  const notations = Object.entries(meta.notationCounts)
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `${name} ${((100 * count) / meta.rows).toFixed(1)}%`)
    .join(", ");
  return [
    `${meta.rows.toLocaleString("en-US")} data rows in \`${csvRelative}\` (seed ${meta.seed}), UTF-8 with BOM, CRLF, quoted fields, columns id,name,phone,note; ${meta.countries.length} countries.`,
    `Notations: ${notations}.`,
    `Numbers are the libphonenumber-js mobile example number of each country with the last digits varied; ${(100 * meta.validVariantShare).toFixed(1)}% of sampled variants are valid by its max metadata.`,
  ];
}

/**
 * Return gcdial's peak RSS in MB and its rows per second on the memory file. When that file is the
 * throughput file, the throughput runs already measured it; otherwise gcdial runs once more.
 */
async function measureMemory(outDir, log, runs) {
  const rows = benchConfig.addressMemoryRows;
  if (rows === benchConfig.addressRows) {
    return {
      rows,
      csvPath: join(outDir, `addresses-${rows}.csv`),
      peakMb: Math.max(...runs.gcdialRssKb) / 1024,
      rowsPerSecond: rows / (median(runs.gcdialMs) / 1000),
      fromRuns: true,
    };
  }

  const csvPath = join(outDir, `addresses-${rows}.csv`);
  log(`generating ${relative(repoRoot, csvPath)} for the memory run`);
  generateAddressCsv({ rows, seed: benchConfig.addressSeed, outputPath: csvPath });
  const result = await runNodeMeasured(gcdialArgs(csvPath), { cwd: repoRoot });
  assertExitCode(result, checkExitCodes, "gcdial check --csv (memory run)");
  const peakMb = result.maxRssKb / 1024;
  log(
    `  memory run: ${rows} rows in ${(result.wallMs / 1000).toFixed(1)} s, maxRSS ${peakMb.toFixed(0)} MB`,
  );
  return { rows, csvPath, peakMb, rowsPerSecond: rows / (result.wallMs / 1000), fromRuns: false };
}

function throughputFigures(runs, memory) {
  const rows = benchConfig.addressRows;
  const baselineRate = rows / (median(runs.baselineMs) / 1000);
  const gcdialRate = rows / (median(runs.gcdialMs) / 1000);
  const ratio = gcdialRate / baselineRate;
  const peakMb = Math.max(...runs.gcdialRssKb) / 1024;
  const baselinePeakMb = Math.max(...runs.baselineRssKb) / 1024;
  return [
    {
      name: `rows per second, ${rows.toLocaleString("en-US")} rows (median)`,
      baseline: baselineRate,
      gcdial: gcdialRate,
      ratio,
      goal: `ratio >= ${throughputGoalRatio}`,
      met: ratio >= throughputGoalRatio,
      spread: spreadText(runs, rows),
    },
    {
      name: `peak RSS, ${rows.toLocaleString("en-US")} rows, MB (max of runs)`,
      baseline: baselinePeakMb,
      gcdial: peakMb,
      ratio: peakMb / baselinePeakMb,
      goal: memory.fromRuns ? `gcdial < ${peakMemoryGoalMb} MB` : "none (see the next row)",
      met: memory.fromRuns ? peakMb < peakMemoryGoalMb : undefined,
    },
    ...(memory.fromRuns
      ? []
      : [
          {
            name: `peak RSS, ${memory.rows.toLocaleString("en-US")} rows, MB (${memory.fromRuns ? "max of the runs above" : "one gcdial run"})`,
            baseline: undefined,
            gcdial: memory.peakMb,
            ratio: "—",
            goal: `gcdial < ${peakMemoryGoalMb} MB`,
            met: memory.peakMb < peakMemoryGoalMb,
            extra: `that run checked ${Math.round(memory.rowsPerSecond).toLocaleString("en-US")} rows per second`,
          },
        ]),
  ];
}

/** Run the address throughput benchmark and return its section of the page. */
export async function runAddressBenchmark({ outDir, log }) {
  await requireCliCommand(["check", "+12015550123"], [0], "gcdial check");

  const rows = benchConfig.addressRows;
  const csvPath = join(outDir, `addresses-${rows}.csv`);
  const csvRelative = relative(repoRoot, csvPath);
  log(`generating ${csvRelative}`);
  const meta = generateAddressCsv({ rows, seed: benchConfig.addressSeed, outputPath: csvPath });

  log("checking outputs on a sample file");
  const sample = await checkOutputs(outDir);
  const runs = await measureRuns(csvPath, log);
  const memory = await measureMemory(outDir, log, runs);
  const memoryCsv = relative(repoRoot, memory.csvPath);
  const figures = throughputFigures(runs, memory);

  const section = {
    title: "1. Address throughput",
    description: describeData(meta, csvRelative),
    commands: [
      `node bench/address/generate.mjs ${rows} ${benchConfig.addressSeed} ${csvRelative}`,
      `${preloadShown} bench/address/baseline.mjs ${csvRelative} ${column} ${defaultCountry} > /dev/null`,
      `${preloadShown} dist/cli/main.js check --csv ${csvRelative} --column ${column} --country ${defaultCountry} --json > /dev/null`,
      ...(memory.fromRuns
        ? []
        : [
            `node bench/address/generate.mjs ${memory.rows} ${benchConfig.addressSeed} ${memoryCsv}`,
            `${preloadShown} dist/cli/main.js check --csv ${memoryCsv} --column ${column} --country ${defaultCountry} --json > /dev/null`,
          ]),
    ],
    figures,
    notes: [
      `Runs alternate baseline, gcdial, ${benchConfig.runs} times each; rows per second = ${rows.toLocaleString("en-US")} / wall time from spawn to exit (start-up included).${memory.fromRuns ? "" : ` The memory run uses a ${memory.rows.toLocaleString("en-US")}-row file from the same generator and seed.`}`,
      `Peak RSS is \`process.resourceUsage().maxRSS\` of the child, written at exit by the preload.`,
      `Sample check (${sampleRows} rows, output kept): baseline wrote ${sample.baseline.lines} JSON lines (${sample.baseline.okLines} valid), gcdial wrote ${sample.gcdial.lines} (${sample.gcdial.okLines} valid). The counts differ where gcdial accepts or rejects what bare parsing does not (00 prefixes, emergency numbers, letters, sip: URIs).`,
      `Both programs use the default country ${defaultCountry} for national numbers.`,
    ],
    raw: { ...runs, memory },
  };

  if (figures[0].met === false) {
    log("throughput goal missed: profiling gcdial check --csv");
    section.profile = await profileGcdial(outDir);
  }
  return section;
}

function spreadText(runs, rows) {
  const baseline = range(runs.baselineMs.map((ms) => rows / (ms / 1000)));
  const gcdial = range(runs.gcdialMs.map((ms) => rows / (ms / 1000)));
  const format = (value) => Math.round(value).toLocaleString("en-US");
  return `baseline ${format(baseline.min)}–${format(baseline.max)}, gcdial ${format(gcdial.min)}–${format(gcdial.max)}`;
}
