// Summarise a V8 .cpuprofile (written by `node --cpu-prof`) as self time per function and per
// file, so that the benchmark page shows where the time goes when a goal is missed.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** Return the newest .cpuprofile file in `directory`. */
export function findProfile(directory) {
  const files = readdirSync(directory).filter((name) => name.endsWith(".cpuprofile"));
  if (files.length === 0) {
    throw new Error(`no .cpuprofile file was written to ${directory}`);
  }
  return join(directory, files.sort().at(-1));
}

function selfTimeByNode(profile) {
  const selfMs = new Map();
  for (let index = 0; index < profile.samples.length; index += 1) {
    const nodeId = profile.samples[index];
    const deltaMs = (profile.timeDeltas[index] ?? 0) / 1000;
    selfMs.set(nodeId, (selfMs.get(nodeId) ?? 0) + deltaMs);
  }
  return selfMs;
}

/** Name the file of a call frame relative to the repository, or a category for V8 frames. */
function describeFile(url, repoRoot) {
  if (!url) {
    return "(V8 and native: GC, regexp, builtins)";
  }
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  if (path.startsWith("node:")) {
    return path;
  }
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (packageMatch) {
    return `node_modules/${packageMatch[1]}`;
  }
  return relative(repoRoot, path);
}

function relativePath(url, repoRoot) {
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  return path.startsWith("/") ? relative(repoRoot, path) : path;
}

function addTime(totals, key, ms) {
  totals.set(key, (totals.get(key) ?? 0) + ms);
}

function topEntries(totals, count, totalMs) {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms, share: ms / totalMs }));
}

function functionKey(callFrame, repoRoot) {
  const name = callFrame.functionName || "(anonymous)";
  if (!callFrame.url) {
    return name;
  }
  return `${name} (${relativePath(callFrame.url, repoRoot)}:${callFrame.lineNumber + 1})`;
}

/**
 * Add each node's inclusive time (its own plus its callees') to its function in `totals`,
 * counting a recursive function once per stack. Only functions for which `include(node)` is
 * true are recorded.
 */
function addInclusiveTimes(profile, selfMs, keyOf, include, totals) {
  const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
  const inclusiveMs = new Map();
  const measure = (node) => {
    let ms = selfMs.get(node.id) ?? 0;
    for (const childId of node.children ?? []) {
      ms += measure(nodesById.get(childId));
    }
    inclusiveMs.set(node.id, ms);
    return ms;
  };
  const root = profile.nodes[0];
  measure(root);

  const visit = (node, activeKeys) => {
    const key = keyOf(node);
    const counted = include(node) && !activeKeys.has(key);
    if (counted) {
      addTime(totals, key, inclusiveMs.get(node.id));
      activeKeys.add(key);
    }
    for (const childId of node.children ?? []) {
      visit(nodesById.get(childId), activeKeys);
    }
    if (counted) {
      activeKeys.delete(key);
    }
  };
  visit(root, new Set());
}

/**
 * Read a .cpuprofile and return the `count` largest self times, grouped by function (name, file
 * and line) and by file or package. Also return the largest inclusive times of the product's
 * own functions (under dist/ or src/). Each entry has its share of all samples.
 */
export function summariseProfile(profilePath, repoRoot, count = 10) {
  const profile = JSON.parse(readFileSync(profilePath, "utf8"));
  const selfMs = selfTimeByNode(profile);
  const byFunction = new Map();
  const byFile = new Map();
  let totalMs = 0;

  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    // "(idle)" is time spent waiting for I/O, not work.
    if (ms === 0 || node.callFrame.functionName === "(idle)") {
      continue;
    }
    totalMs += ms;
    addTime(byFunction, functionKey(node.callFrame, repoRoot), ms);
    addTime(byFile, describeFile(node.callFrame.url, repoRoot), ms);
  }

  const ownInclusive = new Map();
  const isOwnCode = (node) => {
    const path = relativePath(node.callFrame.url, repoRoot);
    return path.startsWith("dist/") || path.startsWith("src/");
  };
  const keyOf = (node) => functionKey(node.callFrame, repoRoot);
  addInclusiveTimes(profile, selfMs, keyOf, isOwnCode, ownInclusive);

  return {
    totalMs,
    functions: topEntries(byFunction, count, totalMs),
    files: topEntries(byFile, count, totalMs),
    ownInclusive: topEntries(ownInclusive, count, totalMs),
  };
}
