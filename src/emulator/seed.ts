/**
 * Fixed ids of the emulator's demo org, so that docs, tests and scripts can name them.
 * The client secret is not here: each emulator start makes a new random one.
 */
export const DEMO_IDS = {
  /** OAuth client-credentials client allowed to place calls on behalf of users. */
  clientId: "6f1c2b1e-0000-4000-8000-0000000000c1",
  /** OAuth client-credentials client with no call permission, for 403 tests. */
  readOnlyClientId: "6f1c2b1e-0000-4000-8000-0000000000c2",
  /** Alice, alice@example.com, with a station. */
  alice: "6f1c2b1e-0000-4000-8000-000000000001",
  /** Bob, bob@example.com, without a station. */
  bob: "6f1c2b1e-0000-4000-8000-000000000004",
  /** Queue "Sales". */
  salesQueue: "6f1c2b1e-0000-4000-8000-000000000002",
  /** Queue "Support". */
  supportQueue: "6f1c2b1e-0000-4000-8000-000000000005",
  /** External contact with two phone numbers. */
  contact: "6f1c2b1e-0000-4000-8000-000000000003",
} as const;
