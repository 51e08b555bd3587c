import type { TokenRecord } from "./auth/tokens.js";
import type { CallRecord } from "./calls/call-record.js";
import type { Org } from "./org.js";
import type { CallLogEntry, EmulatorSettings, Fault, RequestLogEntry } from "./types.js";

/** Requests counted in one token's current rate-limit window. */
export interface RateWindow {
  startMs: number;
  count: number;
}

/** Everything the emulator remembers between requests. */
export interface EmulatorState {
  readonly org: Org;
  settings: EmulatorSettings;
  /** Settings given at creation, restored by reset. */
  readonly initialSettings: EmulatorSettings;
  readonly tokens: Map<string, TokenRecord>;
  readonly calls: Map<string, CallRecord>;
  readonly callLog: CallLogEntry[];
  readonly requestLog: RequestLogEntry[];
  /** Faults still to fire, in the order they were added; `times` counts down. */
  readonly faults: Fault[];
  readonly rateWindows: Map<string, RateWindow>;
}

// NOTE: a long demo run would otherwise grow the request log without bound.
const MAX_REQUEST_LOG_ENTRIES = 10_000;

export function createState(org: Org, settings: EmulatorSettings): EmulatorState {
  return {
    org,
    settings: structuredClone(settings),
    initialSettings: structuredClone(settings),
    tokens: new Map(),
    calls: new Map(),
    callLog: [],
    requestLog: [],
    faults: [],
    rateWindows: new Map(),
  };
}

export function recordRequest(state: EmulatorState, entry: RequestLogEntry): void {
  state.requestLog.push(entry);
  if (state.requestLog.length > MAX_REQUEST_LOG_ENTRIES) {
    state.requestLog.shift();
  }
}

/** Forgets calls, logs, faults and rate-limit windows and restores the initial settings; tokens stay valid unless `forgetTokens`. */
export function resetState(state: EmulatorState, options: { forgetTokens?: boolean } = {}): void {
  state.settings = structuredClone(state.initialSettings);
  state.calls.clear();
  state.callLog.length = 0;
  state.requestLog.length = 0;
  state.faults.length = 0;
  state.rateWindows.clear();
  if (options.forgetTokens === true) {
    state.tokens.clear();
  }
}
