import { requireAnyPermission, requireUserContext } from "../auth/permissions.js";
import { param, type RequestContext, tokenOf } from "../context.js";
import { PERMISSIONS } from "../org.js";
import { readJsonObject } from "../request-body.js";
import { ApiError, emptyResponse, jsonResponse } from "../responses.js";
import { type CallRecord, isCallEnded, participantState } from "./call-record.js";
import { callConversationView, conversationView } from "./views.js";

function findCall(ctx: RequestContext): CallRecord {
  const call = ctx.state.calls.get(param(ctx, "conversationId"));
  if (call === undefined) {
    throw new ApiError(404, "conversation.error.conversation.not.found");
  }
  return call;
}

/** `GET /api/v2/conversations/calls/{conversationId}`. */
export function getCall(ctx: RequestContext): Response {
  const call = findCall(ctx);
  return jsonResponse(ctx.exchange, 200, callConversationView(call, ctx.clock.now()));
}

/** `GET /api/v2/conversations/calls`: the token user's calls that have not ended. */
export function listActiveCalls(ctx: RequestContext): Response {
  const userId = requireUserContext(tokenOf(ctx));
  const nowMs = ctx.clock.now();
  const entities = [...ctx.state.calls.values()]
    .filter((call) => call.userId === userId && !isCallEnded(call, nowMs))
    .map((call) => callConversationView(call, nowMs));
  const selfUri = "/api/v2/conversations/calls";
  return jsonResponse(ctx.exchange, 200, {
    entities,
    selfUri,
    firstUri: selfUri,
    lastUri: selfUri,
  });
}

/** Reads `{state}` of a disconnect request; only `connected` and `disconnected` are meaningful. */
async function requestedState(ctx: RequestContext): Promise<string | undefined> {
  const body = await readJsonObject(ctx);
  const { state } = body;
  if (state === undefined || state === null) {
    return undefined;
  }
  if (state !== "connected" && state !== "disconnected") {
    throw new ApiError(400, "invalid.value", {
      value: String(state),
      fieldType: "state",
      allowableValues: "connected, disconnected",
    });
  }
  return state;
}

/** Records a disconnect, effective after `disconnectDelayMs`; an earlier pending one is kept. */
function requestDisconnect(ctx: RequestContext, call: CallRecord, participantId?: string): void {
  if (call.disconnect !== undefined) {
    return;
  }
  call.disconnect = { effectiveAtMs: ctx.clock.now() + ctx.state.settings.disconnectDelayMs };
  if (participantId !== undefined) {
    call.disconnect.participantId = participantId;
  }
}

/**
 * `PATCH /api/v2/conversations/calls/{conversationId}/participants/{participantId}`. A
 * `{"state":"disconnected"}` body returns 202 with no body and disconnects asynchronously; an
 * already disconnected leg gets 400 `conversation.error.call.disconnected`.
 */
export async function patchParticipant(ctx: RequestContext): Promise<Response> {
  const token = tokenOf(ctx);
  requireAnyPermission(token, [
    PERMISSIONS.participantWrapup,
    PERMISSIONS.callRecord,
    PERMISSIONS.disconnect,
  ]);
  const call = findCall(ctx);
  const participant = call.participants.find(
    (candidate) => candidate.id === param(ctx, "participantId"),
  );
  if (participant === undefined) {
    throw new ApiError(404, "resource.not.found");
  }

  const mayChangeAnyLeg = token.permissions.has(PERMISSIONS.disconnect);
  if (!mayChangeAnyLeg && token.userId !== call.userId) {
    throw new ApiError(404, "conversation.error.not.conversation.participant");
  }

  const state = await requestedState(ctx);
  if (participantState(call, participant, ctx.clock.now()).state === "disconnected") {
    throw new ApiError(400, "conversation.error.call.disconnected");
  }
  if (state === "disconnected") {
    requestDisconnect(ctx, call, participant.id);
  }
  // NOTE: other MediaParticipantRequest fields (held, muted, wrapup, recording) are accepted and ignored.
  return emptyResponse(ctx.exchange, 202);
}

/**
 * `PATCH /api/v2/conversations/calls/{conversationId}` with `{"state":"disconnected"}`:
 * disconnects every leg and returns 200 with the Conversation; needs
 * `conversation:communication:disconnect`.
 */
export async function patchCall(ctx: RequestContext): Promise<Response> {
  requireAnyPermission(tokenOf(ctx), [PERMISSIONS.disconnect]);
  const call = findCall(ctx);
  const state = await requestedState(ctx);
  if (state !== "disconnected") {
    // NOTE: recording, merge and secure-pause changes through this endpoint are not emulated.
    throw new ApiError(400, "bad.request");
  }
  if (isCallEnded(call, ctx.clock.now())) {
    throw new ApiError(400, "conversation.error.call.disconnected");
  }
  requestDisconnect(ctx, call);
  return jsonResponse(ctx.exchange, 200, conversationView(call, ctx.clock.now()));
}

/**
 * `POST /api/v2/conversations/{conversationId}/disconnect`, the emergency teardown: needs
 * `conversation:communication:disconnect` and returns 200 with a JSON string.
 */
export function disconnectConversation(ctx: RequestContext): Response {
  requireAnyPermission(tokenOf(ctx), [PERMISSIONS.disconnect]);
  const call = findCall(ctx);
  if (isCallEnded(call, ctx.clock.now())) {
    throw new ApiError(400, "conversation.error.call.disconnected");
  }
  requestDisconnect(ctx, call);
  // NOTE: the text of the returned string is not documented.
  return jsonResponse(ctx.exchange, 200, "Disconnect requested.");
}
