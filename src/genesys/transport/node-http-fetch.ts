/**
 * A `fetch` over `node:http` and `node:https` with keep-alive agents: the client's default.
 * @module
 */

import http from "node:http";
import https from "node:https";

// Node 20's built-in fetch (undici) reads every response through web streams, which cost about a
// third of the client's CPU time per call in a profile of 1,000 creates against the emulator
// (bench/calls). This sends the same request with the classic HTTP client and buffers the
// response, so a call costs less. The client still takes any `fetch` through its `fetch` option.
//
// An idle keep-alive socket that the server closes just as a request is written to it fails with
// ECONNRESET, which for a create POST means "outcome unknown". So idle sockets are closed after
// 4 s, before the server's own idle timeout (5 s for Node's http server, and shorter still when the
// server's Keep-Alive header says so, which Node's agent reads only when `timeout` is set). 4 s is
// also undici's default keep-alive timeout.
const IDLE_SOCKET_TIMEOUT_MS = 4_000;

const agents = {
  "http:": new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_TIMEOUT_MS }),
  "https:": new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_TIMEOUT_MS }),
};

// Statuses whose response must not have a body, as the Fetch standard's Response requires.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Sends one request like `fetch` does for the client's needs: a method, headers, a string or
 * `URLSearchParams` body and an abort signal. Failures reject as Node's fetch does, with
 * `TypeError("fetch failed")` whose `cause` carries the system error code (`ECONNREFUSED`, ...),
 * and an abort rejects with the signal's reason.
 */
export function nodeHttpFetch(
  input: string | URL | Request,
  init: RequestInit = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    const protocol =
      url.protocol === "https:" || url.protocol === "http:" ? url.protocol : undefined;
    if (protocol === undefined) {
      reject(
        fetchFailed(new Error(`${url.protocol} URLs are not supported. Use http: or https:.`)),
      );
      return;
    }

    const signal = init.signal ?? undefined;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }

    const transport = protocol === "https:" ? https : http;
    const request = transport.request(url, {
      method: init.method ?? "GET",
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      agent: agents[protocol],
    });

    const onAbort = () => {
      request.destroy();
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const settle = () => signal?.removeEventListener("abort", onAbort);

    request.on("error", (error) => {
      settle();
      reject(fetchFailed(error));
    });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", (error) => {
        settle();
        reject(fetchFailed(error));
      });
      response.on("end", () => {
        settle();
        try {
          resolve(toResponse(response, Buffer.concat(chunks)));
        } catch (error) {
          // `Response` rejects a status outside 200-599, which no HTTP server should send.
          reject(fetchFailed(error));
        }
      });
    });

    request.end(bodyText(init.body));
  });
}

function toResponse(response: http.IncomingMessage, body: Buffer): Response {
  const status = response.statusCode ?? 0;
  const headers = new Headers();
  for (let index = 0; index + 1 < response.rawHeaders.length; index += 2) {
    headers.append(response.rawHeaders[index] as string, response.rawHeaders[index + 1] as string);
  }

  return new Response(NULL_BODY_STATUSES.has(status) ? null : body, {
    status,
    statusText: response.statusMessage ?? "",
    headers,
  });
}

function bodyText(body: RequestInit["body"]): string | undefined {
  if (body === undefined || body === null) {
    return undefined;
  }

  if (typeof body === "string" || body instanceof URLSearchParams) {
    return body.toString();
  }

  throw new TypeError("nodeHttpFetch sends string and URLSearchParams bodies only");
}

function fetchFailed(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}
