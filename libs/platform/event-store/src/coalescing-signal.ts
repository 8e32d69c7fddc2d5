/**
 * Sends a signal after every `ping()`, but never more than one at a time: pings that arrive while a send is
 * under way are folded into one more send after it. A burst of appends thus costs one or two NOTIFYs, not one each.
 */
export class CoalescingSignal {
  private requested = false;
  private draining: Promise<void> | null = null;

  constructor(
    private readonly send: () => Promise<void>,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  ping(): void {
    this.requested = true;
    this.draining ??= this.drain();
  }

  /** Resolves once no send is under way or requested. */
  async idle(): Promise<void> {
    await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.requested) {
      this.requested = false;
      try {
        await this.send();
      } catch (error) {
        this.onError(error);
      }
    }
    // Cleared in the same synchronous step as the last check of `requested`: no ping can fall in between.
    this.draining = null;
  }
}
