/**
 * Turning parsed call options into the `CreateCallRequest` and endpoint to send.
 * @module
 */

import type { ParsedAddress } from "../../address/index.js";
import type { Directory } from "../directory.js";
import { ConfigurationError } from "../errors.js";
import type { Logger } from "../logger.js";
import { segment } from "../transport/api-transport.js";
import { NEEDS_USER_HINT } from "../transport/genesys-codes.js";
import type { CallPlan, CreateCallRequest, ExtensionPolicy } from "../types.js";
import type { ParsedCallOptions } from "./parse-options.js";

export const CALLS_PATH = "/api/v2/conversations/calls";

/**
 * Rejects a request that Genesys would refuse with 400 `not.a.user`: a token without a user (client
 * credentials) and no user named to place the call for. Runs before any look-up or POST.
 */
export function requireCallingUser(parsed: ParsedCallOptions, tokenHasUser: boolean): void {
  if (tokenHasUser || parsed.onBehalfOf !== undefined) {
    return;
  }

  throw new ConfigurationError(
    "A client-credentials token cannot place a call by itself: Genesys needs the user the call is placed for.",
    { code: "call.needs_user", option: "asUser", hint: NEEDS_USER_HINT },
  );
}

/** Resolves the look-ups and builds the request body and the endpoint. */
export async function buildCallPlan(
  parsed: ParsedCallOptions,
  directory: Directory,
  logger: Logger,
): Promise<CallPlan> {
  const body: CreateCallRequest = await destinationFields(
    parsed.to,
    parsed.extensionPolicy,
    directory,
    logger,
  );

  if (parsed.callerId !== undefined) {
    body.callerId = parsed.callerId.value;
  }
  if (parsed.callerIdName !== undefined) {
    body.callerIdName = parsed.callerIdName;
  }
  if (parsed.fromQueue !== undefined) {
    body.callFromQueueId = await queueId(parsed.fromQueue, directory);
  }
  if (parsed.priority !== undefined) {
    body.priority = parsed.priority;
  }
  if (parsed.attributes !== undefined) {
    body.attributes = parsed.attributes;
  }
  if (parsed.uuiData !== undefined) {
    body.uuiData = parsed.uuiData;
  }
  if (parsed.label !== undefined) {
    body.label = parsed.label;
  }

  const path =
    parsed.onBehalfOf === undefined
      ? CALLS_PATH
      : `${CALLS_PATH}/user/${segment(await userId(parsed.onBehalfOf, directory))}`;
  return { endpoint: { method: "POST", path }, body };
}

// The destination by kind; `CreateCallRequest` takes exactly one of these fields.
async function destinationFields(
  to: ParsedAddress,
  policy: ExtensionPolicy,
  directory: Directory,
  logger: Logger,
): Promise<CreateCallRequest> {
  switch (to.kind) {
    case "phone":
      return { phoneNumber: phoneWithExtension(to, policy, logger) };
    case "sip":
      return { phoneNumber: to.value };
    case "extension":
      return { phoneNumber: to.value };
    case "user":
      return { callUserId: await userId(to, directory) };
    case "queue":
      return { callQueueId: await queueId(to, directory) };
    case "contact":
      return {
        phoneNumber: await directory.findContactPhone(to.value),
        externalContactId: to.value,
      };
  }
}

// `phoneNumber` has no extension field, and whether a dial plan reads `;ext=` is undocumented,
// so an extension is sent only where the caller chose how.
function phoneWithExtension(to: ParsedAddress, policy: ExtensionPolicy, logger: Logger): string {
  if (to.extension === undefined) {
    return to.value;
  }

  switch (policy) {
    case "tel-uri":
      return `tel:${to.value};ext=${to.extension}`;
    case "drop":
      logger.warn("dropping the extension of the destination", {
        to: to.value,
        extension: to.extension,
      });
      return to.value;
    case "reject":
      throw new ConfigurationError(
        `to ${JSON.stringify(to.input)} has extension ${to.extension}, and Genesys has no field for an extension.`,
        {
          code: "call.extension_rejected",
          option: "extensionPolicy",
          hint: 'Set extensionPolicy (CLI: --extension) to "tel-uri" to send tel:+E164;ext=N if your dial plan reads it, or "drop" to dial the main number only.',
        },
      );
  }
}

async function userId(user: ParsedAddress, directory: Directory): Promise<string> {
  return user.by === "email" ? directory.findUserIdByEmail(user.value) : user.value;
}

async function queueId(queue: ParsedAddress, directory: Directory): Promise<string> {
  return queue.by === "name" ? directory.findQueueIdByName(queue.value) : queue.value;
}
