import pc from "picocolors";

/** The colour functions of picocolors, which return their text unchanged when colour is off. */
export type Colors = ReturnType<typeof pc.createColors>;

/** What decides whether a stream gets colour. */
export interface ColorContext {
  stream: { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/**
 * Decides whether to colour a stream: only a terminal gets colour, and never when `NO_COLOR` is
 * set to a non-empty value (https://no-color.org) or `TERM` is `dumb`. `FORCE_COLOR` (any value
 * but `0`) turns colour on even when the output is piped.
 */
export function shouldUseColor({ stream, env }: ColorContext): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") {
    return false;
  }

  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") {
    return true;
  }

  return stream.isTTY === true && env.TERM !== "dumb";
}

/** Colour functions for `stream`, switched off unless `shouldUseColor` returns true. */
export function colorsFor(context: ColorContext): Colors {
  return pc.createColors(shouldUseColor(context));
}
