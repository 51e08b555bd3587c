import type { CallPlan, PlaceCallOptions } from "../genesys/types.js";
import type { BulkCallOptions } from "./types.js";

/** The part of the Genesys client a bulk run uses. */
export interface BulkCallClient {
  calls: {
    plan(options: PlaceCallOptions): Promise<CallPlan>;
    place(options: PlaceCallOptions): Promise<PlacedResult>;
  };
  /** Time left of the client's shared `Retry-After` pause, 0 when none runs. */
  pausedForMs(): number;
}

/** The part of `calls.place`'s result that the journal keeps. */
export interface PlacedResult {
  conversationId: string;
  correlationId?: string | undefined;
}

const ON_BEHALF_PATH = /\/api\/v2\/conversations\/calls\/user\/([^/?]+)$/;

/**
 * Resolves the sender options (a user or queue named by email or name) once for the whole run,
 * by planning the call to one row, and returns options that name them by id. Every row's POST
 * then costs no look-up, so the run spends its request budget on calls.
 */
export async function resolveSender(
  client: BulkCallClient,
  call: BulkCallOptions,
  sampleTo: string,
): Promise<Omit<PlaceCallOptions, "to">> {
  const plan = await client.calls.plan({ ...placeOptions(call), to: sampleTo });

  const resolved: Omit<PlaceCallOptions, "to"> = {
    defaultCountry: call.country,
    extensionPolicy: call.extensionPolicy,
  };
  const onBehalf = ON_BEHALF_PATH.exec(plan.endpoint.path);
  if (onBehalf?.[1] !== undefined) {
    resolved.asUser = `user:${decodeURIComponent(onBehalf[1])}`;
  }
  if (plan.body.callFromQueueId !== undefined) {
    resolved.fromQueue = `queue:${plan.body.callFromQueueId}`;
  }
  if (plan.body.callerId !== undefined) {
    resolved.callerId = plan.body.callerId;
  }
  if (plan.body.callerIdName !== undefined) {
    resolved.callerIdName = plan.body.callerIdName;
  }
  return resolved;
}

/** Converts the run's call options to the client's `PlaceCallOptions`. */
export function placeOptions(call: BulkCallOptions): Omit<PlaceCallOptions, "to"> {
  return {
    asUser: call.asUser,
    from: call.from,
    callerId: call.callerId,
    callerIdName: call.callerIdName,
    fromQueue: call.fromQueue,
    defaultCountry: call.country,
    extensionPolicy: call.extensionPolicy,
  };
}
