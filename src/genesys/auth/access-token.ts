import { ConfigurationError } from "../errors.js";
import type { SecretRegistry } from "../masking.js";
import type { TokenProvider } from "./token-provider.js";

/**
 * A token obtained elsewhere (`GENESYSCLOUD_ACCESS_TOKEN`, a user login). It cannot be renewed,
 * so a 401 becomes an AuthenticationError at once.
 */
export class AccessTokenProvider implements TokenProvider {
  readonly userContext: boolean;
  readonly #token: string;

  constructor(
    accessToken: string,
    secrets: SecretRegistry,
    options: { userContext?: boolean } = {},
  ) {
    if (typeof accessToken !== "string" || accessToken.trim() === "") {
      throw new ConfigurationError("The access token is empty.", {
        code: "config.missing_credentials",
        option: "accessToken",
        hint: "Set GENESYSCLOUD_ACCESS_TOKEN to a current token, or use GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET instead.",
      });
    }

    this.#token = accessToken.trim();
    this.userContext = options.userContext ?? true;
    secrets.add(this.#token);
  }

  getToken(): Promise<string> {
    return Promise.resolve(this.#token);
  }
}
