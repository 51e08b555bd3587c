import type { TokenRecord } from "./auth/tokens.js";
import type { Exchange } from "./responses.js";
import type { EmulatorState } from "./state.js";
import type { Clock } from "./types.js";

/** One request on its way through the emulator. */
export interface RequestContext {
  readonly request: Request;
  readonly url: URL;
  readonly method: string;
  readonly path: string;
  /** Path parameters of the matched route, URL-decoded. */
  params: Record<string, string>;
  readonly exchange: Exchange;
  readonly state: EmulatorState;
  readonly clock: Clock;
  /** The caller's token; set on every `/api/v2` route after authentication. */
  token?: TokenRecord;
}

/** Returns the authenticated token; only for handlers behind authentication. */
export function tokenOf(ctx: RequestContext): TokenRecord {
  if (ctx.token === undefined) {
    throw new Error(`route ${ctx.method} ${ctx.path} was reached without authentication`);
  }
  return ctx.token;
}

/** Returns a path parameter of the matched route. */
export function param(ctx: RequestContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) {
    throw new Error(`route ${ctx.method} ${ctx.path} has no parameter ${name}`);
  }
  return value;
}
