import type { JournalRow, RowState, SkipReason } from "./types.js";

/** A `rows` record as SQLite returns it. */
export interface RowRecord {
  line: number;
  input: string;
  state: RowState;
  kind: string | null;
  address: string | null;
  extension: string | null;
  address_key: string | null;
  time_zone: string | null;
  skip_reason: SkipReason | null;
  duplicate_of_line: number | null;
  conversation_id: string | null;
  correlation_id: string | null;
  error_code: string | null;
  error_message: string | null;
  error_hint: string | null;
  attempts: number;
  updated_at: string;
}

export function fromRecord(record: RowRecord): JournalRow {
  return {
    line: record.line,
    input: record.input,
    state: record.state,
    kind: record.kind ?? undefined,
    address: record.address ?? undefined,
    extension: record.extension ?? undefined,
    addressKey: record.address_key ?? undefined,
    timeZone: record.time_zone ?? undefined,
    skipReason: record.skip_reason ?? undefined,
    duplicateOfLine: record.duplicate_of_line ?? undefined,
    conversationId: record.conversation_id ?? undefined,
    correlationId: record.correlation_id ?? undefined,
    errorCode: record.error_code ?? undefined,
    errorMessage: record.error_message ?? undefined,
    errorHint: record.error_hint ?? undefined,
    attempts: record.attempts,
    updatedAt: record.updated_at,
  };
}
