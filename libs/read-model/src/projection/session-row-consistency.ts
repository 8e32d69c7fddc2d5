import type { EventStore, RecordedEvent } from '@kyc/event-store';
import type { ReadModelClient } from '../prisma-client';
import { CheckpointPollingConsistency } from './checkpoint-polling-consistency';
import { READ_MODEL_CHECKPOINT } from './read-model-projection';

const SESSION_STREAM_PREFIX = 'session-';

/**
 * Read-your-writes when the sessions' rows come from the events topic (SessionTopicProjection): there is no
 * global checkpoint for them, so the wait looks up which event was appended at the position and polls that
 * session's row until it reflects the event (or, for a deletion, until the row is gone). Workflows are still
 * projected from the event store, so their writes wait on its checkpoint.
 */
export class SessionRowConsistency {
  private readonly checkpoint: CheckpointPollingConsistency;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelClient,
    private readonly timeoutMs = 5_000,
  ) {
    this.checkpoint = new CheckpointPollingConsistency(db, READ_MODEL_CHECKPOINT, timeoutMs);
  }

  /** True once visible; false when the timeout passed first (the write stands: the read model will follow). */
  async waitFor(position: bigint): Promise<boolean> {
    const deadline = Date.now() + this.timeoutMs;
    const event = await this.poll(deadline, () => this.eventAt(position));
    if (!event) return false;
    if (!event.stream_id.startsWith(SESSION_STREAM_PREFIX)) return this.checkpoint.waitFor(position);
    const sessionId = event.stream_id.slice(SESSION_STREAM_PREFIX.length);
    const erased = event.type === 'SessionDeleted';
    return this.poll(deadline, async () => {
      const row = await this.db.sessionView.findUnique({ where: { sessionId }, select: { streamVersion: true } });
      return erased ? row === null : row !== null && row.streamVersion >= event.version;
    });
  }

  /** The event at `position`, once the store hands it out (an earlier transaction may still be committing). */
  private async eventAt(position: bigint): Promise<RecordedEvent | null> {
    const [event] = await this.store.readAll(position - 1n, 1);
    return event && event.position === position ? event : null;
  }

  private async poll<T>(deadline: number, check: () => Promise<T | null | false>): Promise<T | false> {
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      const found = await check();
      if (found) return found;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
