import type { CallRecord, ParticipantSeed } from "./call-record.js";
import { participantState } from "./call-record.js";

function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

function ref(kind: string, id: string | undefined): { id: string; selfUri: string } | undefined {
  return id === undefined ? undefined : { id, selfUri: `/api/v2/${kind}/${id}` };
}

/** Builds a `CallMediaParticipant` (platform-client-v2 model) as it is at `nowMs`. */
export function callParticipantView(
  call: CallRecord,
  participant: ParticipantSeed,
  nowMs: number,
): Record<string, unknown> {
  const current = participantState(call, participant, nowMs);
  return {
    id: participant.id,
    name: participant.name,
    address: participant.address,
    startTime: iso(call.createdAtMs),
    connectedTime: iso(current.connectedAtMs),
    endTime: iso(current.endedAtMs),
    purpose: participant.purpose,
    state: current.state,
    // Every leg of a call placed through the API is outbound.
    direction: "outbound",
    disconnectType: current.disconnectType,
    held: false,
    wrapupRequired: false,
    user: ref("users", participant.user?.id),
    queue: ref("routing/queues", participant.queue?.id),
    externalContact: ref("externalcontacts/contacts", participant.externalContact?.id),
    attributes: participant.attributes,
    provider: "Edge",
    muted: false,
    confined: false,
    recording: false,
    recordingState: "none",
    ani: participant.ani,
    dnis: participant.dnis,
    uuiData: participant.uuiData,
  };
}

/** A `CallConversation`, as `GET /api/v2/conversations/calls/{id}` returns it. */
export function callConversationView(call: CallRecord, nowMs: number): Record<string, unknown> {
  return {
    id: call.id,
    participants: call.participants.map((participant) =>
      callParticipantView(call, participant, nowMs),
    ),
    otherMediaUris: [],
    recordingState: "none",
    securePause: false,
    selfUri: `/api/v2/conversations/calls/${call.id}`,
  };
}

/** A `Conversation` (the media-neutral model), as `PATCH /api/v2/conversations/calls/{id}` returns it. */
export function conversationView(call: CallRecord, nowMs: number): Record<string, unknown> {
  const participants = call.participants.map((participant) => {
    const current = participantState(call, participant, nowMs);
    return {
      id: participant.id,
      startTime: iso(call.createdAtMs),
      connectedTime: iso(current.connectedAtMs),
      endTime: iso(current.endedAtMs),
      name: participant.name,
      userId: participant.user?.id,
      queueId: participant.queue?.id,
      externalContactId: participant.externalContact?.id,
      purpose: participant.purpose,
      address: participant.address,
      attributes: participant.attributes,
      calls: [
        {
          id: participant.id,
          state: current.state,
          direction: "outbound",
          disconnectType: current.disconnectType,
        },
      ],
    };
  });
  const ended = participants.every((participant) => participant.endTime !== undefined);
  return {
    id: call.id,
    startTime: iso(call.createdAtMs),
    endTime: ended ? participants[0]?.endTime : undefined,
    participants,
    recordingState: "none",
    selfUri: `/api/v2/conversations/${call.id}`,
  };
}
