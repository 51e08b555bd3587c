import type { CallOutcome, OutcomeDisconnectTypes } from "../types.js";

/** One leg of a call as created; its state is computed from the clock by `participantState`. */
export interface ParticipantSeed {
  id: string;
  purpose: "user" | "external" | "acd";
  name?: string;
  address?: string;
  user?: { id: string };
  queue?: { id: string };
  externalContact?: { id: string };
  attributes: Record<string, string>;
  ani?: string;
  dnis?: string;
  uuiData?: string;
}

/** A disconnect request, effective at `effectiveAtMs` because Genesys applies it asynchronously. */
export interface DisconnectRequest {
  effectiveAtMs: number;
  /** The participant whose leg was disconnected; undefined when the whole call was. */
  participantId?: string;
}

/** A created call. Timing and outcome are copied from the settings at creation. */
export interface CallRecord {
  id: string;
  createdAtMs: number;
  /** The user the call is placed as. */
  userId: string;
  outcome: CallOutcome;
  dialingMs: number;
  connectedMs: number;
  disconnectTypes: OutcomeDisconnectTypes;
  /** The first participant is the placing user's leg. */
  participants: ParticipantSeed[];
  disconnect?: DisconnectRequest;
}

export interface ParticipantState {
  state: "dialing" | "connected" | "disconnected";
  connectedAtMs?: number;
  endedAtMs?: number;
  disconnectType?: string;
}

interface CallEnd {
  atMs: number;
  /** Disconnect type of each participant, by id. */
  typeOf: (participant: ParticipantSeed) => string;
}

/** Returns the moment the far end picks up, or undefined when the outcome is not `answered`. */
function answeredAtMs(call: CallRecord): number | undefined {
  return call.outcome === "answered" ? call.createdAtMs + call.dialingMs : undefined;
}

/** Returns how the call ends by itself, without a disconnect request. */
function naturalEnd(call: CallRecord): CallEnd | undefined {
  const farEndType = (type: string) => (participant: ParticipantSeed) =>
    participant === call.participants[0] ? "peer" : type;

  const types = call.disconnectTypes;
  switch (call.outcome) {
    case "answered":
      if (call.connectedMs === 0) {
        return undefined;
      }
      return {
        atMs: call.createdAtMs + call.dialingMs + call.connectedMs,
        typeOf: farEndType(types.hangUp),
      };
    case "busy":
      return { atMs: call.createdAtMs + call.dialingMs, typeOf: farEndType(types.busy) };
    case "no-answer":
      return { atMs: call.createdAtMs + call.dialingMs, typeOf: farEndType(types.noAnswer) };
    case "failed":
      return { atMs: call.createdAtMs + call.dialingMs, typeOf: farEndType(types.failed) };
  }
}

/** Returns how a disconnect request ends the call: the requester's leg is `client`, the others `peer`. */
function requestedEnd(disconnect: DisconnectRequest): CallEnd {
  return {
    atMs: disconnect.effectiveAtMs,
    typeOf: (participant) =>
      disconnect.participantId === undefined || disconnect.participantId === participant.id
        ? "client"
        : "peer",
  };
}

/** Returns the end of the call: whichever of the natural end and a disconnect request comes first. */
export function callEnd(call: CallRecord): CallEnd | undefined {
  const natural = naturalEnd(call);
  const requested = call.disconnect === undefined ? undefined : requestedEnd(call.disconnect);
  if (natural === undefined) {
    return requested;
  }
  if (requested === undefined) {
    return natural;
  }
  return requested.atMs < natural.atMs ? requested : natural;
}

/**
 * Computes the state of a participant at `nowMs`. Every leg goes `dialing` -> `connected` (when
 * the outcome is `answered`) -> `disconnected`. Nothing runs on a timer: the state follows from the clock.
 */
export function participantState(
  call: CallRecord,
  participant: ParticipantSeed,
  nowMs: number,
): ParticipantState {
  const end = callEnd(call);
  const answeredAt = answeredAtMs(call);
  const wasAnswered = answeredAt !== undefined && (end === undefined || answeredAt < end.atMs);

  if (end !== undefined && nowMs >= end.atMs) {
    const ended: ParticipantState = {
      state: "disconnected",
      endedAtMs: end.atMs,
      disconnectType: end.typeOf(participant),
    };
    if (wasAnswered) {
      ended.connectedAtMs = answeredAt;
    }
    return ended;
  }

  if (wasAnswered && nowMs >= answeredAt) {
    return { state: "connected", connectedAtMs: answeredAt };
  }
  return { state: "dialing" };
}

/** Checks whether every leg of the call is disconnected at `nowMs`. */
export function isCallEnded(call: CallRecord, nowMs: number): boolean {
  const end = callEnd(call);
  return end !== undefined && nowMs >= end.atMs;
}
