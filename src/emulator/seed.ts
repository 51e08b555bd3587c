/**
 * Fixed ids of the emulator's demo org, so that docs, tests and scripts can name them.
 * The client secret is not here: each emulator start makes a new random one.
 */
export const DEMO_IDS = {
  /** OAuth client-credentials client allowed to place calls on behalf of users. */
  clientId: "6f1c2b1e-0000-4000-8000-0000000000c1",
  /** OAuth client-credentials client with no call permission, for 403 tests. */
  readOnlyClientId: "6f1c2b1e-0000-4000-8000-0000000000c2",
  /** OAuth client behind the user tokens that `POST /__emulator/tokens` issues. */
  userLoginClientId: "6f1c2b1e-0000-4000-8000-0000000000c3",
  /** The demo organization. */
  organization: "6f1c2b1e-0000-4000-8000-0000000000f1",
  /** The organization's home division. */
  division: "6f1c2b1e-0000-4000-8000-0000000000d1",
  /** Alice, alice@example.com, with a station. */
  alice: "6f1c2b1e-0000-4000-8000-000000000001",
  /** Alice's station. */
  aliceStation: "6f1c2b1e-0000-4000-8000-0000000000e1",
  /** Bob, bob@example.com, without a station. */
  bob: "6f1c2b1e-0000-4000-8000-000000000004",
  /** Queue "Sales". */
  salesQueue: "6f1c2b1e-0000-4000-8000-000000000002",
  /** Queue "Support". */
  supportQueue: "6f1c2b1e-0000-4000-8000-000000000005",
  /** External contact with two phone numbers. */
  contact: "6f1c2b1e-0000-4000-8000-000000000003",
} as const;
