import { requireAllPermissions, requireAnyPermission } from "../auth/permissions.js";
import { param, type RequestContext, tokenOf } from "../context.js";
import { type Org, type OrgQueue, PERMISSIONS } from "../org.js";
import { ApiError, jsonResponse } from "../responses.js";
import { entityListing, readPage } from "./paging.js";

const QUEUE_CREATED_AT = "2024-01-15T09:00:00.000Z";

/** Builds a `Queue` (platform-client-v2 model) with the fields a calling tool reads. */
export function queueView(org: Org, queue: OrgQueue): Record<string, unknown> {
  return {
    id: queue.id,
    name: queue.name,
    division: {
      id: org.division.id,
      name: org.division.name,
      selfUri: `/api/v2/authorization/divisions/${org.division.id}`,
    },
    description: queue.description,
    dateCreated: QUEUE_CREATED_AT,
    dateModified: QUEUE_CREATED_AT,
    memberCount: 1,
    userMemberCount: 1,
    joinedMemberCount: 1,
    scoringMethod: "TimestampAndPriority",
    selfUri: `/api/v2/routing/queues/${queue.id}`,
  };
}

/**
 * Checks a queue name against a `name` filter. A `*` at the start or end is a wildcard, because
 * the Genesys API documentation allows leading and trailing asterisks; elsewhere it is literal.
 */
export function matchesQueueName(name: string, filter: string, caseSensitive: boolean): boolean {
  const fold = (text: string) => (caseSensitive ? text : text.toLowerCase());
  const anyPrefix = filter.startsWith("*");
  const anySuffix = filter.length > 1 && filter.endsWith("*");
  const core = fold(filter.slice(anyPrefix ? 1 : 0, anySuffix ? -1 : undefined));
  const actual = fold(name);
  if (anyPrefix && anySuffix) {
    return actual.includes(core);
  }
  if (anyPrefix) {
    return actual.endsWith(core);
  }
  if (anySuffix) {
    return actual.startsWith(core);
  }
  return actual === core;
}

/** `GET /api/v2/routing/queues?name=&pageSize=&pageNumber=`, sorted by name; needs `routing:queue:view`. */
export function listQueues(ctx: RequestContext): Response {
  requireAnyPermission(tokenOf(ctx), [PERMISSIONS.queueView]);
  const query = ctx.url.searchParams;
  const page = readPage({
    pageSize: query.get("pageSize") ?? undefined,
    pageNumber: query.get("pageNumber") ?? undefined,
  });
  const name = query.get("name");

  const { org, settings } = ctx.state;
  const found = org.queues
    .filter(
      (queue) =>
        name === null || matchesQueueName(queue.name, name, settings.queueNameCaseSensitive),
    )
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((queue) => queueView(org, queue));
  const filters: Record<string, string> = name === null ? {} : { name };
  return jsonResponse(
    ctx.exchange,
    200,
    entityListing(found, page, "/api/v2/routing/queues", filters),
  );
}

/** `GET /api/v2/routing/queues/{queueId}`; needs `routing:queue:view` (an ALL-type permission). */
export function getQueue(ctx: RequestContext): Response {
  requireAllPermissions(tokenOf(ctx), [PERMISSIONS.queueView]);
  const queue = ctx.state.org.queues.find((candidate) => candidate.id === param(ctx, "queueId"));
  if (queue === undefined) {
    throw new ApiError(404, "resource.not.found");
  }
  return jsonResponse(ctx.exchange, 200, queueView(ctx.state.org, queue));
}
