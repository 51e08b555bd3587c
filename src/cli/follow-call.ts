import type { GenesysClient } from "../genesys/index.js";
import type { CallParticipant, CallStatus, PlacedCall } from "../genesys/types.js";
import {
  type CallEndState,
  type CallOutput,
  placedCallJson,
  printPlacedCall,
  writeJson,
} from "./call-output.js";
import { ExitCode } from "./exit-codes.js";

/**
 * `gcdial call --wait`: follow a placed call until it ends, printing each state change.
 */

/**
 * How long `--wait` follows a call. A real call can last long; the limit only keeps a forgotten
 * terminal from polling for days. The call itself goes on when gcdial stops following it.
 */
const FOLLOW_TIMEOUT_MS = 4 * 60 * 60 * 1000;

export interface FollowOptions {
  /** Milliseconds clock for the elapsed times printed; default `performance.now`. */
  now?: () => number;
  timeoutMs?: number;
}

/**
 * Follow a call until it ends. Returns exit code 0 when the far end connected at some point and
 * 1 when the call ended without connecting (busy, not picked up, failed).
 */
export async function followCall(
  client: GenesysClient,
  placed: PlacedCall,
  out: CallOutput,
  sender: string | undefined,
  options: FollowOptions = {},
): Promise<ExitCode> {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  if (!out.json) {
    printPlacedCall(out, placed, sender);
    out.stdout.write(
      "Following the call until it ends (Ctrl-C stops following; the call goes on):\n",
    );
  }

  let lastLabel: string | undefined;
  let connected = false;
  const onState = (status: CallStatus): void => {
    connected ||= wasConnected(status);
    const label = describeState(status);
    if (label === lastLabel) {
      return;
    }

    lastLabel = label;
    if (!out.json) {
      const elapsedSec = ((now() - startedAt) / 1000).toFixed(1);
      out.stdout.write(`  ${elapsedSec.padStart(5)} s  ${label}\n`);
    }
  };

  const final = await client.calls.waitFor(placed.conversationId, {
    until: "ended",
    timeoutMs: options.timeoutMs ?? FOLLOW_TIMEOUT_MS,
    onState,
  });
  connected ||= wasConnected(final);

  const end: CallEndState = { state: final.remote?.state ?? final.phase, connected };
  if (final.remote?.disconnectType !== undefined) {
    end.disconnectType = final.remote.disconnectType;
  }

  if (out.json) {
    writeJson(out.stdout, placedCallJson(placed, end));
  } else {
    out.stdout.write(
      `${connected ? "The call connected and has ended." : `The call ended without connecting${end.disconnectType === undefined ? "" : ` (disconnect type ${end.disconnectType})`}.`}\n`,
    );
  }

  return connected ? ExitCode.ok : ExitCode.failure;
}

/** Describe the far end's state, with the disconnect type once it has ended. */
function describeState(status: CallStatus): string {
  const state = status.remote?.state ?? status.phase;
  const disconnectType = status.remote?.disconnectType;
  return disconnectType === undefined ? state : `${state} (disconnect type ${disconnectType})`;
}

/**
 * Tell whether the far end was connected: seen in this poll, or recorded as `connectedTime` on
 * its participant, which catches a short call that connected and ended between two polls.
 */
function wasConnected(status: CallStatus): boolean {
  if (status.phase === "connected") {
    return true;
  }

  const far = farEnd(status.conversation.participants);
  return typeof far?.connectedTime === "string" && far.connectedTime !== "";
}

// The far end as the client's call status finds it: the first participant with a far-end
// purpose (CallMediaParticipant.purpose), else the last one.
const FAR_END_PURPOSES = ["external", "customer", "acd", "agent"];

function farEnd(participants: CallParticipant[]): CallParticipant | undefined {
  for (const purpose of FAR_END_PURPOSES) {
    const found = participants.find((participant) => participant.purpose === purpose);
    if (found !== undefined) {
      return found;
    }
  }

  return participants.length > 1 ? participants.at(-1) : undefined;
}
