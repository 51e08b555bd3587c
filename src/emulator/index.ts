/**
 * A local emulator of the Genesys Cloud Platform API v2 parts gcdial uses, for tests and demos.
 * It imports nothing from the gcdial client, so that it cannot share the client's mistakes.
 */

export { createEmulator, type DemoOrg, type Emulator } from "./emulator.js";
export { EmulatorInputError } from "./input-error.js";
export { createManualClock, type ManualClock } from "./manual-clock.js";
export type { TokenAnswer } from "./operations.js";
export { DEMO_IDS } from "./seed.js";
export { type EmulatorServer, startEmulatorServer } from "./server.js";
export { DEFAULT_SETTINGS } from "./settings.js";
export type {
  AddressRules,
  CallLogEntry,
  CallOutcome,
  Clock,
  EmulatorOptions,
  EmulatorSettings,
  EmulatorSettingsUpdate,
  Fault,
  OutcomeDisconnectTypes,
  RequestLogEntry,
  Sleep,
} from "./types.js";
