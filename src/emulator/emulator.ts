import { randomBytes } from "node:crypto";
import { createDispatch, type Dispatch } from "./dispatch.js";
import { DROPPED, fetchFailedError } from "./dropped-connection.js";
import { inProcessFetch } from "./in-process-fetch.js";
import { addFault, issueUserToken, type TokenAnswer, updateSettings } from "./operations.js";
import { demoOrg, type Org } from "./org.js";
import { copySettings, DEFAULT_SETTINGS, mergeSettings } from "./settings.js";
import { createState, resetState } from "./state.js";
import type {
  CallLogEntry,
  EmulatorOptions,
  EmulatorSettings,
  EmulatorSettingsUpdate,
  Fault,
  RequestLogEntry,
} from "./types.js";

/** Ids, names and client secrets of the seeded demo org, for demos and tests. */
export interface DemoOrg {
  clientId: string;
  clientSecret: string;
  readOnlyClientId: string;
  readOnlyClientSecret: string;
  users: Array<{
    id: string;
    name: string;
    email: string;
    station: { id: string; name: string } | null;
  }>;
  queues: Array<{ id: string; name: string }>;
  contacts: Array<{
    id: string;
    name: string;
    phoneNumbers: Array<{ type: string; e164: string; display: string }>;
  }>;
}

/** A local emulator of the Genesys Cloud Platform API v2 parts gcdial uses. */
export interface Emulator {
  /** Handles one request in-process; a dropped connection rejects like Node's fetch. */
  handle(request: Request): Promise<Response>;
  /** A fetch that calls `handle`; pass it to a client instead of the global fetch. */
  fetch: typeof fetch;
  readonly demo: DemoOrg;
  /** Forgets calls, logs, faults and rate-limit windows and restores the initial settings. */
  reset(options?: { forgetTokens?: boolean }): void;
  settings(): EmulatorSettings;
  /** Changes settings; throws EmulatorInputError naming the first invalid value. */
  updateSettings(update: EmulatorSettingsUpdate): EmulatorSettings;
  /** Queues a fault; throws EmulatorInputError when it is invalid. */
  addFault(fault: Partial<Fault> & { path: string }): Fault;
  clearFaults(): void;
  /** Requests received, oldest first (control plane excluded). */
  requests(): RequestLogEntry[];
  /** Calls created, oldest first, with the request bodies as received. */
  calls(): CallLogEntry[];
  /** Issues a user token, as a user login would; `permissions` replaces the user's own. */
  issueUserToken(
    userId: string,
    options?: { expiresInSec?: number; permissions?: string[] },
  ): TokenAnswer;
}

/** The dispatcher behind each emulator, for the HTTP server adapter. */
const dispatchers = new WeakMap<Emulator, Dispatch>();

export function dispatcherOf(emulator: Emulator): Dispatch {
  const dispatch = dispatchers.get(emulator);
  if (dispatch === undefined) {
    throw new Error("not an emulator made by createEmulator");
  }
  return dispatch;
}

function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

function demoSummary(org: Org): DemoOrg {
  const [client, readOnlyClient] = org.clients;
  return {
    clientId: client?.id ?? "",
    clientSecret: client?.secret ?? "",
    readOnlyClientId: readOnlyClient?.id ?? "",
    readOnlyClientSecret: readOnlyClient?.secret ?? "",
    users: org.users.map(({ id, name, email, station }) => ({ id, name, email, station })),
    queues: org.queues.map(({ id, name }) => ({ id, name })),
    contacts: org.contacts.map((contact) => ({
      id: contact.id,
      name: `${contact.firstName} ${contact.lastName}`,
      phoneNumbers: [
        ...(contact.workPhone
          ? [{ type: "work", e164: contact.workPhone.e164, display: contact.workPhone.display }]
          : []),
        ...(contact.cellPhone
          ? [{ type: "cell", e164: contact.cellPhone.e164, display: contact.cellPhone.display }]
          : []),
      ],
    })),
  };
}

/**
 * Creates an emulator with the demo org. The clock and sleep are injectable so that tests control
 * time; client secrets are random per emulator unless given.
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const clock = options.clock ?? { now: () => Date.now() };
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const org = demoOrg({
    client: options.clientSecret ?? randomSecret(),
    readOnlyClient: options.readOnlyClientSecret ?? randomSecret(),
    userLogin: randomSecret(),
  });
  const state = createState(org, mergeSettings(DEFAULT_SETTINGS, options.settings ?? {}));
  const dispatch = createDispatch({
    state,
    clock,
    sleep,
    onRequest: options.onRequest,
    onInternalError: options.onInternalError,
  });

  const handle = async (request: Request): Promise<Response> => {
    const outcome = await dispatch(request);
    if (outcome === DROPPED) {
      throw fetchFailedError();
    }
    return outcome;
  };

  const emulator: Emulator = {
    handle,
    fetch: inProcessFetch(dispatch),
    demo: demoSummary(org),
    reset: (resetOptions) => resetState(state, resetOptions),
    settings: () => copySettings(state.settings),
    updateSettings: (update) => updateSettings(state, update),
    addFault: (fault) => addFault(state, fault),
    clearFaults: () => {
      state.faults.length = 0;
    },
    requests: () => structuredClone(state.requestLog),
    calls: () => structuredClone(state.callLog),
    issueUserToken: (userId, tokenOptions) =>
      issueUserToken(
        state,
        clock.now(),
        userId,
        tokenOptions?.expiresInSec,
        tokenOptions?.permissions,
      ),
  };
  dispatchers.set(emulator, dispatch);
  return emulator;
}
