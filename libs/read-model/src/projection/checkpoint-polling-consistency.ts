import type { ReadModelClient } from '../prisma-client';

/**
 * Read-your-writes for a gateway that runs apart from the projection: polls the projection's committed
 * checkpoint until it reaches the position a command appended at.
 */
export class CheckpointPollingConsistency {
  constructor(
    private readonly db: ReadModelClient,
    private readonly checkpointName = 'read-model',
    private readonly timeoutMs = 5_000,
  ) {}

  /** True once visible; false when the timeout passed first (the write stands: the read model will follow). */
  async waitFor(position: bigint): Promise<boolean> {
    const deadline = Date.now() + this.timeoutMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      const row = await this.db.projectionCheckpoint.findUnique({ where: { name: this.checkpointName } });
      if (row && BigInt(row.position) >= position) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
