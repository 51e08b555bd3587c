import { randomUUID } from "node:crypto";
import { requireAnyPermission, requireUserContext } from "../auth/permissions.js";
import { param, type RequestContext, tokenOf } from "../context.js";
import { type OrgUser, PERMISSIONS } from "../org.js";
import { readJsonObject } from "../request-body.js";
import { ApiError, jsonResponse } from "../responses.js";
import { isAcceptedAddress, participantAddress } from "./address-rules.js";
import type { CallRecord, ParticipantSeed } from "./call-record.js";
import {
  type CreateCallBody,
  checkFieldTypes,
  checkSingleDestination,
  rejectUnknownFields,
} from "./create-request.js";

/**
 * `POST /api/v2/conversations/calls`: places a call as the token's user, from that user's
 * station. A client-credentials token has no user and gets 400 `not.a.user`.
 */
export async function createCallAsTokenUser(ctx: RequestContext): Promise<Response> {
  const token = tokenOf(ctx);
  const body = await readJsonObject(ctx);
  const userId = requireUserContext(token);
  const user = findUser(ctx, userId);
  return placeCall(ctx, body, user, { requireStation: true });
}

/**
 * `POST /api/v2/conversations/calls/user/{userId}`: places a call on behalf of a user; needs
 * `conversation:call:add` or `conversation:agentlessCall:add` (Genesys API documentation).
 */
export async function createCallOnBehalfOfUser(ctx: RequestContext): Promise<Response> {
  requireAnyPermission(tokenOf(ctx), [PERMISSIONS.agentlessCallAdd, PERMISSIONS.callAdd]);
  const body = await readJsonObject(ctx);
  const user = findUser(ctx, param(ctx, "userId"));
  return placeCall(ctx, body, user, { requireStation: ctx.state.settings.onBehalfRequiresStation });
}

function findUser(ctx: RequestContext, userId: string): OrgUser {
  const user = ctx.state.org.users.find((candidate) => candidate.id === userId);
  if (user === undefined) {
    throw new ApiError(404, "resource.not.found");
  }
  return user;
}

/** Validates the body in the documented order, then creates the call. */
async function placeCall(
  ctx: RequestContext,
  raw: Record<string, unknown>,
  user: OrgUser,
  options: { requireStation: boolean },
): Promise<Response> {
  const { settings } = ctx.state;
  if (settings.unknownCallFields === "reject") {
    rejectUnknownFields(raw);
  }
  checkSingleDestination(raw);
  const body = checkFieldTypes(raw);
  checkReferences(ctx, body);

  if (options.requireStation && user.station === null) {
    throw new ApiError(400, "conversation.error.no.user.station");
  }

  const isConference =
    (body.participants?.length ?? 0) > 0 || (body.conversationIds?.length ?? 0) > 0;
  if (isConference || settings.conferencePermissionFor === "all") {
    requireAnyPermission(tokenOf(ctx), [PERMISSIONS.conferenceAdd]);
  }
  checkAddresses(ctx, body);

  const call = createCallRecord(ctx, body, user);
  ctx.state.calls.set(call.id, call);
  ctx.state.callLog.push({
    id: call.id,
    at: new Date(call.createdAtMs).toISOString(),
    userId: user.id,
    path: ctx.path,
    request: raw,
  });
  // Genesys returns 200 with CreateCallResponse, not 201 (Platform API spec, SDK CreateCallResponse).
  return jsonResponse(ctx.exchange, 200, {
    id: call.id,
    selfUri: `/api/v2/conversations/calls/${call.id}`,
  });
}

/** Unknown user, queue, contact or conversation ids get 404 `resource.not.found` (or 400, by setting). */
function checkReferences(ctx: RequestContext, body: CreateCallBody): void {
  const { org, calls } = ctx.state;
  const userIds = [body.callUserId, ...(body.participants ?? []).map((p) => p.userId)];
  const queueIds = [
    body.callQueueId,
    body.callFromQueueId,
    ...(body.participants ?? []).map((p) => p.queueId),
  ];
  const known = {
    user: (id: string) => org.users.some((user) => user.id === id),
    queue: (id: string) => org.queues.some((queue) => queue.id === id),
    contact: (id: string) => org.contacts.some((contact) => contact.id === id),
    call: (id: string) => calls.has(id),
  };
  const allKnown =
    userIds.every((id) => !id || known.user(id)) &&
    queueIds.every((id) => !id || known.queue(id)) &&
    (!body.externalContactId || known.contact(body.externalContactId)) &&
    (body.conversationIds ?? []).every(known.call);
  if (allKnown) {
    return;
  }
  if (ctx.state.settings.unknownReferences === "bad-request") {
    throw new ApiError(400, "bad.request");
  }
  throw new ApiError(404, "resource.not.found");
}

/** Applies the dial-plan rules of the `addressRules` setting to every dialled address. */
function checkAddresses(ctx: RequestContext, body: CreateCallBody): void {
  const rules = ctx.state.settings.addressRules;
  const addresses = [body.phoneNumber, ...(body.participants ?? []).map((p) => p.address)];
  for (const address of addresses) {
    if (!address || isAcceptedAddress(rules, address)) {
      continue;
    }
    if (rules.rejectWith === "invalid.value") {
      throw new ApiError(400, "invalid.value", {
        value: address,
        fieldType: "phoneNumber",
        allowableValues: "a number the dial plan accepts",
      });
    }
    throw new ApiError(400, "bad.request");
  }
}

function createCallRecord(ctx: RequestContext, body: CreateCallBody, user: OrgUser): CallRecord {
  const { settings } = ctx.state;
  const placer: ParticipantSeed = {
    id: randomUUID(),
    purpose: "user",
    name: user.name,
    user: { id: user.id },
    attributes: {},
  };
  if (body.callFromQueueId) {
    placer.queue = { id: body.callFromQueueId };
  }
  return {
    id: randomUUID(),
    createdAtMs: ctx.clock.now(),
    userId: user.id,
    outcome: settings.callOutcome,
    dialingMs: settings.dialingMs,
    connectedMs: settings.connectedMs,
    disconnectTypes: { ...settings.outcomeDisconnectTypes },
    participants: [placer, ...farEnds(ctx, body)],
  };
}

/** Builds the legs being called; `attributes` go on them, as CreateCallRequest documents. */
function farEnds(ctx: RequestContext, body: CreateCallBody): ParticipantSeed[] {
  const attributes = { ...(body.attributes ?? {}) };
  const destinations = body.participants?.length
    ? body.participants
    : body.conversationIds?.length
      ? mergedDestinations(ctx, body.conversationIds)
      : [{ address: body.phoneNumber, userId: body.callUserId, queueId: body.callQueueId }];
  return destinations.map((destination) => farEnd(ctx, body, destination, attributes));
}

// NOTE: merging copies the far ends of the merged calls into the new call; the merged calls go on unchanged.
function mergedDestinations(
  ctx: RequestContext,
  conversationIds: string[],
): Array<{ address?: string; userId?: string; queueId?: string }> {
  return conversationIds.flatMap((id) =>
    (ctx.state.calls.get(id)?.participants.slice(1) ?? []).map((p) => ({
      address: p.address,
      userId: p.user?.id,
      queueId: p.queue?.id,
    })),
  );
}

function farEnd(
  ctx: RequestContext,
  body: CreateCallBody,
  destination: {
    address?: string | undefined;
    name?: string | undefined;
    userId?: string | undefined;
    queueId?: string | undefined;
  },
  attributes: Record<string, string>,
): ParticipantSeed {
  const { org } = ctx.state;
  const seed: ParticipantSeed = {
    id: randomUUID(),
    purpose: "external",
    attributes: { ...attributes },
  };
  if (destination.userId) {
    seed.purpose = "user";
    seed.user = { id: destination.userId };
    seed.name = org.users.find((user) => user.id === destination.userId)?.name;
  } else if (destination.queueId) {
    seed.purpose = "acd";
    seed.queue = { id: destination.queueId };
    seed.name = org.queues.find((queue) => queue.id === destination.queueId)?.name;
  } else if (destination.address) {
    seed.address = participantAddress(destination.address);
    seed.dnis = seed.address;
    seed.name = destination.name;
  }
  if (body.externalContactId) {
    seed.externalContact = { id: body.externalContactId };
    const contact = org.contacts.find((candidate) => candidate.id === body.externalContactId);
    seed.name ??= contact === undefined ? undefined : `${contact.firstName} ${contact.lastName}`;
  }
  if (body.callerId) {
    seed.ani = participantAddress(body.callerId);
  }
  if (body.uuiData) {
    seed.uuiData = body.uuiData;
  }
  return seed;
}
