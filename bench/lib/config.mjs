// Sizes and run counts of the benchmarks. The defaults are the published configuration, chosen
// so that `npm run bench` finishes in under ten minutes on 2 cores. The environment variables
// exist for quick local trials, and the page lists every one that changed a default.

function readCount(name, defaultValue) {
  const text = process.env[name];
  if (text === undefined || text === "") {
    return defaultValue;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive whole number, got ${JSON.stringify(text)}`);
  }
  return value;
}

export const benchConfig = {
  /** Timed runs per measured figure; the page reports their median. */
  runs: readCount("BENCH_RUNS", 5),
  /**
   * Rows in the address throughput CSV. Five alternating runs of both programs on 1,000,000
   * rows took about 250 s on this project's 2-core machine, which keeps the whole bench under
   * ten minutes.
   */
  addressRows: readCount("BENCH_ADDRESS_ROWS", 1_000_000),
  /**
   * Rows of the file whose peak memory is held against the goal. When it equals `addressRows`,
   * the throughput runs measure it and no extra run is made.
   */
  addressMemoryRows: readCount("BENCH_ADDRESS_MEMORY_ROWS", 1_000_000),
  /** Seed of the address data set. */
  addressSeed: readCount("BENCH_ADDRESS_SEED", 42),
  /** Spawns of each command in the start-up benchmark. */
  startupSpawns: readCount("BENCH_STARTUP_SPAWNS", 7),
  /**
   * Rounds of the per-call cost benchmark (each runs every client once). A round takes about
   * 5 s, and a run of 1,000 calls is short enough that scheduling noise moves single runs.
   */
  callRuns: readCount("BENCH_CALL_RUNS", 7),
  /** Calls per run in the per-call cost benchmark. */
  callCount: readCount("BENCH_CALLS", 1000),
  /** Calls in flight at once in the per-call cost benchmark, for both clients. */
  callConcurrency: readCount("BENCH_CALL_CONCURRENCY", 8),
};

/** Return the environment variables that changed a default, for the page. */
export function listOverrides() {
  const names = [
    "BENCH_RUNS",
    "BENCH_ADDRESS_ROWS",
    "BENCH_ADDRESS_MEMORY_ROWS",
    "BENCH_ADDRESS_SEED",
    "BENCH_STARTUP_SPAWNS",
    "BENCH_CALL_RUNS",
    "BENCH_CALLS",
    "BENCH_CALL_CONCURRENCY",
  ];
  return names.filter((name) => process.env[name]).map((name) => `${name}=${process.env[name]}`);
}
