import { EmulatorInputError } from "./input-error.js";
import type { AddressRules, EmulatorSettings, OutcomeDisconnectTypes } from "./types.js";

/**
 * Default settings. Values marked "undocumented" are behaviours that no Genesys source available
 * describes, so they are settings and tests can cover each plausible behaviour.
 */
export const DEFAULT_SETTINGS: EmulatorSettings = {
  // 300 requests per token per minute is the limit third-party copies of the Genesys limits
  // table give (token.rate.per.minute); per-resource limits differ.
  rateLimitPerMinute: 300,
  // OAuthClient.accessTokenValiditySeconds defaults to 86400 s (platform-client-v2 OAuthClient model).
  tokenLifetimeSec: 86_400,
  clientTokenLifetimeSec: {},
  // The SDK and the official quick-hits send client credentials only in HTTP Basic.
  formBodyCredentials: false,
  tokenType: "bearer", // undocumented: the exact case
  scopeParameter: "ignore", // undocumented
  addressRules: {
    e164: true,
    telUri: true,
    sipUri: true,
    extensionMinDigits: 2,
    extensionMaxDigits: 6,
    rejectWith: "bad.request",
  },
  callOutcome: "answered",
  dialingMs: 2_000,
  connectedMs: 10_000,
  disconnectDelayMs: 0, // undocumented: the participant PATCH is asynchronous, with no documented delay
  outcomeDisconnectTypes: {
    hangUp: "endpoint",
    busy: "endpoint", // undocumented
    noAnswer: "endpoint", // undocumented
    failed: "error", // undocumented
  },
  onBehalfRequiresStation: true, // undocumented
  conferencePermissionFor: "conference", // undocumented
  unknownCallFields: "ignore", // undocumented
  queueNameCaseSensitive: false, // undocumented
  unknownReferences: "not-found", // undocumented: Genesys lists 404 resource.not.found for this operation
  acceptClientCorrelationId: false, // undocumented
};

type Check = (key: string, value: unknown) => unknown;

const MAX_TOKEN_LIFETIME_SEC = 172_800;

function integerIn(min: number, max: number): Check {
  return (key, value) => {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      throw new EmulatorInputError(
        `${key} must be an integer from ${min} to ${max}, not ${show(value)}.`,
      );
    }
    return value;
  };
}

function boolean(key: string, value: unknown): boolean {
  if (typeof value !== "boolean") {
    throw new EmulatorInputError(`${key} must be true or false, not ${show(value)}.`);
  }
  return value;
}

function oneOf<T extends string>(...allowed: T[]): Check {
  return (key, value) => {
    if (typeof value !== "string" || !allowed.includes(value as T)) {
      throw new EmulatorInputError(
        `${key} must be one of ${allowed.map((v) => `"${v}"`).join(", ")}, not ${show(value)}.`,
      );
    }
    return value;
  };
}

function nonEmptyString(key: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new EmulatorInputError(`${key} must be a non-empty string, not ${show(value)}.`);
  }
  return value;
}

function record(key: string, value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new EmulatorInputError(`${key} must be an object, not ${show(value)}.`);
  }
  return value as Record<string, unknown>;
}

function lifetimes(key: string, value: unknown): Record<string, number> {
  const entries = Object.entries(record(key, value));
  const checkLifetime = integerIn(1, MAX_TOKEN_LIFETIME_SEC);
  return Object.fromEntries(
    entries.map(([id, sec]) => [id, checkLifetime(`${key}.${id}`, sec) as number]),
  );
}

function partialOf<T extends object>(
  checks: { [K in keyof T]: Check },
): (key: string, value: unknown, current: T) => T {
  return (key, value, current) => {
    const result: T = { ...current };
    for (const [field, fieldValue] of Object.entries(record(key, value))) {
      const check = (checks as Record<string, Check>)[field];
      if (check === undefined) {
        throw new EmulatorInputError(
          `${key}.${field} is not a setting; known: ${Object.keys(checks).join(", ")}.`,
        );
      }
      (result as Record<string, unknown>)[field] = check(`${key}.${field}`, fieldValue);
    }
    return result;
  };
}

const mergeAddressRules = partialOf<AddressRules>({
  e164: boolean,
  telUri: boolean,
  sipUri: boolean,
  extensionMinDigits: integerIn(0, 15),
  extensionMaxDigits: integerIn(0, 15),
  rejectWith: oneOf("bad.request", "invalid.value"),
});

const mergeDisconnectTypes = partialOf<OutcomeDisconnectTypes>({
  hangUp: nonEmptyString,
  busy: nonEmptyString,
  noAnswer: nonEmptyString,
  failed: nonEmptyString,
});

const TOP_LEVEL: {
  [K in keyof EmulatorSettings]: (
    key: string,
    value: unknown,
    current: EmulatorSettings,
  ) => unknown;
} = {
  rateLimitPerMinute: integerIn(1, 1_000_000),
  tokenLifetimeSec: integerIn(1, MAX_TOKEN_LIFETIME_SEC),
  clientTokenLifetimeSec: lifetimes,
  formBodyCredentials: boolean,
  tokenType: nonEmptyString,
  scopeParameter: oneOf("ignore", "reject"),
  addressRules: (key, value, current) => mergeAddressRules(key, value, current.addressRules),
  callOutcome: oneOf("answered", "busy", "no-answer", "failed"),
  dialingMs: integerIn(0, 3_600_000),
  connectedMs: integerIn(0, 86_400_000),
  disconnectDelayMs: integerIn(0, 3_600_000),
  outcomeDisconnectTypes: (key, value, current) =>
    mergeDisconnectTypes(key, value, current.outcomeDisconnectTypes),
  onBehalfRequiresStation: boolean,
  conferencePermissionFor: oneOf("conference", "all"),
  unknownCallFields: oneOf("ignore", "reject"),
  queueNameCaseSensitive: boolean,
  unknownReferences: oneOf("not-found", "bad-request"),
  acceptClientCorrelationId: boolean,
};

/**
 * Merges a partial update into `current` after checking every key; nested objects merge field by
 * field. Throws EmulatorInputError and leaves `current` untouched when any value is invalid.
 */
export function mergeSettings(current: EmulatorSettings, update: unknown): EmulatorSettings {
  const result: EmulatorSettings = { ...current };
  for (const [key, value] of Object.entries(record("settings", update))) {
    const check = (
      TOP_LEVEL as Record<string, (k: string, v: unknown, c: EmulatorSettings) => unknown>
    )[key];
    if (check === undefined) {
      throw new EmulatorInputError(
        `${key} is not a setting; known: ${Object.keys(TOP_LEVEL).join(", ")}.`,
      );
    }
    (result as unknown as Record<string, unknown>)[key] = check(key, value, current);
  }
  const rules = result.addressRules;
  if (rules.extensionMinDigits > rules.extensionMaxDigits) {
    throw new EmulatorInputError(
      `addressRules.extensionMinDigits (${rules.extensionMinDigits}) must not exceed extensionMaxDigits (${rules.extensionMaxDigits}).`,
    );
  }
  return result;
}

/** Returns a deep copy, so that callers cannot change the emulator's settings by mutation. */
export function copySettings(settings: EmulatorSettings): EmulatorSettings {
  return structuredClone(settings);
}

function show(value: unknown): string {
  return value === undefined ? "undefined" : JSON.stringify(value);
}
