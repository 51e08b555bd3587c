// One timed run of the per-call cost benchmark, in its own process so that each client starts
// cold: log in, place `count` calls on behalf of a user with `concurrency` in flight, print
// {"wallMs", "cpuMs", "placed"} as JSON, where cpuMs is this process's user + system CPU time. The settings come as JSON in BENCH_CALLS_RUN.
//   client "sdk":            purecloud-platform-client-v2, postConversationsCallsUserUserId
//   client "gcdial":         GenesysClient.calls.place
//   client "gcdial-journal": the same, with each call journalled (claim, then markPlaced)
import { rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const settings = JSON.parse(process.env.BENCH_CALLS_RUN ?? "{}");

/** Distinct valid North American numbers: +1 201 555 0000, +1 201 555 0001, ... */
function phoneNumberFor(index) {
  return `+1201555${String(index).padStart(4, "0")}`;
}

async function runPool(count, concurrency, placeOne) {
  let next = 0;
  let placed = 0;
  async function worker() {
    while (next < count) {
      const index = next;
      next += 1;
      await placeOne(index);
      placed += 1;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  return placed;
}

async function createSdkCaller() {
  const { default: platformClient } = await import("purecloud-platform-client-v2");
  const apiClient = platformClient.ApiClient.instance;
  const { hostname, port, protocol } = new URL(settings.url);
  // The SDK's gateway option sends login and API requests to one host instead of
  // login.<region> and api.<region> (configuration.js, setGateway, in SDK 262.0.0).
  apiClient.setGateway({
    host: hostname,
    protocol: protocol.replace(":", ""),
    port: Number(port),
    path_params_login: "",
    path_params_api: "",
  });
  const conversations = new platformClient.ConversationsApi();
  return {
    login: () => apiClient.loginClientCredentialsGrant(settings.clientId, settings.clientSecret),
    placeOne: (index) =>
      conversations.postConversationsCallsUserUserId(settings.userId, {
        phoneNumber: phoneNumberFor(index),
      }),
  };
}

async function createGcdialCaller() {
  const { GenesysClient } = await import(join(repoRoot, "dist", "index.js"));
  const client = new GenesysClient({
    region: settings.url,
    credentials: { clientId: settings.clientId, clientSecret: settings.clientSecret },
  });
  const place = (index) =>
    client.calls.place({ to: phoneNumberFor(index), asUser: settings.userId });
  if (settings.client !== "gcdial-journal") {
    return { login: async () => {}, placeOne: place };
  }

  const journal = await openJournal();
  return {
    login: async () => {},
    placeOne: async (index) => {
      const line = index + 2;
      if (!journal.claim(line, ["pending"])) {
        throw new Error(`journal line ${line} was not pending`);
      }
      const call = await place(index);
      journal.markPlaced(line, call.conversationId, call.correlationId);
    },
    close: () => journal.close(),
  };
}

/** Create a journal with one pending row per call, as a bulk run's validation would. */
async function openJournal() {
  const { Journal } = await import(join(repoRoot, "dist", "bulk", "journal.js"));
  rmSync(settings.journalPath, { force: true });
  rmSync(`${settings.journalPath}-wal`, { force: true });
  rmSync(`${settings.journalPath}-shm`, { force: true });
  const journal = Journal.create(settings.journalPath, {
    runId: `bench-${process.pid}`,
    options: {
      file: "bench",
      column: "phone",
      call: { asUser: settings.userId },
      concurrency: settings.concurrency,
      ratePerMinute: 1_000_000,
    },
  });
  const rows = Array.from({ length: settings.count }, (_, index) => {
    const number = phoneNumberFor(index);
    return {
      line: index + 2,
      input: number,
      state: "pending",
      kind: "phone",
      address: number,
      addressKey: number,
    };
  });
  journal.insertRows(rows);
  return journal;
}

const caller = settings.client === "sdk" ? await createSdkCaller() : await createGcdialCaller();
const startMs = performance.now();
const startCpu = process.cpuUsage();
await caller.login();
const placed = await runPool(settings.count, settings.concurrency, caller.placeOne);
const wallMs = performance.now() - startMs;
const cpu = process.cpuUsage(startCpu);
caller.close?.();
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(`${JSON.stringify({ wallMs, cpuMs, placed })}\n`);
