/** Milliseconds since the epoch, injected so tests control time. */
export type Clock = { now(): number };
export type Sleep = (ms: number) => Promise<void>;

/**
 * Default pace of a bulk run: 120 calls a minute. Each row costs one create POST, and the
 * sender is looked up once per run. So 120 a minute leaves more than half of a 300-a-minute
 * token budget for token renewals, `gcdial call --wait` polls and other tools that share the
 * OAuth client. It also stays under the 180 a minute that an official Genesys example
 * shows as `inin-ratelimit-allowed` for one resource.
 */
export const DEFAULT_RATE_PER_MINUTE = 120;

/**
 * Requests a minute per token (`token.rate.per.minute`) in the Genesys Cloud limits table.
 * NOTE: this figure comes from third-party copies of that table. Per-resource limits differ,
 * which is why the pace also follows the `inin-ratelimit-allowed` header of each response.
 */
export const GENESYS_DEFAULT_LIMIT_PER_MINUTE = 300;

/** The bucket contains at most this much of the rate, so a burst lasts about one second. */
const BURST_SECONDS = 1;

/** Above this share of `inin-ratelimit-allowed`, the pace slows down. */
const SLOWDOWN_USAGE = 0.8;

/**
 * A token bucket shared by every worker of a run: `take()` resolves when one call may start.
 * Callers are served in order, one at a time, so the pace stays the same however many workers wait.
 */
export class TokenBucket {
  private readonly ratePerMinute: number;
  private readonly capacity: number;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private tokens: number;
  private refilledAtMs: number;
  private limitPerMinute = Number.POSITIVE_INFINITY;
  private queue: Promise<void> = Promise.resolve();
  private pausedForMs: () => number = () => 0;

  constructor(options: { ratePerMinute: number; clock: Clock; sleep: Sleep }) {
    this.ratePerMinute = options.ratePerMinute;
    this.capacity = Math.max(1, (options.ratePerMinute / 60) * BURST_SECONDS);
    this.clock = options.clock;
    this.sleep = options.sleep;
    // One call may start at once. A full bucket would add a second's worth of calls to the first
    // minute, above the configured rate.
    this.tokens = Math.min(1, this.capacity);
    this.refilledAtMs = options.clock.now();
  }

  /** Returns the pace in force: the configured rate, or less while the server's limit is near. */
  currentRatePerMinute(): number {
    return Math.min(this.ratePerMinute, this.limitPerMinute);
  }

  /**
   * Makes `take()` wait while the client's shared `Retry-After` pause runs (`pausedForMs`
   * returns the time left), and earn no calls for that time, so the pause is not followed by a
   * burst.
   */
  followPause(pausedForMs: () => number): void {
    this.pausedForMs = pausedForMs;
  }

  take(): Promise<void> {
    const turn = this.queue.then(() => this.takeInTurn());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * Adjusts the pace from the `inin-ratelimit-count`, `-allowed` and `-reset` headers of a
   * response. Below 80% of the allowance the configured rate applies. Above it, the requests
   * left are spread over the seconds until the count resets. Without a reset time, the pace falls
   * linearly to a tenth of the rate at 100%. Either way the run slows down before Genesys returns
   * 429, not after.
   */
  observeRateLimit(rateLimit: {
    count: number;
    allowed: number;
    resetSec?: number | undefined;
  }): void {
    if (!(rateLimit.allowed > 0)) {
      return;
    }

    const usage = rateLimit.count / rateLimit.allowed;
    if (usage < SLOWDOWN_USAGE) {
      this.limitPerMinute = Number.POSITIVE_INFINITY;
      return;
    }

    const remaining = Math.max(1, rateLimit.allowed - rateLimit.count);
    if (rateLimit.resetSec !== undefined && rateLimit.resetSec > 0) {
      this.limitPerMinute = (remaining * 60) / rateLimit.resetSec;
      return;
    }

    const share = Math.max(0.1, (1 - usage) / (1 - SLOWDOWN_USAGE));
    this.limitPerMinute = this.ratePerMinute * share;
  }

  private async takeInTurn(): Promise<void> {
    await this.waitOutPause();
    this.refill();
    while (this.tokens < 1) {
      const perMs = this.currentRatePerMinute() / 60_000;
      await this.sleep(Math.ceil((1 - this.tokens) / perMs));
      this.refill();
    }
    this.tokens -= 1;
  }

  private async waitOutPause(): Promise<void> {
    let pausedMs = this.pausedForMs();
    if (pausedMs <= 0) {
      return;
    }

    while (pausedMs > 0) {
      await this.sleep(pausedMs);
      pausedMs = this.pausedForMs();
    }
    this.tokens = Math.min(this.tokens, 1);
    this.refilledAtMs = this.clock.now();
  }

  private refill(): void {
    const nowMs = this.clock.now();
    const elapsedMs = Math.max(0, nowMs - this.refilledAtMs);
    this.refilledAtMs = nowMs;
    this.tokens = Math.min(
      this.capacity,
      this.tokens + (elapsedMs * this.currentRatePerMinute()) / 60_000,
    );
  }
}
