import { afterEach, describe, expect, test } from "vitest";
import { type EmulatorServer, startEmulatorServer } from "../src/emulator/index.js";
import { nodeHttpFetch } from "../src/genesys/transport/node-http-fetch.js";

let server: EmulatorServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function login(running: EmulatorServer): Promise<Response> {
  const { clientId, clientSecret } = running.emulator.demo;
  return nodeHttpFetch(`${running.url}/oauth/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "client_credentials" }),
  });
}

describe("nodeHttpFetch", () => {
  test("posts a form and reads JSON", async () => {
    server = await startEmulatorServer({ port: 0 });

    const response = await login(server);

    expect(response.status).toBe(200);
    expect(response.headers.get("inin-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toMatchObject({ token_type: "bearer" });
  });

  test("returns no body for 204", async () => {
    server = await startEmulatorServer({ port: 0 });
    const { access_token: token } = (await (await login(server)).json()) as {
      access_token: string;
    };

    const response = await nodeHttpFetch(`${server.url}/api/v2/tokens/me`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  test("rejects with the reason of an earlier abort", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stopped before sending"));

    await expect(
      nodeHttpFetch("http://127.0.0.1:9/", { signal: controller.signal }),
    ).rejects.toThrow("stopped before sending");
  });

  test("aborts a request in flight", async () => {
    server = await startEmulatorServer({ port: 0 });
    server.emulator.addFault({ method: "GET", path: "/api/v2/users/me", delayMs: 5_000 });
    const controller = new AbortController();

    const pending = nodeHttpFetch(`${server.url}/api/v2/users/me`, { signal: controller.signal });
    controller.abort(new Error("timed out in the test"));

    await expect(pending).rejects.toThrow("timed out in the test");
  });

  test("reports a refused connection as fetch does", async () => {
    const stopped = await startEmulatorServer({ port: 0 });
    await stopped.close();

    const error = await nodeHttpFetch(`${stopped.url}/oauth/token`).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe("fetch failed");
    expect(((error as TypeError).cause as { code?: string }).code).toBe("ECONNREFUSED");
  });

  test("rejects a scheme other than http and https", async () => {
    await expect(nodeHttpFetch("ftp://127.0.0.1/file")).rejects.toThrow("fetch failed");
  });
});
