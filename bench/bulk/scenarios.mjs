// The bulk pace scenarios. Sizes are chosen so that the whole `npm run bench` stays under ten
// minutes on 2 cores with five runs each: 2,000 rows at 600/min alone would take 200 s a run.
// 6,000/min is the highest --rate that `gcdial bulk run` accepts.

/** Achieved pace over configured pace must fall in this range. */
export const paceGoal = { min: 0.97, max: 1.05 };

/** Body of the scripted 429, shaped like Genesys's normalised 429 ErrorBody. */
const rateLimitedBody = {
  message:
    "Rate limit exceeded the maximum. Retry the request after the time in the Retry-After header.",
  code: "too.many.requests.retry.after",
  status: 429,
  details: [],
  errors: [],
};

const stormRetryAfterSec = 1;

export const bulkScenarios = [
  {
    id: "fast",
    label: "2,000 rows at 6,000/min",
    rows: 2000,
    ratePerMinute: 6000,
    emulatorRateLimitPerMinute: 6000,
    why: "The full 2,000 rows at gcdial's highest rate, 100 calls a second (20 s a run), where timer and event-loop delays show most.",
  },
  {
    id: "slow",
    label: "60 rows at 600/min",
    rows: 60,
    ratePerMinute: 600,
    emulatorRateLimitPerMinute: 600,
    why: "A slower pace, one call every 100 ms, kept to 60 rows (6 s a run) for the time budget.",
  },
  {
    id: "storm",
    label: "429 storm, 300 rows at 6,000/min",
    rows: 300,
    ratePerMinute: 6000,
    emulatorRateLimitPerMinute: 6000,
    why: "Tests that every worker waits out each Retry-After.",
    storm: {
      afterCalls: 100,
      retryAfterSec: stormRetryAfterSec,
      fault: {
        method: "POST",
        path: "/api/v2/conversations/calls/*",
        times: 3,
        status: 429,
        headers: { "Retry-After": String(stormRetryAfterSec) },
        body: rateLimitedBody,
      },
    },
  },
];
