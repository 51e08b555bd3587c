import type { Command } from "commander";
import { parseAddress } from "../../address/index.js";
import { type EmulatorServer, startEmulatorServer } from "../../emulator/index.js";
import { GenesysClient } from "../../genesys/index.js";
import type { ResponseInfo } from "../../genesys/types.js";
import { createDemoStyle, type DemoStyle, indentedStream } from "../demo-style.js";
import { ExitCode } from "../exit-codes.js";
import { followCall } from "../follow-call.js";
import {
  describeError,
  exitCodeFor,
  exitQuietlyOnClosedPipe,
  printError,
} from "../report-error.js";

/**
 * `gcdial demo`: a tour of gcdial against its emulator, started in this process on 127.0.0.1.
 * Nothing is sent anywhere else, and no configuration is read.
 */

export interface DemoIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
}

/** Call timing of the demo: long enough to see each state, short enough to keep the tour brief. */
const DEMO_CALL_TIMING = { dialingMs: 1_000, connectedMs: 1_500 };

/** The `Retry-After` of the scripted rate limit, in seconds. */
const RETRY_AFTER_SEC = 2;

const ALICE_EMAIL = "alice@example.com";
const DEMO_NUMBER = "+1 201 555 0123";

/** Addresses as people paste them, and the default country each is read with. */
const MESSY_ADDRESSES: ReadonlyArray<{ input: string; country?: string }> = [
  { input: "+1 (201) 555-0123" },
  { input: "011 44 20 7946 0018", country: "US" },
  { input: "(201) 555-0123 ext. 42", country: "US" },
  { input: "tel:+1-201-555-0123" },
  { input: "+1 201\u200b555 0123" },
  { input: "user:alice@example.com" },
  { input: "+1 201 555 012" },
];

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .summary("take a short tour of gcdial against its local emulator")
    .description(
      "Take a short tour of gcdial against its local emulator: addresses checked, a call placed and followed, a rate limit waited out, errors explained. Sends nothing outside this machine.",
    )
    .action(async () => {
      exitQuietlyOnClosedPipe(process.stdout);
      process.exitCode = await runDemo({
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
      });
    });
}

/** Run the tour; returns the exit code. */
export async function runDemo(io: DemoIO): Promise<ExitCode> {
  const style = createDemoStyle(io.stdout, io.env);
  const startedAt = performance.now();
  let server: EmulatorServer | undefined;
  try {
    server = await startEmulatorServer({ port: 0, settings: DEMO_CALL_TIMING });
    const say = (line = "") => io.stdout.write(`${line}\n`);

    say(style.heading("gcdial demo: a tour against the local Genesys Cloud emulator"));
    say(
      `The emulator listens on ${server.url} with a demo org (users Alice and Bob, queues Sales and Support).`,
    );
    say("Nothing in this tour leaves this machine.");

    showAddresses(say, style);
    await showCallOnBehalf(server, io, say, style);
    await showRateLimit(server, say, style);
    await showInvalidAddress(server, say, style);
    await showNeedsUser(server, say, style);

    const elapsedSec = ((performance.now() - startedAt) / 1000).toFixed(1);
    say();
    say(style.heading(`Done in ${elapsedSec} s.`));
    say(`Try it yourself: gcdial call "${DEMO_NUMBER}" --as user:${ALICE_EMAIL} --sandbox --wait`);
    return ExitCode.ok;
  } catch (error) {
    const secrets = server === undefined ? [] : [server.emulator.demo.clientSecret];
    printError(error, io.stderr, { secrets });
    return exitCodeFor(error);
  } finally {
    await server?.close();
  }
}

type Say = (line?: string) => void;

function showAddresses(say: Say, style: DemoStyle): void {
  say();
  say(style.heading("1. Checking addresses as people write them"));
  for (const { input, country } of MESSY_ADDRESSES) {
    const result = parseAddress(input, { defaultCountry: country });
    const quoted = quoteInput(input).padEnd(28);
    const withCountry = country === undefined ? "" : ` (default country ${country})`;
    if (!result.ok) {
      say(`   ${quoted} ${style.bad(`invalid [${result.error.code}]`)}: ${result.error.message}`);
      say(`   ${"".padEnd(28)} hint: ${result.error.hint}`);
      continue;
    }

    const parts = [`${result.kind} ${result.value}`];
    if (result.extension !== undefined) {
      parts.push(`extension ${result.extension}`);
    }

    if (result.by !== undefined) {
      parts.push(`to be looked up by ${result.by}`);
    }

    for (const removed of result.cleanup ?? []) {
      parts.push(`${removed.action} ${removed.codePoint} ${removed.description}`);
    }

    say(`   ${quoted} ${style.good(parts.join(", "))}${withCountry}`);
  }
}

async function showCallOnBehalf(
  server: EmulatorServer,
  io: DemoIO,
  say: Say,
  style: DemoStyle,
): Promise<void> {
  say();
  say(style.heading("2. A call on behalf of Alice, named by email, followed until it ends"));
  say(style.command(`   $ gcdial call "${DEMO_NUMBER}" --as user:${ALICE_EMAIL} --wait`));

  const client = demoClient(server);
  const placed = await client.calls.place({ to: DEMO_NUMBER, asUser: ALICE_EMAIL });
  const out = { stdout: indentedStream(io.stdout, "   "), json: false };
  const exitCode = await followCall(client, placed, out, ALICE_EMAIL);
  if (exitCode !== ExitCode.ok) {
    throw new Error(
      "the demo call ended without connecting; the emulator's call outcome setting was changed",
    );
  }
}

async function showRateLimit(server: EmulatorServer, say: Say, style: DemoStyle): Promise<void> {
  say();
  say(style.heading("3. A rate limit, waited out"));
  say(
    `   The emulator answers the next call request with HTTP 429 and Retry-After: ${RETRY_AFTER_SEC}.`,
  );

  const emulator = server.emulator;
  emulator.addFault({
    method: "POST",
    path: "/api/v2/conversations/calls/user/*",
    status: 429,
    headers: { "Retry-After": String(RETRY_AFTER_SEC) },
  });
  const requestsBefore = emulator.requests().length;
  const callsBefore = emulator.calls().length;

  const client = demoClient(server, {
    onResponse: (info) => {
      if (info.path.startsWith("/api/v2/conversations/calls")) {
        say(`   ${describeAttempt(info)}`);
      }
    },
    sleep: async (ms) => {
      say(
        `   gcdial waits ${(ms / 1000).toFixed(1)} s, as Genesys asked, and sends nothing meanwhile`,
      );
      await new Promise<void>((resolve) => setTimeout(resolve, ms));
    },
  });
  const placed = await client.calls.place({ to: DEMO_NUMBER, asUser: ALICE_EMAIL });

  const callPosts = emulator
    .requests()
    .slice(requestsBefore)
    .filter(
      (request) =>
        request.method === "POST" && request.path.startsWith("/api/v2/conversations/calls"),
    );
  const callsCreated = emulator.calls().length - callsBefore;
  say(`   Placed: conversation id ${placed.conversationId}.`);
  say(
    style.good(
      `   The emulator received ${callPosts.length} call requests and created ${callsCreated} call.`,
    ),
  );
}

async function showInvalidAddress(
  server: EmulatorServer,
  say: Say,
  style: DemoStyle,
): Promise<void> {
  say();
  say(style.heading("4. An invalid address, explained before anything is sent"));
  const spreadsheetNumber = "1.2015550123E+10";
  say(style.command(`   $ gcdial call "${spreadsheetNumber}" --as user:${ALICE_EMAIL}`));
  await showRefusal(server, say, style, { to: spreadsheetNumber, asUser: ALICE_EMAIL });
}

async function showNeedsUser(server: EmulatorServer, say: Say, style: DemoStyle): Promise<void> {
  say();
  say(style.heading("5. The not.a.user trap: client credentials and no user to call as"));
  say(style.command(`   $ gcdial call "${DEMO_NUMBER}"`));
  await showRefusal(server, say, style, { to: DEMO_NUMBER });
}

/** Try a call that gcdial refuses, print the error as the CLI does, and show nothing was sent. */
async function showRefusal(
  server: EmulatorServer,
  say: Say,
  style: DemoStyle,
  options: { to: string; asUser?: string },
): Promise<void> {
  const requestsBefore = server.emulator.requests().length;
  try {
    await demoClient(server).calls.place(options);
  } catch (error) {
    const [first, ...rest] = describeError(error);
    say(`   ${style.bad(first ?? "")}`);
    for (const line of rest) {
      say(`   ${line}`);
    }

    const sent = server.emulator.requests().length - requestsBefore;
    say(style.good(`   Requests that reached the emulator: ${sent}.`));
    return;
  }

  throw new Error(
    `the demo expected gcdial to refuse ${JSON.stringify(options.to)}, but the call was placed`,
  );
}

function demoClient(
  server: EmulatorServer,
  extra: { onResponse?: (info: ResponseInfo) => void; sleep?: (ms: number) => Promise<void> } = {},
): GenesysClient {
  const demo = server.emulator.demo;
  return new GenesysClient({
    region: server.url,
    credentials: { clientId: demo.clientId, clientSecret: demo.clientSecret },
    ...(extra.sleep === undefined ? {} : { sleep: extra.sleep }),
    hooks: extra.onResponse === undefined ? {} : { onResponse: extra.onResponse },
  });
}

/** Quote an input, with invisible characters written as `\\u` escapes so the reader sees them. */
function quoteInput(input: string): string {
  const escaped = input.replace(
    /[\p{Cf}\p{Cc}\u00a0]/gu,
    (character) => `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
  );
  return `"${escaped}"`;
}

function describeAttempt(info: ResponseInfo): string {
  const outcome = info.status === 429 ? "429 Too Many Requests" : String(info.status);
  return `attempt ${info.attempt}: ${info.method} ${info.path} answered ${outcome}`;
}
