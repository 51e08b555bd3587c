import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DROPPED } from "./dropped-connection.js";
import { createEmulator, dispatcherOf, type Emulator } from "./emulator.js";
import type { EmulatorOptions } from "./types.js";

export interface EmulatorServer {
  /** Base URL of both the login and the API paths, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  emulator: Emulator;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

async function toRequest(message: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) {
    chunks.push(chunk as Buffer);
  }

  const headers = new Headers();
  for (let index = 0; index + 1 < message.rawHeaders.length; index += 2) {
    headers.append(message.rawHeaders[index] ?? "", message.rawHeaders[index + 1] ?? "");
  }
  const method = message.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD" && chunks.length > 0;
  return new Request(new URL(message.url ?? "/", origin), {
    method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : null,
  });
}

async function writeResponse(response: Response, out: ServerResponse): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  out.writeHead(response.status, headers);
  out.end(body);
}

/**
 * Serves an emulator over HTTP on 127.0.0.1 only (port 0 picks a free port). Login and API share
 * the origin: `{url}/oauth/token`, `{url}/api/v2/...`, and the control plane `{url}/__emulator/...`.
 * A dropped-connection fault destroys the socket without writing a response.
 */
export async function startEmulatorServer(
  options: EmulatorOptions & { port?: number } = {},
): Promise<EmulatorServer> {
  const emulator = createEmulator(options);
  const dispatch = dispatcherOf(emulator);
  let origin = "http://127.0.0.1";

  const server = createServer((message, out) => {
    toRequest(message, origin)
      .then(dispatch)
      .then((outcome) =>
        outcome === DROPPED ? void message.socket.destroy() : writeResponse(outcome, out),
      )
      .catch(() => {
        // The dispatcher turns every handler error into a response; this catches malformed HTTP input.
        if (!out.headersSent) {
          out.writeHead(400, { "Content-Type": "application/json" });
        }
        out.end(
          JSON.stringify({
            code: "bad.request",
            message: "The request could not be read.",
            status: 400,
          }),
        );
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    port,
    emulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
