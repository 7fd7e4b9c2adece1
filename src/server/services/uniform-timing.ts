/**
 * Similar response times for the two paths of an anonymous request whose answer must not reveal
 * whether an account exists (registration, password-reset requests): the path that does the real
 * work records how long it took (a moving average), and the other path waits about as long.
 * Per process; the first calls use a fixed estimate.
 */
const MAX_PAD_MS = 10_000;

export class ResponseTimeModel {
  private average: number;

  constructor(
    initialMs: number,
    private readonly weight = 0.2,
  ) {
    this.average = initialMs;
  }

  /** Records how long the real path took (ms). */
  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.average = Math.min(MAX_PAD_MS, this.average * (1 - this.weight) + ms * this.weight);
  }

  /** The current estimate (ms). */
  get estimateMs(): number {
    return this.average;
  }

  /** Waits until roughly the real path's time (±10 %) has passed since `startedAt` (performance.now()). */
  async padFrom(startedAt: number): Promise<void> {
    const target = this.average * (0.9 + Math.random() * 0.2);
    const left = target - (performance.now() - startedAt);
    if (left > 0) await new Promise((r) => setTimeout(r, left));
  }
}
