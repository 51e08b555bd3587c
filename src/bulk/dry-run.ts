import { maskPhoneNumbersInText } from "../address/index.js";
import type { PlaceCallOptions } from "../genesys/types.js";
import { isInsideWindow, localMinuteOfDay } from "./calling-window.js";
import type { Journal } from "./journal.js";
import type { RunOutput } from "./output.js";
import type { Clock } from "./pacing.js";
import { LINE_ATTRIBUTE, RUN_ID_ATTRIBUTE } from "./runner.js";
import type { BulkCallClient } from "./sender.js";
import type { CallingWindow } from "./types.js";

/**
 * Goes through every dialable row as a run would, but plans each call instead of placing it, so
 * the request body is built and checked and nothing is POSTed. Rows outside the calling window
 * are marked as a run would mark them, in the in-memory journal that is not kept.
 */
export async function dryRunRows(
  journal: Journal,
  context: {
    client: BulkCallClient | undefined;
    sender: Omit<PlaceCallOptions, "to"> | undefined;
    window: CallingWindow | undefined;
    clock: Clock;
    output: RunOutput;
  },
): Promise<void> {
  const runId = journal.runInfo().runId;
  if (context.client === undefined) {
    context.output.note(
      "No credentials are configured, so the calls are not planned (no look-ups).",
    );
  }

  for (const line of journal.dialableLines({ redialUnknown: false })) {
    const row = journal.row(line);
    if (row === undefined) {
      continue;
    }

    if (context.window !== undefined) {
      const zone = row.timeZone ?? "UTC";
      if (!isInsideWindow(context.window, localMinuteOfDay(context.clock.now(), zone))) {
        journal.markOutsideWindow(line, ["pending"]);
        context.output.row(journal.row(line) ?? row, undefined, {
          dialled: false,
          note: "outside_window",
        });
        continue;
      }
    }

    if (context.client !== undefined && context.sender !== undefined) {
      const attributes = { [RUN_ID_ATTRIBUTE]: runId, [LINE_ATTRIBUTE]: String(line) };
      try {
        await context.client.calls.plan({ ...context.sender, to: row.input, attributes });
      } catch (error) {
        const message = maskPhoneNumbersInText(
          error instanceof Error ? error.message : String(error),
        );
        context.output.note(`line ${line}: the call cannot be planned: ${message}`);
        continue;
      }
    }
    context.output.row(row, undefined, { dialled: false, note: "would_dial" });
  }
}
