import { getTokenInfo, revokeOwnToken } from "./auth/token-info.js";
import {
  disconnectConversation,
  getCall,
  listActiveCalls,
  patchCall,
  patchParticipant,
} from "./calls/control.js";
import { createCallAsTokenUser, createCallOnBehalfOfUser } from "./calls/create.js";
import { getContact, searchContacts } from "./directory/contacts.js";
import { getQueue, listQueues } from "./directory/queues.js";
import { getMe, getUser, getUserStation, searchUsers } from "./directory/users.js";
import { Router } from "./router.js";

/** The Platform API v2 routes the emulator serves; every one needs a bearer token. */
export const apiRouter = new Router([
  { method: "POST", pattern: "/api/v2/conversations/calls", handler: createCallAsTokenUser },
  { method: "GET", pattern: "/api/v2/conversations/calls", handler: listActiveCalls },
  {
    method: "POST",
    pattern: "/api/v2/conversations/calls/user/{userId}",
    handler: createCallOnBehalfOfUser,
  },
  { method: "GET", pattern: "/api/v2/conversations/calls/{conversationId}", handler: getCall },
  { method: "PATCH", pattern: "/api/v2/conversations/calls/{conversationId}", handler: patchCall },
  {
    method: "PATCH",
    pattern: "/api/v2/conversations/calls/{conversationId}/participants/{participantId}",
    handler: patchParticipant,
  },
  {
    method: "POST",
    pattern: "/api/v2/conversations/{conversationId}/disconnect",
    handler: disconnectConversation,
  },
  { method: "GET", pattern: "/api/v2/users/me", handler: getMe },
  { method: "POST", pattern: "/api/v2/users/search", handler: searchUsers },
  { method: "GET", pattern: "/api/v2/users/{userId}", handler: getUser },
  { method: "GET", pattern: "/api/v2/users/{userId}/station", handler: getUserStation },
  { method: "GET", pattern: "/api/v2/routing/queues", handler: listQueues },
  { method: "GET", pattern: "/api/v2/routing/queues/{queueId}", handler: getQueue },
  { method: "GET", pattern: "/api/v2/externalcontacts/contacts", handler: searchContacts },
  { method: "GET", pattern: "/api/v2/externalcontacts/contacts/{contactId}", handler: getContact },
  { method: "GET", pattern: "/api/v2/tokens/me", handler: getTokenInfo },
  { method: "DELETE", pattern: "/api/v2/tokens/me", handler: revokeOwnToken },
]);
