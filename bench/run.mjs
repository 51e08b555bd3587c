// Run every benchmark and write docs/benchmarks.md and bench/out/results.json.
// Usage: node bench/run.mjs [--only address,bulk,calls,startup]   (after npm run build)
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, release, totalmem, type } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { runAddressBenchmark } from "./address/bench.mjs";
import { runBulkBenchmark } from "./bulk/bench.mjs";
import { runCallsBenchmark } from "./calls/bench.mjs";
import { listOverrides } from "./lib/config.mjs";
import { PartNotReadyError, repoRoot } from "./lib/product.mjs";
import { renderBenchmarksPage } from "./lib/report.mjs";
import { runStartupBenchmark } from "./startup/bench.mjs";

const benchmarks = [
  { id: "address", title: "1. Address throughput", run: runAddressBenchmark },
  { id: "bulk", title: "2. Bulk pace", run: runBulkBenchmark },
  { id: "calls", title: "3. Per-call cost", run: runCallsBenchmark },
  { id: "startup", title: "4. Start-up", run: runStartupBenchmark },
];

function parseOnly(argv) {
  const index = argv.indexOf("--only");
  if (index === -1) {
    return benchmarks.map((benchmark) => benchmark.id);
  }
  const ids = (argv[index + 1] ?? "").split(",").filter(Boolean);
  const unknown = ids.filter((id) => !benchmarks.some((benchmark) => benchmark.id === id));
  if (ids.length === 0 || unknown.length > 0) {
    console.error(
      `--only takes a comma-separated list of: ${benchmarks.map((b) => b.id).join(", ")}`,
    );
    process.exit(2);
  }
  return ids;
}

function describeMachine() {
  const cpuList = cpus();
  return {
    date: new Date().toISOString(),
    cpuModel: cpuList[0]?.model ?? "unknown",
    cores: cpuList.length,
    availableParallelism: availableParallelism(),
    totalMemoryGb: totalmem() / 1024 ** 3,
    nodeVersion: process.version,
    os: `${type()} ${release()}`,
    loadAverage: loadavg(),
    overrides: listOverrides(),
  };
}

function log(message) {
  console.log(`[bench] ${message}`);
}

async function runOne(benchmark, context) {
  const startMs = performance.now();
  log(`${benchmark.title}: starting`);
  try {
    const section = await benchmark.run(context);
    log(`${benchmark.title}: done in ${((performance.now() - startMs) / 1000).toFixed(0)} s`);
    return { id: benchmark.id, ...section };
  } catch (error) {
    const notReady = error instanceof PartNotReadyError;
    log(`${benchmark.title}: ${notReady ? "not run" : "FAILED"}: ${error.message}`);
    if (!notReady) {
      console.error(error.stack);
    }
    return {
      id: benchmark.id,
      title: benchmark.title,
      status: notReady ? "not-run" : "failed",
      reason: error.message,
    };
  }
}

const selected = parseOnly(process.argv.slice(2));
const outDir = join(repoRoot, "bench", "out");
mkdirSync(outDir, { recursive: true });

const machine = describeMachine();
const benchStartMs = performance.now();
const sections = [];
for (const benchmark of benchmarks.filter((entry) => selected.includes(entry.id))) {
  sections.push(await runOne(benchmark, { outDir, log }));
}
machine.benchSeconds = (performance.now() - benchStartMs) / 1000;

const pagePath = join(repoRoot, "docs", "benchmarks.md");
writeFileSync(pagePath, renderBenchmarksPage(machine, sections));
writeFileSync(join(outDir, "results.json"), `${JSON.stringify({ machine, sections }, null, 2)}\n`);
log(`wrote docs/benchmarks.md and bench/out/results.json in ${machine.benchSeconds.toFixed(0)} s`);

if (sections.some((section) => section.status === "failed")) {
  process.exitCode = 1;
}
