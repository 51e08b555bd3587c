import { DEMO_IDS } from "./seed.js";

export interface OrgUser {
  id: string;
  name: string;
  email: string;
  station: { id: string; name: string } | null;
  /** Permissions of the user's roles, which user tokens carry. */
  permissions: string[];
}

export interface OrgQueue {
  id: string;
  name: string;
  description: string;
}

export interface OrgPhoneNumber {
  display: string;
  e164: string;
  countryCode: string;
  extension?: number;
}

export interface OrgContact {
  id: string;
  firstName: string;
  lastName: string;
  workEmail: string;
  workPhone?: OrgPhoneNumber;
  cellPhone?: OrgPhoneNumber;
}

export interface OrgClient {
  id: string;
  name: string;
  secret: string;
  /** Permissions of the client's roles; client-credentials clients have roles, not scopes. */
  permissions: string[];
}

export interface Org {
  id: string;
  name: string;
  division: { id: string; name: string };
  users: OrgUser[];
  queues: OrgQueue[];
  contacts: OrgContact[];
  clients: OrgClient[];
}

/** Permission names as the Genesys API documentation lists them per endpoint. */
export const PERMISSIONS = {
  callAdd: "conversation:call:add",
  agentlessCallAdd: "conversation:agentlessCall:add",
  conferenceAdd: "conversation:conference:add",
  disconnect: "conversation:communication:disconnect",
  participantWrapup: "conversation:participant:wrapup",
  callRecord: "conversation:call:record",
  userView: "directory:user:view",
  queueView: "routing:queue:view",
  contactView: "externalContacts:contact:view",
  stationView: "telephony:otherStationAssociation:view",
  relateContactView: "relate:contact:view",
} as const;

const LOOKUPS = [PERMISSIONS.userView, PERMISSIONS.queueView, PERMISSIONS.contactView];

/** Builds the demo org with the fixed ids of DEMO_IDS and the given client secrets. */
export function demoOrg(secrets: {
  client: string;
  readOnlyClient: string;
  userLogin: string;
}): Org {
  return {
    id: DEMO_IDS.organization,
    name: "gcdial demo org",
    division: { id: DEMO_IDS.division, name: "Home" },
    users: [
      {
        id: DEMO_IDS.alice,
        name: "Alice Example",
        email: "alice@example.com",
        station: { id: DEMO_IDS.aliceStation, name: "Alice's WebRTC phone" },
        permissions: [
          PERMISSIONS.callAdd,
          PERMISSIONS.conferenceAdd,
          PERMISSIONS.disconnect,
          ...LOOKUPS,
        ],
      },
      {
        id: DEMO_IDS.bob,
        name: "Bob Example",
        email: "bob@example.com",
        station: null,
        permissions: [...LOOKUPS],
      },
    ],
    queues: [
      { id: DEMO_IDS.salesQueue, name: "Sales", description: "Outbound sales calls" },
      { id: DEMO_IDS.supportQueue, name: "Support", description: "Customer support" },
    ],
    contacts: [
      {
        id: DEMO_IDS.contact,
        firstName: "Carol",
        lastName: "Contact",
        workEmail: "carol@example.net",
        workPhone: { display: "+1 201-555-0150", e164: "+12015550150", countryCode: "US" },
        cellPhone: { display: "+44 20 7946 0150", e164: "+442079460150", countryCode: "GB" },
      },
    ],
    clients: [
      {
        id: DEMO_IDS.clientId,
        name: "gcdial demo service",
        secret: secrets.client,
        permissions: [
          PERMISSIONS.callAdd,
          PERMISSIONS.disconnect,
          PERMISSIONS.stationView,
          ...LOOKUPS,
        ],
      },
      {
        id: DEMO_IDS.readOnlyClientId,
        name: "gcdial read-only service",
        secret: secrets.readOnlyClient,
        permissions: [...LOOKUPS],
      },
      {
        id: DEMO_IDS.userLoginClientId,
        name: "gcdial user login",
        secret: secrets.userLogin,
        permissions: [],
      },
    ],
  };
}
