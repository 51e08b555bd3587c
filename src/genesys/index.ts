/**
 * The Genesys Cloud Platform API v2 client: regions, token providers, a transport with a retry
 * policy and a shared rate-limit pause, structured errors, a masking logger, directory look-ups
 * and calls.
 * @module
 */

export { AccessTokenProvider } from "./auth/access-token.js";
export {
  type ClientCredentialsOptions,
  ClientCredentialsProvider,
} from "./auth/client-credentials.js";
export type { TokenProvider } from "./auth/token-provider.js";
export { callStatusOf } from "./calls/call-status.js";
export type { Calls } from "./calls/calls.js";
export { DEFAULT_TIMEOUT_MS, GenesysClient } from "./client.js";
export type { ContactPhone, Directory, ExternalContact } from "./directory.js";
export {
  AmbiguousMatchError,
  type ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  CallWaitTimeoutError,
  ConfigurationError,
  ConnectionError,
  GenesysApiError,
  type KnownOutcome,
  type LookupMatch,
  type LookupSubject,
  NotFoundError,
  OutcomeUnknownError,
  PermissionError,
  parseMissingPermissions,
  RateLimitError,
  ServerError,
} from "./errors.js";
export {
  type CreateLoggerOptions,
  createLogger,
  LOG_LEVELS,
  type LogFields,
  type Logger,
  type LogLevel,
  silentLogger,
} from "./logger.js";
export { maskCredentialPatterns, SecretRegistry } from "./masking.js";
export { DEFAULT_REGION, type Endpoints, REGION_DOMAINS, resolveEndpoints } from "./regions.js";
export type { ApiRequestOptions, ApiResponse } from "./transport/api-transport.js";
export { PauseGate } from "./transport/pause-gate.js";
export { parseRateLimitHeaders } from "./transport/rate-limit-headers.js";
export { parseRetryAfter } from "./transport/retry-after.js";
export {
  type AttemptOutcome,
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  type RequestKind,
  type RetryDecision,
  type RetryPolicy,
} from "./transport/retry-policy.js";
export type * from "./types.js";
