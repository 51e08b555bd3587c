import { createEmulator, DEMO_IDS, type Emulator } from "../src/emulator/index.js";
import { GenesysClient, type GenesysClientOptions } from "../src/genesys/index.js";
import { VirtualTime } from "./genesys-virtual-time.js";

/** A base URL nothing listens on: requests go to the emulator's in-process fetch instead. */
export const BASE_URL = "http://127.0.0.1:9";

export interface Setup {
  time: VirtualTime;
  emulator: Emulator;
  client: GenesysClient;
}

/**
 * Creates an in-process emulator and a client on one virtual clock, with client credentials or
 * Alice's user token. With random() = 0.5 the full-jitter backoff is half its ceiling: 250, 500,
 * 1000 ms.
 */
export function setUp(
  credentials: "client-credentials" | "user-token",
  options: Partial<GenesysClientOptions> = {},
  emulatorOptions: Parameters<typeof createEmulator>[0] = {},
): Setup {
  const time = new VirtualTime();
  const emulator = createEmulator({ clock: time.clock, sleep: time.sleep, ...emulatorOptions });
  const chosen =
    credentials === "client-credentials"
      ? { clientId: emulator.demo.clientId, clientSecret: emulator.demo.clientSecret }
      : { accessToken: emulator.issueUserToken(DEMO_IDS.alice).access_token };
  const client = new GenesysClient({
    region: BASE_URL,
    credentials: chosen,
    fetch: emulator.fetch,
    clock: time.clock,
    sleep: time.clientSleep,
    timers: time.timers,
    random: () => 0.5,
    ...options,
  });
  return { time, emulator, client };
}

/** Returns what `work` rejects with, and fails the test when it resolves. */
export async function rejectionOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}
