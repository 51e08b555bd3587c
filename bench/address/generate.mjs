// Generate the messy contacts CSV for the address throughput benchmark, deterministically from a
// seed: UTF-8 with a byte-order mark, CRLF line ends, quoted fields, columns id,name,phone,note.
// Run directly: node bench/address/generate.mjs ROWS SEED OUTPUT.csv
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createRandom, createWeightedPicker, pickOne } from "../lib/random.mjs";
import { writePhoneCell } from "./notations.mjs";
import { buildPhonePool, measureVariantValidity } from "./phone-pool.mjs";

const names = [
  "Alice Martin",
  "Bob Chen",
  "Carla Díaz",
  "Smith, John",
  'Ann "Nancy" Lee',
  "Ørjan Håland",
  "Zoë Müller",
  "李雷",
  "محمد علي",
  "O'Brien, Pat",
];

/** Note cells; one in 200 is a quoted field spanning two lines. */
const pickNote = createWeightedPicker([
  ["", 600],
  ["call after 5pm", 150],
  ["VIP", 100],
  ["do not call on Sundays", 145],
  ["line 1\nline 2", 5],
]);

/** Flush the output buffer to the file once it contains this many characters. */
const flushThresholdChars = 1 << 20;

const sourceFiles = ["generate.mjs", "notations.mjs", "phone-pool.mjs", "../lib/random.mjs"];

function quoteCsvField(text, forceQuotes) {
  if (forceQuotes || /[",\r\n]/.test(text)) {
    return `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}

/** Identify this generator's code and library version, so a cached file is only reused when both match. */
function generatorFingerprint() {
  const hash = createHash("sha256");
  for (const file of sourceFiles) {
    hash.update(readFileSync(new URL(file, import.meta.url)));
  }
  const require = createRequire(import.meta.url);
  hash.update(require("libphonenumber-js/package.json").version);
  return hash.digest("hex").slice(0, 16);
}

/**
 * Write `rows` data rows to `outputPath` and return a summary (row count, notation counts,
 * countries, and the share of varied numbers that are valid). Reuses an existing file written
 * by the same generator code with the same seed and size.
 */
export function generateAddressCsv({ rows, seed, outputPath }) {
  const metaPath = `${outputPath}.meta.json`;
  const fingerprint = generatorFingerprint();
  if (existsSync(outputPath) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, "utf8"));
    if (meta.fingerprint === fingerprint && meta.rows === rows && meta.seed === seed) {
      return { ...meta, reused: true };
    }
  }

  const summary = writeRows({ rows, seed, outputPath });
  const meta = { fingerprint, rows, seed, ...summary };
  writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  return { ...meta, reused: false };
}

function writeRows({ rows, seed, outputPath }) {
  const random = createRandom(seed);
  const pool = buildPhonePool();
  const notationCounts = {};
  const fd = openSync(outputPath, "w");
  let buffer = "\ufeffid,name,phone,note\r\n";

  try {
    for (let id = 1; id <= rows; id += 1) {
      const { notation, text } = writePhoneCell(random, pool.pickNumber(random));
      notationCounts[notation] = (notationCounts[notation] ?? 0) + 1;
      const name = quoteCsvField(pickOne(random, names), false);
      const phone = quoteCsvField(text, random() < 0.2);
      const note = quoteCsvField(pickNote(random), false);
      buffer += `${id},${name},${phone},${note}\r\n`;
      if (buffer.length >= flushThresholdChars) {
        writeSync(fd, buffer);
        buffer = "";
      }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }

  const validShare = measureVariantValidity(pool, createRandom(seed + 1), 200);
  return { countries: pool.countries, notationCounts, validVariantShare: validShare };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [rowsText, seedText, outputPath] = process.argv.slice(2);
  if (!rowsText || !seedText || !outputPath) {
    console.error("usage: node bench/address/generate.mjs ROWS SEED OUTPUT.csv");
    process.exit(2);
  }
  const summary = generateAddressCsv({
    rows: Number(rowsText),
    seed: Number(seedText),
    outputPath,
  });
  console.log(JSON.stringify(summary));
}
