import { SESSION_EVENTS_TOPIC } from '@kyc/contracts';
import type { ConsumedMessage, MessageBus, MessageSubscription } from '@kyc/messaging';
import type { SessionApplication } from '@kyc/session-application';
import type { ReadModelClient } from '../prisma-client';
import { applyWrites, sessionWrite } from './session-row-write';
import { upsertSessionViews } from './session-view.mapper';

/** The consumer group of the sessions' read model on the session events topic. */
export const SESSION_TOPIC_PROJECTION_GROUP = 'kyc-projections';

/**
 * Keeps the sessions' rows of the read model as a consumer of the session events topic (group kyc-projections),
 * so that projections scale out by partitions like every other consumer. The topic carries no personal data,
 * so a message is the trigger, not the source: the session is folded from its stream and its row replaced,
 * unless the row already reflects that event (a redelivery, or an earlier message whose fold saw it). Rows
 * never go backwards (stream_version guards the write), and a redelivered event changes nothing twice.
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
      handler: (message) => this.apply(message),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = null;
  }

  private async apply(message: ConsumedMessage): Promise<void> {
    const { session_id: sessionId, version } = triggerOf(message);
    // A session's first event has nothing to skip to: only later ones may already be reflected by a fold.
    if (version > 1) {
      const row = await this.db.sessionView.findUnique({ where: { sessionId }, select: { streamVersion: true } });
      if (row && row.streamVersion >= version) return;
    }
    const write = await sessionWrite(this.app, sessionId);
    // A row is one statement; only an erasure needs a transaction around its statements.
    if (typeof write === 'function') await this.db.$transaction((tx) => applyWrites(tx, [write]));
    else await upsertSessionViews(this.db, [write]);
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
