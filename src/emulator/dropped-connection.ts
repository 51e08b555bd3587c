/** Outcome of a request whose connection the emulator closes without a response. */
export const DROPPED = Symbol("dropped connection");
export type Dropped = typeof DROPPED;

/**
 * The error Node's fetch (undici) rejects with when the server closes the connection before
 * responding: a TypeError "fetch failed" whose cause has code `UND_ERR_SOCKET`.
 */
export function fetchFailedError(): TypeError {
  const cause = Object.assign(new Error("other side closed"), {
    name: "SocketError",
    code: "UND_ERR_SOCKET",
  });
  return new TypeError("fetch failed", { cause });
}
