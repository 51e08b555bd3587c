import { type RequestContext, tokenOf } from "../context.js";
import { emptyResponse, jsonResponse } from "../responses.js";

/** `GET /api/v2/tokens/me`: a TokenInfo for the calling token. */
export function getTokenInfo(ctx: RequestContext): Response {
  const token = tokenOf(ctx);
  const { org } = ctx.state;
  const client = org.clients.find((candidate) => candidate.id === token.clientId);
  const organization = { id: org.id, name: org.name, selfUri: `/api/v2/organizations/${org.id}` };
  return jsonResponse(ctx.exchange, 200, {
    organization,
    homeOrganization: organization,
    authorizedScope: [],
    OAuthClient: { id: token.clientId, name: client?.name ?? "", organization: { id: org.id } },
  });
}

/**
 * `DELETE /api/v2/tokens/me`: revokes the calling token, so its later requests get 401
 * `bad.credentials`.
 */
export function revokeOwnToken(ctx: RequestContext): Response {
  tokenOf(ctx).revoked = true;
  // NOTE: the SDK models this response as void; the exact status (200 or 204) is not documented.
  return emptyResponse(ctx.exchange, 204);
}
