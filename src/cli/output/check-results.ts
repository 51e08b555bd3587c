import type { AddressResult } from "../../address/index.js";
import type { Colors } from "./colors.js";
import type { TableRow } from "./table.js";

/** An error as `gcdial check` shows it: the stable code, the message and what to write instead. */
export interface CheckErrorJson {
  code: string;
  message: string;
  hint: string;
  reason?: string;
}

/**
 * One line of `gcdial check --json`. Fields without a value are left out; `line` and
 * `duplicateOfLine` are only present for CSV input.
 */
export interface CheckResultJson {
  line?: number;
  input: string;
  ok: boolean;
  kind?: string;
  value?: string;
  extension?: string;
  by?: string;
  duplicateOfLine?: number;
  error?: CheckErrorJson;
}

/** Position of a result in a CSV file, and the earlier line with the same address. */
export interface CheckPosition {
  line?: number | undefined;
  duplicateOfLine?: number | undefined;
}

/** Builds the `--json` object of one checked address. */
export function checkResultJson(
  result: AddressResult,
  input: string,
  position: CheckPosition = {},
): CheckResultJson {
  const json: CheckResultJson =
    position.line === undefined
      ? { input, ok: result.ok }
      : { line: position.line, input, ok: result.ok };
  if (result.ok) {
    json.kind = result.kind;
    json.value = result.value;
    if (result.extension !== undefined) {
      json.extension = result.extension;
    }

    if (result.by !== undefined) {
      json.by = result.by;
    }
  } else {
    const { code, message, hint, reason } = result.error;
    json.error = reason === undefined ? { code, message, hint } : { code, message, hint, reason };
  }

  if (position.duplicateOfLine !== undefined) {
    json.duplicateOfLine = position.duplicateOfLine;
  }

  return json;
}

/** A row of the readable table, with the hint (if any) to print under it. */
export interface CheckTableRow {
  row: TableRow;
  notes: string[];
}

/** Column headings of the readable table; CSV input adds a LINE column in front. */
export function checkTableHeader(withLine: boolean): TableRow {
  const header = ["INPUT", "STATUS", "RESULT"];
  return withLine ? ["LINE", ...header] : header;
}

/** Builds the readable table row of one checked address. */
export function checkTableRow(json: CheckResultJson, colors: Colors): CheckTableRow {
  const lead = json.line === undefined ? [] : [String(json.line)];
  const input = JSON.stringify(json.input);
  if (json.error !== undefined) {
    return {
      row: [
        ...lead,
        input,
        colors.red("invalid"),
        `${colors.bold(json.error.code)}  ${json.error.message}`,
      ],
      notes: [colors.dim(`hint: ${json.error.hint}`)],
    };
  }

  const extension = json.extension === undefined ? "" : ` ext. ${json.extension}`;
  const by = json.by === undefined ? "" : ` (by ${json.by}, looked up when the call is placed)`;
  const result = `${json.value ?? ""}${extension}  ${colors.dim(`${json.kind ?? ""}${by}`)}`;
  if (json.duplicateOfLine !== undefined) {
    return {
      row: [
        ...lead,
        input,
        colors.yellow("duplicate"),
        `${result}  ${colors.dim(`same as line ${json.duplicateOfLine}`)}`,
      ],
      notes: [],
    };
  }

  // Genesys has no field for an extension, so `call` and `bulk run` reject one without an
  // --extension policy. The note keeps a clean check from promising a clean run.
  const notes =
    json.extension === undefined
      ? []
      : [
          colors.dim(
            "note: to call it, choose --extension tel-uri (send tel:+E164;ext=N) or --extension drop",
          ),
        ];
  return { row: [...lead, input, colors.green("valid"), result], notes };
}
