/**
 * Genesys `ErrorBody` responses. Codes and message texts come from the `x-inin-error-codes` of the
 * Platform API spec (2018) and the 429 announcement on the Genesys developer forum; every body has
 * `contextId` (the correlation id) and empty `details` and `errors` arrays, as the 429 example shows.
 */

/** Message texts by Genesys error code. */
export const ERROR_MESSAGES = {
  "bad.request": "The request could not be understood by the server due to malformed syntax.",
  "invalid.value":
    "Value [{value}] is not valid for field type [{fieldType}]. Allowable values are: {allowableValues}",
  "not.a.user":
    "This request requires a user context. Client credentials cannot be used for requests to this resource.",
  "too.many.create.conversation.parameters":
    "Only a single destination can be supplied in a create conversation request.",
  "conversation.error.no.user.station": "A station is required to place a call.",
  "conversation.error.call.disconnected": "The call is already disconnected.",
  "authentication.required": "No authentication bearer token specified in authorization header.",
  "bad.credentials": "Invalid login credentials.",
  "missing.permissions":
    "Unable to perform the requested action. You are missing the following permission(s): {permissions}",
  "missing.any.permissions":
    "Unable to perform the requested action. You must have at least one of the following permissions assigned: {permissions}",
  "not.authorized": "You are not authorized to perform the requested action.",
  "resource.not.found": "The resource could not be found.",
  "conversation.error.conversation.not.found": "The conversation does not exist.",
  "conversation.error.not.conversation.participant":
    "The user is not a participant in the conversation.",
  // NOTE: the texts below are not in any source available; only the codes are documented.
  "not.found": "HTTP 404 Not Found",
  "method.not.allowed": "HTTP 405 Method Not Allowed",
  "unsupported.media.type":
    "Unsupported Media Type - Unsupported or incorrect media type, such as an incorrect Content-Type value in the header.",
  "too.many.requests.retry.after":
    "Rate limit exceeded the maximum. Retry the request in [{retryAfterSec}] seconds",
  "internal.server.error":
    "The server encountered an unexpected condition which prevented it from fulfilling the request.",
  "bad.gateway": "The server received an invalid response from an upstream server.",
  "service.unavailable":
    "Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).",
  "request.timeout": "The request timed out.",
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface ErrorBody {
  message: string;
  code: string;
  status: number;
  contextId: string;
  messageWithParams?: string;
  messageParams?: Record<string, string>;
  details: unknown[];
  errors: unknown[];
}

/** Builds an ErrorBody; parameters fill `{name}` placeholders and are listed in `messageParams`. */
export function errorBody(
  status: number,
  code: ErrorCode,
  correlationId: string,
  params?: Record<string, string>,
  message?: string,
): ErrorBody {
  const template: string = message ?? ERROR_MESSAGES[code];
  const body: ErrorBody = {
    message: fillParams(template, params ?? {}),
    code,
    status,
    contextId: correlationId,
    details: [],
    errors: [],
  };
  if (params !== undefined && Object.keys(params).length > 0) {
    body.messageWithParams = template;
    body.messageParams = params;
  }
  return body;
}

function fillParams(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** Returns the default error code for a status, for faults that give only a status. */
export function defaultCodeForStatus(status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = {
    400: "bad.request",
    401: "bad.credentials",
    403: "not.authorized",
    404: "not.found",
    405: "method.not.allowed",
    415: "unsupported.media.type",
    429: "too.many.requests.retry.after",
    502: "bad.gateway",
    503: "service.unavailable",
    504: "request.timeout",
  };
  return byStatus[status] ?? "internal.server.error";
}
