import type { CallPlan, CreateCallRequest, PlacedCall } from "../genesys/types.js";

/**
 * Output of `gcdial call` on stdout: plain sentences for a person, or one JSON object per call
 * with `--json`.
 */

export interface CallOutput {
  stdout: NodeJS.WritableStream;
  json: boolean;
}

/** A directory look-up a dry run without credentials could not make. */
export interface SkippedLookup {
  /** The argument or flag the address came from: `TO`, `--from`, `--as` or `--from-queue`. */
  field: string;
  kind: "user" | "queue" | "contact";
  /** The email, name or id as given. */
  value: string;
  /** The text standing in for the looked-up id in the printed request. */
  placeholder: string;
}

export function writeJson(stream: NodeJS.WritableStream, value: unknown): void {
  stream.write(`${JSON.stringify(value)}\n`);
}

/**
 * Print the request a dry run would send: endpoint and body, exactly as they would go out.
 * `offline` marks a plan made without credentials, which assumes a user's access token.
 */
export function printCallPlan(
  out: CallOutput,
  plan: CallPlan,
  skipped: SkippedLookup[],
  offline = false,
): void {
  if (out.json) {
    const value: Record<string, unknown> = { endpoint: plan.endpoint, body: plan.body };
    if (skipped.length > 0) {
      value.skippedLookups = skipped;
    }

    writeJson(out.stdout, value);
    return;
  }

  const lines = [
    "Dry run: nothing was sent. gcdial would send this request:",
    `${plan.endpoint.method} ${plan.endpoint.path}`,
    JSON.stringify(plan.body, null, 2),
  ];
  if (offline && !plan.endpoint.path.includes("/user/")) {
    lines.push(
      "",
      "No credentials are configured, so this is the request for a user's access token; with client credentials, gcdial needs --as and sends POST /api/v2/conversations/calls/user/{userId}.",
    );
  }

  if (skipped.length > 0) {
    lines.push("", "No credentials are configured, so these look-ups were skipped:");
    for (const lookup of skipped) {
      lines.push(
        `  ${lookup.kind} ${JSON.stringify(lookup.value)} (${lookup.field}) is shown as ${lookup.placeholder}`,
      );
    }
  }

  out.stdout.write(`${lines.join("\n")}\n`);
}

/** Print a placed call: the destination, the user it was placed for, the endpoint and its id. */
export function printPlacedCall(
  out: CallOutput,
  placed: PlacedCall,
  sender: string | undefined,
  state?: CallEndState,
): void {
  if (out.json) {
    writeJson(out.stdout, placedCallJson(placed, state));
    return;
  }

  const forWhom = sender === undefined ? " as the token's user" : ` on behalf of ${sender}`;
  const lines = [
    `Placed a call to ${describeDestination(placed.body)}${forWhom}.`,
    `  request: ${placed.endpoint.method} ${placed.endpoint.path}`,
    `  conversation id: ${placed.conversationId}`,
  ];
  out.stdout.write(`${lines.join("\n")}\n`);
}

/** End state of a followed call, for the `state` field of `--json` output. */
export interface CallEndState {
  /** The far end's last state, such as `disconnected`. */
  state: string;
  disconnectType?: string;
  /** Whether the far end was ever connected. */
  connected: boolean;
}

export function placedCallJson(placed: PlacedCall, state?: CallEndState): Record<string, unknown> {
  const value: Record<string, unknown> = {
    conversationId: placed.conversationId,
    endpoint: placed.endpoint,
    body: placed.body,
  };
  if (state !== undefined) {
    value.state = state.state;
    value.connected = state.connected;
    if (state.disconnectType !== undefined) {
      value.disconnectType = state.disconnectType;
    }
  }

  return value;
}

/** Name the destination of a request body in plain words. */
export function describeDestination(body: CreateCallRequest): string {
  if (body.phoneNumber !== undefined) {
    return body.phoneNumber;
  }

  if (body.callUserId !== undefined) {
    return `user ${body.callUserId}`;
  }

  if (body.callQueueId !== undefined) {
    return `queue ${body.callQueueId}`;
  }

  return "the destination";
}
