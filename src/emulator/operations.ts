import { issueToken, tokenLifetimeSec } from "./auth/tokens.js";
import { parseFault } from "./faults.js";
import { EmulatorInputError } from "./input-error.js";
import { DEMO_IDS } from "./seed.js";
import { copySettings, mergeSettings } from "./settings.js";
import type { EmulatorState } from "./state.js";
import type { EmulatorSettings, Fault } from "./types.js";

/** The login response body, also returned for user tokens issued through the control plane. */
export interface TokenAnswer {
  access_token: string;
  token_type: string;
  expires_in: number;
}

/**
 * Issues a token with the user's context and permissions, as a user login would; such a token
 * can place calls with `POST /api/v2/conversations/calls`. `permissions` replaces the user's own,
 * to test a user whose roles lack some.
 */
export function issueUserToken(
  state: EmulatorState,
  nowMs: number,
  userId: unknown,
  expiresInSec?: unknown,
  permissions?: unknown,
): TokenAnswer {
  const user = state.org.users.find((candidate) => candidate.id === userId);
  if (user === undefined) {
    const known = state.org.users
      .map((candidate) => `${candidate.id} (${candidate.email})`)
      .join(", ");
    throw new EmulatorInputError(
      `userId ${JSON.stringify(userId)} is not a user of the demo org; known: ${known}.`,
    );
  }

  const lifetimeSec = expiresInSec ?? tokenLifetimeSec(state, DEMO_IDS.userLoginClientId);
  if (
    typeof lifetimeSec !== "number" ||
    !Number.isInteger(lifetimeSec) ||
    lifetimeSec < 1 ||
    lifetimeSec > 172_800
  ) {
    throw new EmulatorInputError(
      `expiresIn must be a whole number of seconds from 1 to 172800, not ${JSON.stringify(expiresInSec)}.`,
    );
  }

  if (
    permissions !== undefined &&
    (!Array.isArray(permissions) || !permissions.every((item) => typeof item === "string"))
  ) {
    throw new EmulatorInputError(
      `permissions must be an array of permission names, not ${JSON.stringify(permissions)}.`,
    );
  }

  const record = issueToken(state, {
    clientId: DEMO_IDS.userLoginClientId,
    userId: user.id,
    permissions: (permissions as string[] | undefined) ?? user.permissions,
    lifetimeSec,
    nowMs,
  });
  return {
    access_token: record.token,
    token_type: state.settings.tokenType,
    expires_in: lifetimeSec,
  };
}

/** Checks and queues a fault; returns the fault as stored. */
export function addFault(state: EmulatorState, input: unknown): Fault {
  const fault = parseFault(input);
  state.faults.push(fault);
  return { ...fault };
}

/** Applies a partial settings update after checking it; returns the full settings. */
export function updateSettings(state: EmulatorState, update: unknown): EmulatorSettings {
  state.settings = mergeSettings(state.settings, update);
  return copySettings(state.settings);
}
