/**
 * Reading a call's progress from a `CallConversation`.
 * @module
 */

import type { CallConversation, CallParticipant, CallPhase, CallStatus } from "../types.js";

// Participant states after which a leg is over (SDK enum of CallMediaParticipant.state).
const ENDED_STATES = new Set(["disconnected", "terminated"]);

// Purposes of the far end of an outbound call: the number dialled, or the queue called
// (CallMediaParticipant.purpose: agent, user, customer, external, acd, ivr). A user called by
// another user has the caller's purpose, so then the far end is the last participant.
const REMOTE_PURPOSES = ["external", "customer", "acd"];

/** Summarises a conversation as the phase of its far end. */
export function callStatusOf(conversation: CallConversation): CallStatus {
  const participants = Array.isArray(conversation.participants) ? conversation.participants : [];
  const remote = findRemote(participants);
  const status: CallStatus = {
    conversationId: conversation.id,
    phase: phaseOf(participants, remote),
    conversation,
  };
  if (remote !== undefined) {
    status.remote = {
      ...(remote.state === undefined ? {} : { state: remote.state }),
      ...(remote.disconnectType === undefined ? {} : { disconnectType: remote.disconnectType }),
    };
  }
  return status;
}

function findRemote(participants: CallParticipant[]): CallParticipant | undefined {
  for (const purpose of REMOTE_PURPOSES) {
    const found = participants.find((participant) => participant.purpose === purpose);
    if (found !== undefined) {
      return found;
    }
  }
  return participants.length > 1 ? participants[participants.length - 1] : undefined;
}

function phaseOf(participants: CallParticipant[], remote: CallParticipant | undefined): CallPhase {
  const allEnded =
    participants.length > 0 &&
    participants.every((participant) => ENDED_STATES.has(participant.state ?? ""));
  if (allEnded || (remote !== undefined && ENDED_STATES.has(remote.state ?? ""))) {
    return "ended";
  }

  return remote?.state === "connected" ? "connected" : "pending";
}
