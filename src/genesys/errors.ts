/**
 * Errors of the Genesys Cloud client. Two branches: `GenesysApiError` and its subclasses for an
 * HTTP error response, and `ConnectionError` / `OutcomeUnknownError` for no response at all.
 * Every text field is masked when the error is built, so no token, secret or Authorization header
 * can reach a message, `toJSON` or `util.inspect`.
 * @module
 */

export * from "./errors/api-error.js";
export * from "./errors/call-errors.js";
export * from "./errors/http-errors.js";
export * from "./errors/no-response-errors.js";
