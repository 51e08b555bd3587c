/**
 * Errors found before or around a request: configuration, ambiguous look-ups, waiting for a call.
 * @module
 */

import { GcdialError } from "../../errors.js";
import { maskCredentialPatterns } from "../masking.js";
import type { LookupSubject } from "./http-errors.js";

/** A setting or option that cannot work, found before anything is sent. */
export class ConfigurationError extends GcdialError {
  /** The option or setting at fault, such as `region` or `asUser`. */
  readonly option: string | undefined;

  constructor(message: string, options: { code: string; hint: string; option?: string }) {
    super(maskCredentialPatterns(message), { code: options.code, hint: options.hint });
    this.option = options.option;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), option: this.option };
  }
}

/** One candidate of an ambiguous look-up. */
export interface LookupMatch {
  id: string;
  name: string;
}

/** A look-up by name or email that found several matches, so gcdial cannot choose. */
export class AmbiguousMatchError extends GcdialError {
  readonly lookup: LookupSubject;
  readonly matches: LookupMatch[];

  constructor(lookup: LookupSubject, matches: LookupMatch[]) {
    const listed = matches.map((match) => `${match.name} (${match.id})`).join(", ");
    super(`${matches.length} ${lookup.kind}s match ${JSON.stringify(lookup.value)}: ${listed}`, {
      code: "lookup.ambiguous",
      hint: `Name the ${lookup.kind} by id instead, for example ${lookup.kind}:${matches[0]?.id ?? "<id>"}.`,
    });
    this.lookup = lookup;
    this.matches = matches;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), lookup: this.lookup, matches: this.matches };
  }
}

/** `waitFor` gave up before the call reached the state asked for. */
export class CallWaitTimeoutError extends GcdialError {
  readonly conversationId: string;
  /** The far end's last state seen. */
  readonly lastState: string | undefined;

  constructor(conversationId: string, timeoutMs: number, lastState: string | undefined) {
    super(
      `Call ${conversationId} did not reach the state asked for within ${timeoutMs} ms (last state: ${lastState ?? "unknown"})`,
      {
        code: "call.wait_timed_out",
        hint: "The call goes on in Genesys Cloud; check it later or wait longer (timeoutMs).",
      },
    );
    this.conversationId = conversationId;
    this.lastState = lastState;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), conversationId: this.conversationId, lastState: this.lastState };
  }
}
