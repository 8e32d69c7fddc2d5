/**
 * Counts the commands being executed so that a stopping session service answers every command it accepted
 * before it closes its connections, and refuses new ones meanwhile (callers retry them elsewhere or later).
 */
export class InFlightCommands {
  private running = 0;
  private draining = false;
  private idleWaiters: (() => void)[] = [];

  /** False once draining: the command must be refused, not started. */
  tryStart(): boolean {
    if (this.draining) return false;
    this.running++;
    return true;
  }

  finish(): void {
    this.running--;
    if (this.running === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Refuses new commands from now on; resolves once the running ones have finished. */
  drain(): Promise<void> {
    this.draining = true;
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
