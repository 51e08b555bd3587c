import { Writable } from "node:stream";
import pc from "picocolors";

/** Text styles of the demo: colour on a terminal, plain text when piped or with `NO_COLOR`. */
export interface DemoStyle {
  heading(text: string): string;
  command(text: string): string;
  good(text: string): string;
  bad(text: string): string;
}

/**
 * Colour only on a terminal, and never when `NO_COLOR` is set to a non-empty value
 * (https://no-color.org) or `TERM` is `dumb`.
 */
export function colourEnabled(
  stdout: { isTTY?: boolean },
  env: Record<string, string | undefined>,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") {
    return false;
  }

  if (env.TERM === "dumb") {
    return false;
  }

  return stdout.isTTY === true;
}

export function createDemoStyle(
  stdout: { isTTY?: boolean },
  env: Record<string, string | undefined>,
): DemoStyle {
  const colours = pc.createColors(colourEnabled(stdout, env));
  return {
    heading: (text) => colours.bold(text),
    command: (text) => colours.cyan(text),
    good: (text) => colours.green(text),
    bad: (text) => colours.red(text),
  };
}

/** Create a stream that writes each line to `target` with `prefix` in front. */
export function indentedStream(
  target: NodeJS.WritableStream,
  prefix: string,
): NodeJS.WritableStream {
  let atLineStart = true;
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      const text = chunk.toString();
      let indented = "";
      for (const character of text) {
        if (atLineStart && character !== "\n") {
          indented += prefix;
        }

        indented += character;
        atLineStart = character === "\n";
      }

      target.write(indented);
      callback();
    },
  });
}
