import { ROW_STATES, SKIP_REASONS } from "./types.js";

/**
 * Schema version stored in `PRAGMA user_version`. Bump it with every change to the tables; an
 * older gcdial then rejects the journal instead of misreading it.
 */
export const JOURNAL_SCHEMA_VERSION = 1;

const stateList = ROW_STATES.map((state) => `'${state}'`).join(", ");
const reasonList = SKIP_REASONS.map((reason) => `'${reason}'`).join(", ");

/** Tables of a new journal. `run` has exactly one row; `rows` has one row per input line. */
export const JOURNAL_SCHEMA_SQL = `
CREATE TABLE run (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  run_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  phase TEXT NOT NULL CHECK (phase IN ('validating', 'ready')),
  options_json TEXT NOT NULL,
  owner_pid INTEGER
);

CREATE TABLE rows (
  line INTEGER PRIMARY KEY,
  input TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN (${stateList})),
  kind TEXT,
  address TEXT,
  extension TEXT,
  address_key TEXT,
  time_zone TEXT,
  skip_reason TEXT CHECK (skip_reason IS NULL OR skip_reason IN (${reasonList})),
  duplicate_of_line INTEGER,
  conversation_id TEXT,
  correlation_id TEXT,
  error_code TEXT,
  error_message TEXT,
  error_hint TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  CHECK ((state = 'skipped') = (skip_reason IS NOT NULL))
);

CREATE INDEX rows_by_state ON rows (state);
`;
