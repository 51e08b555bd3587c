import { once } from "node:events";

/** Characters gathered before a write; large enough to make a million small lines cheap. */
const FLUSH_AT_CHARS = 64 * 1024;

/**
 * Collects output text and writes it in large pieces, waiting for `drain` when the stream's buffer
 * is full, so a long run's memory stays flat however slowly stdout is read. A closed pipe (EPIPE,
 * as when piping into `head`) ends writing quietly and sets `closed`. Any other write error is
 * thrown by the next `write` or `flush`.
 */
export class BufferedWriter {
  private pending = "";
  private broken = false;
  private failure: Error | undefined;

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on("error", (error: NodeJS.ErrnoException) => this.recordError(error));
  }

  /** True once the reader went away; callers may stop producing output. */
  get closed(): boolean {
    return this.broken;
  }

  /** Adds text; writes when enough has gathered, waiting while the stream is full. */
  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= FLUSH_AT_CHARS) {
      await this.flush();
    }
  }

  /** Writes everything gathered so far. */
  async flush(): Promise<void> {
    if (this.failure !== undefined) {
      throw this.failure;
    }

    const text = this.pending;
    this.pending = "";
    if (text.length === 0 || this.broken) {
      return;
    }

    if (this.stream.write(text)) {
      return;
    }

    try {
      await Promise.race([once(this.stream, "drain"), once(this.stream, "close")]);
    } catch (error) {
      this.recordError(error as NodeJS.ErrnoException);
      if (this.failure !== undefined) {
        throw this.failure;
      }
    }
  }

  private recordError(error: NodeJS.ErrnoException): void {
    if (error.code === "EPIPE") {
      this.broken = true;
      return;
    }

    this.failure = error;
  }
}
