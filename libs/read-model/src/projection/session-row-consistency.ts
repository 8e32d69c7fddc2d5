import type { EventStore, RecordedEvent } from '@kyc/event-store';
import type { ReadModelClient } from '../prisma-client';
import { CheckpointPollingConsistency } from './checkpoint-polling-consistency';
import { READ_MODEL_CHECKPOINT } from './read-model-projection';
import { SharedPoll } from './shared-poll';

const SESSION_STREAM_PREFIX = 'session-';
/** Events read in one round to learn what the waiting requests appended. */
const LOOKUP_LIMIT = 1_000n;

interface RowWait {
  position: bigint;
  /** The event appended at `position`, once the store hands it out (an earlier commit may still be running). */
  event?: RecordedEvent;
}

/**
 * Read-your-writes when the sessions' rows come from the events topic (SessionTopicProjection): there is no
 * global checkpoint for them, so a wait learns which event was appended at its position and watches that
 * session's row until it reflects the event (or, for a deletion, until the row is gone). Workflows are still
 * projected from the event store, so their writes wait on its checkpoint. Every round serves all waiting
 * requests with one read of the events, one of the rows and one of the checkpoint.
 */
export class SessionRowConsistency {
  private readonly checkpoint: CheckpointPollingConsistency;
  private readonly poll = new SharedPoll<RowWait>((waits) => this.round(waits));

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelClient,
    private readonly timeoutMs = 5_000,
  ) {
    this.checkpoint = new CheckpointPollingConsistency(db, READ_MODEL_CHECKPOINT, timeoutMs);
  }

  /** True once visible; false when the timeout passed first (the write stands: the read model will follow). */
  waitFor(position: bigint): Promise<boolean> {
    return this.poll.wait({ position }, this.timeoutMs);
  }

  private async round(waits: RowWait[]): Promise<Set<RowWait>> {
    await this.lookUpEvents(waits.filter((wait) => !wait.event));
    const sessions = waits.filter((wait) => wait.event?.stream_id.startsWith(SESSION_STREAM_PREFIX));
    const workflows = waits.filter((wait) => wait.event && !sessions.includes(wait));
    const [rows, reached] = await Promise.all([
      this.rowVersions(sessions.map((wait) => sessionIdOf(wait.event!))),
      workflows.length > 0 ? this.checkpoint.checkpoint() : 0n,
    ]);
    const satisfied = new Set(workflows.filter((wait) => wait.position <= reached));
    for (const wait of sessions) {
      const event = wait.event!;
      const row = rows.get(sessionIdOf(event));
      const visible = event.type === 'SessionDeleted' ? row === undefined : row !== undefined && row >= event.version;
      if (visible) satisfied.add(wait);
    }
    return satisfied;
  }

  private async lookUpEvents(waits: RowWait[]): Promise<void> {
    if (waits.length === 0) return;
    const positions = waits.map((wait) => wait.position);
    const from = positions.reduce((a, b) => (b < a ? b : a));
    const to = positions.reduce((a, b) => (b > a ? b : a));
    const span = to - from + 1n;
    const events = await this.store.readAll(from - 1n, Number(span < LOOKUP_LIMIT ? span : LOOKUP_LIMIT));
    const byPosition = new Map(events.map((event) => [event.position, event]));
    for (const wait of waits) wait.event = byPosition.get(wait.position);
  }

  private async rowVersions(sessionIds: string[]): Promise<Map<string, number>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await this.db.sessionView.findMany({
      where: { sessionId: { in: [...new Set(sessionIds)] } },
      select: { sessionId: true, streamVersion: true },
    });
    return new Map(rows.map((row) => [row.sessionId, row.streamVersion]));
  }
}

function sessionIdOf(event: RecordedEvent): string {
  return event.stream_id.slice(SESSION_STREAM_PREFIX.length);
}
