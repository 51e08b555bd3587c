import { randomBytes } from "node:crypto";
import type { EmulatorState } from "../state.js";

/** An issued access token. Client-credentials tokens have no `userId`: they carry no user context. */
export interface TokenRecord {
  token: string;
  clientId: string;
  userId?: string;
  permissions: ReadonlySet<string>;
  issuedAtMs: number;
  expiresAtMs: number;
  revoked: boolean;
}

export interface IssueTokenInput {
  clientId: string;
  userId?: string;
  permissions: Iterable<string>;
  lifetimeSec: number;
  nowMs: number;
}

/** Issues an opaque random token and remembers it. */
export function issueToken(state: EmulatorState, input: IssueTokenInput): TokenRecord {
  const record: TokenRecord = {
    token: randomBytes(48).toString("base64url"),
    clientId: input.clientId,
    permissions: new Set(input.permissions),
    issuedAtMs: input.nowMs,
    expiresAtMs: input.nowMs + input.lifetimeSec * 1000,
    revoked: false,
  };
  if (input.userId !== undefined) {
    record.userId = input.userId;
  }
  state.tokens.set(record.token, record);
  return record;
}

/** Returns the token if it is known, unexpired and not revoked; undefined otherwise. */
export function findValidToken(
  state: EmulatorState,
  token: string,
  nowMs: number,
): TokenRecord | undefined {
  const record = state.tokens.get(token);
  if (record === undefined || record.revoked || nowMs >= record.expiresAtMs) {
    return undefined;
  }
  return record;
}

/** Token lifetime of a client, in seconds: its own setting, else the default setting. */
export function tokenLifetimeSec(state: EmulatorState, clientId: string): number {
  return state.settings.clientTokenLifetimeSec[clientId] ?? state.settings.tokenLifetimeSec;
}
