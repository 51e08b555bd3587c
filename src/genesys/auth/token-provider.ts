/**
 * The contract between the transport and whatever supplies access tokens.
 * @module
 */

export interface TokenProvider {
  /**
   * Whether tokens from this provider belong to a user. A client-credentials token does not,
   * so calls must be placed on behalf of a named user.
   */
  readonly userContext: boolean;
  /** Returns a token that is valid now, fetching or renewing it first when needed. */
  getToken(): Promise<string>;
  /**
   * Called after an API request got 401 for `rejectedToken`. Returns a token to replay
   * the request with once. Absent when the provider cannot get another token.
   */
  renewAfterRejection?(rejectedToken: string): Promise<string>;
}
