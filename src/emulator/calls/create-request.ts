import { ApiError } from "../responses.js";

/** `CreateCallRequest` fields that take a string (platform-client-v2 `index.d.ts`). */
const STRING_FIELDS = [
  "phoneNumber",
  "callerId",
  "callerIdName",
  "callFromQueueId",
  "callQueueId",
  "callUserId",
  "languageId",
  "routingSkillExpression",
  "uuiData",
  "externalContactId",
  "label",
] as const;

const OTHER_FIELDS = [
  "priority",
  "attributes",
  "routingSkillsIds",
  "conversationIds",
  "participants",
] as const;

const KNOWN_FIELDS: ReadonlySet<string> = new Set([...STRING_FIELDS, ...OTHER_FIELDS]);

/** `Destination` fields, all strings. */
const DESTINATION_FIELDS: ReadonlySet<string> = new Set(["address", "name", "userId", "queueId"]);

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** A CreateCallRequest whose fields have passed the type checks. */
export interface CreateCallBody {
  phoneNumber?: string;
  callerId?: string;
  callerIdName?: string;
  callFromQueueId?: string;
  callQueueId?: string;
  callUserId?: string;
  uuiData?: string;
  externalContactId?: string;
  label?: string;
  priority?: number;
  attributes?: Record<string, string>;
  conversationIds?: string[];
  participants?: Array<{ address?: string; name?: string; userId?: string; queueId?: string }>;
}

/** Rejects fields that `CreateCallRequest` does not have (used when `unknownCallFields` is "reject"). */
export function rejectUnknownFields(body: Record<string, unknown>): void {
  const unknown = Object.keys(body).filter((key) => !KNOWN_FIELDS.has(key));
  if (unknown.length > 0) {
    throw new ApiError(400, "bad.request");
  }
}

function isGiven(value: unknown): boolean {
  if (value === undefined || value === null || value === "") {
    return false;
  }
  return !(Array.isArray(value) && value.length === 0);
}

/**
 * Enforces the one-destination rule: exactly one of `phoneNumber`, `callUserId`, `callQueueId`,
 * `participants` and `conversationIds`. More than one gets 400
 * `too.many.create.conversation.parameters` (Platform API spec); none gets 400 `bad.request`
 * (undocumented, so an assumption).
 */
export function checkSingleDestination(body: Record<string, unknown>): void {
  const destinations = [
    "phoneNumber",
    "callUserId",
    "callQueueId",
    "participants",
    "conversationIds",
  ];
  const given = destinations.filter((field) => isGiven(body[field]));
  if (given.length > 1) {
    throw new ApiError(400, "too.many.create.conversation.parameters");
  }
  if (given.length === 0) {
    throw new ApiError(400, "bad.request");
  }
}

function invalidValue(field: string, value: unknown, fieldType: string): ApiError {
  const shown = typeof value === "string" ? value : JSON.stringify(value);
  // NOTE: Genesys documents the code and message of invalid.value, not the names of its parameters.
  return new ApiError(400, "invalid.value", {
    value: shown ?? "null",
    fieldType,
    allowableValues: `${field} as ${fieldType}`,
  });
}

function checkStringArray(field: string, value: unknown): void {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw invalidValue(field, value, "List<String>");
  }
}

function checkDestinations(value: unknown): void {
  if (!Array.isArray(value)) {
    throw invalidValue("participants", value, "List<Destination>");
  }
  for (const destination of value) {
    if (typeof destination !== "object" || destination === null || Array.isArray(destination)) {
      throw invalidValue("participants", destination, "Destination");
    }
    for (const [field, fieldValue] of Object.entries(destination as Record<string, unknown>)) {
      if (DESTINATION_FIELDS.has(field) && fieldValue !== null && typeof fieldValue !== "string") {
        throw invalidValue(`participants.${field}`, fieldValue, "String");
      }
    }
  }
}

/** Checks the type of every known field; a wrong type gets 400 `invalid.value` naming the value and type. */
export function checkFieldTypes(body: Record<string, unknown>): CreateCallBody {
  for (const field of STRING_FIELDS) {
    const value = body[field];
    if (value !== undefined && value !== null && typeof value !== "string") {
      throw invalidValue(field, value, "String");
    }
  }

  const { priority, attributes, routingSkillsIds, conversationIds, participants } = body;
  const isInt32 =
    typeof priority === "number" &&
    Number.isInteger(priority) &&
    priority >= INT32_MIN &&
    priority <= INT32_MAX;
  if (priority !== undefined && priority !== null && !isInt32) {
    throw invalidValue("priority", priority, "Integer");
  }
  if (attributes !== undefined && attributes !== null) {
    const isStringMap =
      typeof attributes === "object" &&
      !Array.isArray(attributes) &&
      Object.values(attributes).every((item) => typeof item === "string");
    if (!isStringMap) {
      throw invalidValue("attributes", attributes, "Map<String, String>");
    }
  }
  for (const [field, value] of [
    ["routingSkillsIds", routingSkillsIds],
    ["conversationIds", conversationIds],
  ] as const) {
    if (value !== undefined && value !== null) {
      checkStringArray(field, value);
    }
  }
  if (participants !== undefined && participants !== null) {
    checkDestinations(participants);
  }
  return body as CreateCallBody;
}
