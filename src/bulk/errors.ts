import { GcdialError } from "../errors.js";

/**
 * A bad flag or option of a bulk command: the run does not start. The CLI exits with the usage
 * code (2).
 */
export class BulkUsageError extends GcdialError {}

/** A journal that cannot be created, opened or used; the CLI exits with the usage code (2). */
export class JournalError extends GcdialError {
  /** The journal file concerned. */
  readonly path: string;

  constructor(
    message: string,
    options: { code: string; hint?: string; path: string; cause?: unknown },
  ) {
    super(message, options);
    this.path = options.path;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), path: this.path };
  }
}
