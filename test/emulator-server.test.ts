import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, test } from "vitest";
import { DEMO_IDS, type EmulatorServer, startEmulatorServer } from "../src/emulator/index.js";

const SECRET = "test-secret-for-the-demo-client";
const BASIC = `Basic ${Buffer.from(`${DEMO_IDS.clientId}:${SECRET}`).toString("base64")}`;

let server: EmulatorServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function loginAnswer(
  url: string,
  authorization = BASIC,
): Promise<{ access_token: string; expires_in: number }> {
  const response = await fetch(`${url}/oauth/token`, {
    method: "POST",
    headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string; expires_in: number };
}

async function login(url: string): Promise<string> {
  return (await loginAnswer(url)).access_token;
}

function createCall(url: string, token: string): Promise<Response> {
  return fetch(`${url}/api/v2/conversations/calls/user/${DEMO_IDS.alice}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ phoneNumber: "+12015550123" }),
  });
}

describe("startEmulatorServer", () => {
  test("serves login and API on 127.0.0.1", async () => {
    const logged: Array<{
      method: string;
      path: string;
      status: number | null;
      durationMs: number;
    }> = [];
    server = await startEmulatorServer({
      clientSecret: SECRET,
      onRequest: (entry) => logged.push(entry),
    });
    const token = await login(server.url);
    const created = await createCall(server.url, token);
    const body = (await created.json()) as { id: string };
    const read = await fetch(`${server.url}/api/v2/conversations/calls/${body.id}`, {
      headers: { Authorization: `bearer ${token}` },
    });

    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(created.status).toBe(200);
    expect(created.headers.get("inin-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.get("inin-ratelimit-allowed")).toBe("300");
    expect(read.status).toBe(200);
    expect(logged.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
      "POST /oauth/token 200",
      `POST /api/v2/conversations/calls/user/${DEMO_IDS.alice} 200`,
      `GET /api/v2/conversations/calls/${body.id} 200`,
    ]);
    expect(logged.every((entry) => entry.durationMs >= 0)).toBe(true);
  });

  test("dropped connection after the call was created", async () => {
    server = await startEmulatorServer({ clientSecret: SECRET });
    const token = await login(server.url);
    server.emulator.addFault({
      method: "POST",
      path: "/api/v2/conversations/calls/user/*",
      drop: "after",
    });

    const failure = await createCall(server.url, token).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe("fetch failed");
    expect((failure as { cause?: { code?: string } }).cause?.code).toBe("UND_ERR_SOCKET");
    expect(server.emulator.calls()).toHaveLength(1);
    expect(server.emulator.requests().at(-1)?.status).toBeNull();
    expect((await createCall(server.url, token)).status).toBe(200);
  });

  test("dropped connection before the call was created", async () => {
    server = await startEmulatorServer({ clientSecret: SECRET });
    const token = await login(server.url);
    server.emulator.addFault({
      method: "POST",
      path: "/api/v2/conversations/calls/user/*",
      drop: "before",
    });

    await expect(createCall(server.url, token)).rejects.toThrow("fetch failed");
    expect(server.emulator.calls()).toHaveLength(0);
  });

  test("control plane over HTTP", async () => {
    server = await startEmulatorServer();
    const response = await fetch(`${server.url}/__emulator/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ userId: DEMO_IDS.alice }),
    });
    const { access_token } = (await response.json()) as { access_token: string };
    const created = await fetch(`${server.url}/api/v2/conversations/calls`, {
      method: "POST",
      headers: { Authorization: `Bearer ${access_token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ phoneNumber: "tel:+442079460150" }),
    });

    expect(created.status).toBe(200);
  });

  test("close stops listening", async () => {
    const stopped = await startEmulatorServer();
    await stopped.close();

    const failure = await fetch(`${stopped.url}/__emulator/settings`).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((failure as { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
  });
});

describe("gcdial emulator command", () => {
  const main = "dist/cli/main.js";

  test("prints its URL, serves login, stops on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      [main, "emulator", "--port", "0", "--rate-limit", "50", "--token-ttl", "120"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const stderr: string[] = [];
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );

    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      child.once("exit", () => reject(new Error(`exited before printing: ${stderr.join("")}`)));
    });
    const ready = JSON.parse(first) as {
      url: string;
      clientId: string;
      clientSecret: string;
      users: Array<{ id: string; email: string; station: unknown }>;
      queues: Array<{ id: string; name: string }>;
    };

    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.clientId).toBe(DEMO_IDS.clientId);
    expect(ready.users.map((user) => user.email)).toEqual(["alice@example.com", "bob@example.com"]);
    expect(ready.queues.map((queue) => queue.name)).toEqual(["Sales", "Support"]);

    const authorization = `Basic ${Buffer.from(`${ready.clientId}:${ready.clientSecret}`).toString("base64")}`;
    const { access_token: token, expires_in } = await loginAnswer(ready.url, authorization);
    expect(expires_in).toBe(120);
    const queues = await fetch(`${ready.url}/api/v2/routing/queues`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(queues.headers.get("inin-ratelimit-allowed")).toBe("50");

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const log = stderr.join("");
    expect(log).toMatch(/POST \/oauth\/token 200 \d+ms/);
    expect(log).toMatch(/GET \/api\/v2\/routing\/queues 200 \d+ms/);
    expect(log).not.toContain(ready.clientSecret);
    expect(log).not.toContain(token);
  });

  test("stops on SIGINT with exit code 0", async () => {
    const child = spawn(process.execPath, [main, "emulator"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    const first = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout }).once("line", resolve),
    );

    expect(JSON.parse(first).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  test("bad port exits 2 with a clear message", async () => {
    const child = spawn(process.execPath, [main, "emulator", "--port", "http"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));

    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a whole number from 0 to 65535, not "http".');
  });
});
