import { DROPPED, type Dropped, fetchFailedError } from "./dropped-connection.js";

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

/**
 * Builds a `fetch` that calls the emulator in-process. It honours the request's abort signal the way
 * Node's fetch does (rejecting with the signal's reason, e.g. an AbortError or TimeoutError) and
 * turns a dropped connection into undici's `TypeError("fetch failed")`. An aborted request may
 * still take effect, as it may on a real server.
 */
export function inProcessFetch(
  dispatch: (request: Request) => Promise<Response | Dropped>,
): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const { signal } = request;
    if (signal.aborted) {
      throw abortReason(signal);
    }

    const answer = dispatch(request).then((outcome) => {
      if (outcome === DROPPED) {
        throw fetchFailedError();
      }
      return outcome;
    });
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(abortReason(signal));
      signal.addEventListener("abort", onAbort, { once: true });
      answer.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  };
}
