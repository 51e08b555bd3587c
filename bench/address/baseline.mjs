// Baseline for the address throughput benchmark: the least a program must do to check a phone
// column. It streams the CSV with csv-parse, parses each cell with libphonenumber-js (max
// metadata) and writes one JSON line per row to stdout.
// Usage: node bench/address/baseline.mjs FILE COLUMN DEFAULT_COUNTRY
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/** Write to stdout in blocks of about this many characters instead of one write per row. */
const outputBlockChars = 64 * 1024;

const [file, column, defaultCountry] = process.argv.slice(2);
if (!file || !column || !defaultCountry) {
  console.error("usage: node bench/address/baseline.mjs FILE COLUMN DEFAULT_COUNTRY");
  process.exit(2);
}

function checkCell(text, line) {
  const phone = parsePhoneNumberFromString(text, defaultCountry);
  if (phone?.isValid()) {
    return { line, input: text, ok: true, value: phone.number, extension: phone.ext };
  }
  return { line, input: text, ok: false };
}

async function writeBlock(text) {
  if (!process.stdout.write(text)) {
    await new Promise((resolve) => process.stdout.once("drain", resolve));
  }
}

const records = createReadStream(file).pipe(
  parse({ bom: true, columns: true, info: true, relax_column_count: true }),
);

let block = "";
for await (const { record, info } of records) {
  block += `${JSON.stringify(checkCell(record[column] ?? "", info.lines))}\n`;
  if (block.length >= outputBlockChars) {
    await writeBlock(block);
    block = "";
  }
}
await writeBlock(block);
