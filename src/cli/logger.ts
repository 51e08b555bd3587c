import { createLogger, type Logger } from "../genesys/logger.js";
import { maskCredentialPatterns } from "../genesys/masking.js";

/**
 * The CLI's stderr sink for `--verbose`, and the masking every line of CLI error output goes
 * through.
 */

/** Secrets shorter than this are not masked by value: masking "a" would garble every line. */
const MIN_SECRET_LENGTH = 6;

/**
 * Replace every listed secret with `***`, then every credential-shaped value (an Authorization
 * value, an OAuth token field) whose value was not known in advance.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) {
      continue;
    }

    redacted = redacted.split(secret).join("***");
  }

  return maskCredentialPatterns(redacted);
}

export interface CliLoggerOptions {
  /** `--verbose`: log every attempt; otherwise only retries and errors. */
  verbose: boolean;
  stderr: NodeJS.WritableStream;
  /** Values to mask by value on top of the credential shapes, such as the client secret. */
  secrets: readonly string[];
}

/**
 * Create the logger the CLI gives the Genesys client: masked lines on stderr. The client's logger
 * masks phone numbers and credential shapes, and known secrets are masked here once more.
 * Without `--verbose`, an attempt's line is shown only when a retry follows it, because a failed
 * request is reported once, by the command's error message.
 */
export function createCliLogger(options: CliLoggerOptions): Logger {
  const write = (line: string) => options.stderr.write(`${redactSecrets(line, options.secrets)}\n`);
  if (options.verbose) {
    return createLogger({ level: "debug", write });
  }

  const inner = createLogger({ level: "warn", write, timestamps: false });
  return {
    level: "warn",
    error: (message, fields) => inner.error(message, fields),
    warn: (message, fields) => {
      // The transport's attempt lines carry `attempt`; `next: "retry"` marks one a retry follows.
      const isAttempt = fields?.attempt !== undefined;
      if (!isAttempt || fields?.next === "retry") {
        inner.warn(message, fields);
      }
    },
    info: () => {},
    debug: () => {},
  };
}
