/**
 * The root of every error gcdial throws. Catch `GcdialError` to handle them all; branch on
 * `code` (stable, documented in docs/errors.md) rather than on the message text.
 */
export class GcdialError extends Error {
  /** Stable, machine-readable code such as `phone.invalid` or `genesys.rate_limited`. */
  readonly code: string;
  /** Next step for the user, in plain words. */
  readonly hint: string | undefined;

  constructor(message: string, options: { code: string; hint?: string; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.hint = options.hint;
  }

  /** Returns a plain object for `--json` output and logs. Subclasses add their own fields. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, hint: this.hint };
  }
}
