import { randomUUID } from 'node:crypto';
import { SESSION_EVENTS_TOPIC } from '@kyc/contracts';
import type { ConsumedMessage, MessageBus, MessageSubscription } from '@kyc/messaging';
import type { Prisma, ReadModelClient } from '@kyc/read-model';

/** The consumer group of the notification service on the session events topic. */
export const NOTIFICATION_CONSUMER_GROUP = 'kyc-notification';

/** What fan-out reads of an integration event; the rest travels to the receiver as it is. */
interface EventHeader {
  event_id: string;
  type: string;
  tenant_id: string;
  session_id: string;
  occurred_at: string;
}

/**
 * Turns each session event into one pending delivery per webhook endpoint of its tenant that wants its type
 * and existed when it happened. Idempotent: a delivery is unique per endpoint and event, so an event the bus
 * hands over again (at least once) enqueues nothing twice.
 */
export class WebhookFanout {
  constructor(
    private readonly db: ReadModelClient,
    private readonly onEnqueued: () => void = () => undefined,
  ) {}

  subscribe(bus: MessageBus): Promise<MessageSubscription> {
    // From the beginning on first start: endpoints only receive events newer than themselves anyway.
    return bus.subscribe({
      topic: SESSION_EVENTS_TOPIC,
      groupId: NOTIFICATION_CONSUMER_GROUP,
      fromBeginning: true,
      handler: (message) => this.handle(message),
    });
  }

  async handle(message: ConsumedMessage): Promise<void> {
    const payload = JSON.parse(message.value.toString('utf8')) as Prisma.InputJsonObject;
    const event = eventHeader(payload);
    const endpoints = await this.db.webhookEndpoint.findMany({
      where: {
        tenantId: event.tenant_id,
        createdAt: { lte: new Date(event.occurred_at) },
        OR: [{ eventTypes: { isEmpty: true } }, { eventTypes: { has: event.type } }],
      },
      select: { webhookId: true },
    });
    if (endpoints.length === 0) return;
    const { count } = await this.db.webhookDelivery.createMany({
      data: endpoints.map(({ webhookId }) => ({
        deliveryId: randomUUID(),
        webhookId,
        tenantId: event.tenant_id,
        eventId: event.event_id,
        eventType: event.type,
        sessionId: event.session_id,
        payload,
        status: 'pending',
        nextAttemptAt: new Date(),
      })),
      skipDuplicates: true,
    });
    if (count > 0) this.onEnqueued();
  }
}

/** A message without these fields is not a session event: it fails, is retried, and ends in the dead-letter topic. */
function eventHeader(payload: Record<string, unknown>): EventHeader {
  for (const field of ['event_id', 'type', 'tenant_id', 'session_id', 'occurred_at'] as const) {
    if (typeof payload[field] !== 'string') throw new Error(`not a session event: ${field} is missing`);
  }
  if (Number.isNaN(Date.parse(payload['occurred_at'] as string))) throw new Error('not a session event: occurred_at is not a date');
  return payload as unknown as EventHeader;
}
