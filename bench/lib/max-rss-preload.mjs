// Loaded with `node --import` into a measured child process: at exit, it writes the process's
// peak resident set size (process.resourceUsage().maxRSS, in kilobytes) to the file named by
// BENCH_MAX_RSS_FILE. The 'exit' event also fires when the program calls process.exit().
import { writeFileSync } from "node:fs";

const maxRssFile = process.env.BENCH_MAX_RSS_FILE;

if (maxRssFile) {
  process.on("exit", () => {
    writeFileSync(maxRssFile, String(process.resourceUsage().maxRSS));
  });
}
