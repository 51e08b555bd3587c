import { requireAnyPermission, requireUserContext } from "../auth/permissions.js";
import { param, type RequestContext, tokenOf } from "../context.js";
import { type Org, type OrgUser, PERMISSIONS } from "../org.js";
import { readJsonObject } from "../request-body.js";
import { ApiError, jsonResponse } from "../responses.js";
import { pageOf, readPage } from "./paging.js";

/** Builds a `User` (platform-client-v2 model) with the fields a calling tool reads. */
export function userView(org: Org, user: OrgUser): Record<string, unknown> {
  return {
    id: user.id,
    name: user.name,
    division: {
      id: org.division.id,
      name: org.division.name,
      selfUri: `/api/v2/authorization/divisions/${org.division.id}`,
    },
    email: user.email,
    state: "active",
    username: user.email,
    version: 1,
    acdAutoAnswer: false,
    selfUri: `/api/v2/users/${user.id}`,
  };
}

/** `GET /api/v2/users/{userId}`. */
export function getUser(ctx: RequestContext): Response {
  const user = ctx.state.org.users.find((candidate) => candidate.id === param(ctx, "userId"));
  if (user === undefined) {
    throw new ApiError(404, "resource.not.found");
  }
  return jsonResponse(ctx.exchange, 200, userView(ctx.state.org, user));
}

/**
 * `GET /api/v2/users/{userId}/station`: the user's `UserStations`, empty for a user without a
 * station; needs `telephony:otherStationAssociation:view`.
 */
export function getUserStation(ctx: RequestContext): Response {
  requireAnyPermission(tokenOf(ctx), [PERMISSIONS.stationView]);
  const user = ctx.state.org.users.find((candidate) => candidate.id === param(ctx, "userId"));
  if (user === undefined) {
    throw new ApiError(404, "resource.not.found");
  }
  if (user.station === null) {
    return jsonResponse(ctx.exchange, 200, {});
  }

  const station = {
    id: user.station.id,
    name: user.station.name,
    type: "inin_webrtc_softphone",
    associatedUser: { id: user.id, selfUri: `/api/v2/users/${user.id}` },
  };
  return jsonResponse(ctx.exchange, 200, {
    associatedStation: station,
    effectiveStation: station,
    defaultStation: station,
  });
}

/** `GET /api/v2/users/me`: not valid for client credentials (400 `not.a.user`). */
export function getMe(ctx: RequestContext): Response {
  const userId = requireUserContext(tokenOf(ctx));
  const user = ctx.state.org.users.find((candidate) => candidate.id === userId);
  if (user === undefined) {
    throw new ApiError(404, "resource.not.found");
  }
  return jsonResponse(ctx.exchange, 200, userView(ctx.state.org, user));
}

const SEARCH_TYPES = ["EXACT", "CONTAINS", "STARTS_WITH"];
const SEARCH_FIELDS = ["id", "email", "name", "username"];

interface Criterion {
  type: string;
  fields: string[];
  values: string[];
  operator: "AND" | "OR" | "NOT";
}

function invalid(value: unknown, fieldType: string, allowed: string[]): ApiError {
  return new ApiError(400, "invalid.value", {
    value: typeof value === "string" ? value : (JSON.stringify(value) ?? "null"),
    fieldType,
    allowableValues: allowed.join(", "),
  });
}

function readCriterion(raw: unknown): Criterion {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ApiError(400, "bad.request");
  }
  const { type, fields, value, values, operator } = raw as Record<string, unknown>;
  // NOTE: Genesys supports more search types (QUERY_STRING, RANGE, ...); the emulator serves these three.
  if (typeof type !== "string" || !SEARCH_TYPES.includes(type)) {
    throw invalid(type, "type", SEARCH_TYPES);
  }
  const fieldList = Array.isArray(fields) ? fields : [];
  const badField = fieldList.find(
    (field) => typeof field !== "string" || !SEARCH_FIELDS.includes(field),
  );
  if (fieldList.length === 0 || badField !== undefined) {
    throw invalid(badField ?? fields, "fields", SEARCH_FIELDS);
  }
  const valueList = typeof value === "string" ? [value] : Array.isArray(values) ? values : [];
  if (valueList.length === 0 || !valueList.every((item) => typeof item === "string")) {
    throw new ApiError(400, "bad.request");
  }
  const op = operator ?? "AND";
  if (op !== "AND" && op !== "OR" && op !== "NOT") {
    throw invalid(op, "operator", ["AND", "OR", "NOT"]);
  }
  return { type, fields: fieldList as string[], values: valueList as string[], operator: op };
}

function fieldValue(user: OrgUser, field: string): string {
  if (field === "id") {
    return user.id;
  }
  if (field === "name") {
    return user.name;
  }
  return user.email;
}

function matchesCriterion(user: OrgUser, criterion: Criterion): boolean {
  return criterion.fields.some((field) => {
    const actual = fieldValue(user, field).toLowerCase();
    return criterion.values.some((raw) => {
      const wanted = raw.toLowerCase();
      if (criterion.type === "EXACT") {
        return actual === wanted;
      }
      return criterion.type === "CONTAINS" ? actual.includes(wanted) : actual.startsWith(wanted);
    });
  });
}

/** AND criteria must all match, at least one OR criterion must match if any, and no NOT criterion may match. */
function matchesAll(user: OrgUser, criteria: Criterion[]): boolean {
  const by = (operator: Criterion["operator"]) =>
    criteria.filter((criterion) => criterion.operator === operator);
  const ors = by("OR");
  return (
    by("AND").every((criterion) => matchesCriterion(user, criterion)) &&
    (ors.length === 0 || ors.some((criterion) => matchesCriterion(user, criterion))) &&
    !by("NOT").some((criterion) => matchesCriterion(user, criterion))
  );
}

/**
 * `POST /api/v2/users/search` with EXACT, CONTAINS or STARTS_WITH criteria on id, email or name;
 * needs `directory:user:view`. Matching ignores case.
 */
export async function searchUsers(ctx: RequestContext): Promise<Response> {
  requireAnyPermission(tokenOf(ctx), [PERMISSIONS.userView]);
  const body = await readJsonObject(ctx);
  if (!Array.isArray(body.query) || body.query.length === 0) {
    throw new ApiError(400, "bad.request");
  }
  const criteria = body.query.map(readCriterion);
  const page = readPage(body);

  const { org } = ctx.state;
  const found = org.users
    .filter((user) => matchesAll(user, criteria))
    .sort((a, b) => a.name.localeCompare(b.name));
  return jsonResponse(ctx.exchange, 200, {
    total: found.length,
    pageCount: Math.ceil(found.length / page.pageSize),
    pageSize: page.pageSize,
    pageNumber: page.pageNumber,
    types: ["users"],
    results: pageOf(found, page).map((user) => userView(org, user)),
  });
}
