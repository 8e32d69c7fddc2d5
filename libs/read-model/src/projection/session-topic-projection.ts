import { SESSION_EVENTS_TOPIC } from '@kyc/contracts';
import type { ConsumedMessage, MessageBus, MessageSubscription } from '@kyc/messaging';
import type { SessionApplication } from '@kyc/session-application';
import type { ReadModelClient } from '../prisma-client';
import { applyWrites, sessionWrites } from './session-row-write';
import { upsertSessionViews } from './session-view.mapper';

/** The consumer group of the sessions' read model on the session events topic. */
export const SESSION_TOPIC_PROJECTION_GROUP = 'kyc-projections';

/** Messages folded and written together: one read of their streams, one statement for their rows. */
const BATCH_MESSAGES = 200;

/**
 * Keeps the sessions' rows of the read model as a consumer of the session events topic (group kyc-projections),
 * so that projections scale out by partitions like every other consumer. The topic carries no personal data,
 * so a message is the trigger, not the source: the sessions a batch names are folded from their streams (read
 * together) and their rows replaced, except those whose row already reflects the batch's last event of them (a
 * redelivery, or an earlier batch whose fold saw it). Rows never go backwards (stream_version guards the write), and a redelivered event
 * changes nothing twice.
 */
export class SessionTopicProjection {
  private subscription: MessageSubscription | null = null;

  constructor(
    private readonly bus: MessageBus,
    private readonly db: ReadModelClient,
    private readonly app: SessionApplication,
  ) {}

  async start(): Promise<void> {
    this.subscription = await this.bus.subscribe({
      topic: SESSION_EVENTS_TOPIC,
      groupId: SESSION_TOPIC_PROJECTION_GROUP,
      fromBeginning: true,
      batch: { maxMessages: BATCH_MESSAGES, handler: (messages) => this.apply(messages) },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = null;
  }

  private async apply(messages: ConsumedMessage[]): Promise<void> {
    const latest = new Map<string, number>();
    for (const message of messages) {
      const { session_id: sessionId, version } = triggerOf(message);
      latest.set(sessionId, Math.max(version, latest.get(sessionId) ?? 0));
    }
    const stale = await this.notYetReflected(latest);
    if (stale.length === 0) return;
    const writes = await sessionWrites(this.app, stale);
    // Rows alone are one statement; only an erasure needs a transaction around its statements.
    if (writes.every((write) => typeof write !== 'function')) await upsertSessionViews(this.db, writes);
    else await this.db.$transaction((tx) => applyWrites(tx, writes));
  }

  /** The sessions whose row does not yet reflect their latest event in the batch. */
  private async notYetReflected(latest: Map<string, number>): Promise<string[]> {
    // A session's first event has nothing to skip to: only later ones may already be reflected by a fold.
    const seen = [...latest].filter(([, version]) => version > 1).map(([sessionId]) => sessionId);
    const rows =
      seen.length === 0
        ? []
        : await this.db.sessionView.findMany({
            where: { sessionId: { in: seen } },
            select: { sessionId: true, streamVersion: true },
          });
    const reflected = new Map(rows.map((row) => [row.sessionId, row.streamVersion]));
    return [...latest]
      .filter(([sessionId, version]) => (reflected.get(sessionId) ?? 0) < version)
      .map(([sessionId]) => sessionId);
  }
}

/** The session and stream version a public session event names; anything else is a poison message. */
function triggerOf(message: ConsumedMessage): { session_id: string; version: number } {
  const event = JSON.parse(message.value.toString('utf8')) as { session_id?: unknown; version?: unknown };
  if (typeof event.session_id !== 'string' || !Number.isInteger(event.version)) {
    throw new Error(`message at ${message.topic}/${message.partition}@${message.offset} is not a session event`);
  }
  return { session_id: event.session_id, version: event.version as number };
}
