// Read figures out of the emulator's request log (GET /__emulator/requests): entries
// `{ at: ISO time, method, path, status }`, in the order the emulator responded to them.

const createCallPath = "/api/v2/conversations/calls";

function entriesOf(listing) {
  const entries = Array.isArray(listing) ? listing : (listing.requests ?? listing.entries ?? []);
  return entries
    .filter((entry) => !entry.path.startsWith("/__emulator"))
    .map((entry) => ({ ...entry, atMs: Date.parse(entry.at) }));
}

/** Return calls per minute between the first and the last of the sorted `times`. */
function paceOf(times) {
  const spanMs = times.length > 1 ? times[times.length - 1] - times[0] : 0;
  return spanMs > 0 ? ((times.length - 1) * 60_000) / spanMs : Number.NaN;
}

function isCreateCall(entry) {
  return entry.method === "POST" && entry.path.startsWith(createCallPath);
}

/**
 * Return the successful create-call POSTs, the achieved pace in calls per minute between the
 * first and the last of them, and the number of 429 responses.
 */
export function analyseRequests(listing) {
  const entries = entriesOf(listing);
  const placedCalls = entries.filter((entry) => isCreateCall(entry) && entry.status === 200);
  const times = placedCalls.map((entry) => entry.atMs).sort((a, b) => a - b);
  return {
    placedCalls,
    pacePerMinute: paceOf(times),
    // The same without the first tenth of the calls, to show whether a start-up burst or a slow
    // start moves the overall figure.
    laterPacePerMinute: paceOf(times.slice(Math.floor(times.length / 10))),
    rateLimited: entries.filter((entry) => entry.status === 429).length,
  };
}

/**
 * Read how long each 429 took as the client saw it (from sending the request to reading the
 * response), from the `status=429 durationMs=N` fields of gcdial's retry log lines on stderr.
 */
export function readClientRateLimitDurations(stderr) {
  return [...(stderr ?? "").matchAll(/status=429\b.*?\bdurationMs=(\d+)/g)].map((match) =>
    Number(match[1]),
  );
}

/**
 * How long after a 429 a request still counts as already in flight when gcdial logged no
 * duration for that 429. On a loaded 2-core machine a local request takes up to a few tens of
 * milliseconds.
 */
export const defaultInFlightMs = 50;

/**
 * Allowance for the emulator's receive times and the client's durations coming from two
 * processes: a request's transit to the emulator (send, read of its body) varies by a few
 * milliseconds between requests on a loaded machine.
 */
export const transitToleranceMs = 5;

/**
 * For each 429, count the API requests the emulator received during its Retry-After but after
 * the client can have read the 429: later than the 429's arrival plus the client's own duration
 * for that request (`clientDurationsMs`, in log order). Requests before that point were already
 * on their way and are counted apart, and so are those within `transitToleranceMs` after it
 * (`requestsNearReadTime`). Also measure the gap from the 429 to the next request after that.
 */
export function analyseStorm(listing, storm, clientDurationsMs = []) {
  const entries = entriesOf(listing);
  const retryAfterMs = storm.retryAfterSec * 1000;
  let stormResponses = 0;
  let requestsInFlight = 0;
  let requestsNearReadTime = 0;
  let requestsDuringRetryAfter = 0;
  const gapsMs = [];
  entries.forEach((rejection, index) => {
    if (rejection.status !== 429) {
      return;
    }
    const inFlightMs = clientDurationsMs[stormResponses] ?? defaultInFlightMs;
    stormResponses += 1;
    // `at` is when the emulator received a request, and the log is in the order of the responses.
    const later = entries.slice(index + 1).filter((entry) => entry.atMs >= rejection.atMs);
    const readAtMs = rejection.atMs + inFlightMs;
    const knownAtMs = readAtMs + transitToleranceMs;
    requestsInFlight += later.filter((entry) => entry.atMs <= readAtMs).length;
    requestsNearReadTime += later.filter(
      (entry) => entry.atMs > readAtMs && entry.atMs <= knownAtMs,
    ).length;
    const afterKnown = later.filter((entry) => entry.atMs > knownAtMs);
    requestsDuringRetryAfter += afterKnown.filter(
      (entry) => entry.atMs < rejection.atMs + retryAfterMs,
    ).length;
    if (afterKnown.length > 0) {
      gapsMs.push(Math.min(...afterKnown.map((entry) => entry.atMs)) - rejection.atMs);
    }
  });
  return {
    stormResponses,
    clientDurationsMs,
    requestsInFlight,
    requestsNearReadTime,
    requestsDuringRetryAfter,
    gapsMs,
  };
}
