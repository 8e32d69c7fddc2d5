import type { ReadModelClient } from '../prisma-client';
import { SharedPoll } from './shared-poll';

/**
 * Read-your-writes for a gateway that runs apart from the projection: waits until the projection's committed
 * checkpoint reaches the position a command appended at. One read of the checkpoint serves every waiting request.
 */
export class CheckpointPollingConsistency {
  private readonly poll: SharedPoll<bigint>;

  constructor(
    private readonly db: ReadModelClient,
    private readonly checkpointName = 'read-model',
    private readonly timeoutMs = 5_000,
  ) {
    this.poll = new SharedPoll(async (positions) => {
      const reached = await this.checkpoint();
      return new Set(positions.filter((position) => position <= reached));
    });
  }

  /** True once visible; false when the timeout passed first (the write stands: the read model will follow). */
  waitFor(position: bigint): Promise<boolean> {
    return this.poll.wait(position, this.timeoutMs);
  }

  /** The position the projection has committed, 0 before its first batch. */
  async checkpoint(): Promise<bigint> {
    const row = await this.db.projectionCheckpoint.findUnique({ where: { name: this.checkpointName } });
    return row ? BigInt(row.position) : 0n;
  }
}
