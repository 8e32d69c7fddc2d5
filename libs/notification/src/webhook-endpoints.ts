import { randomUUID } from 'node:crypto';
import type { ReadModelClient, WebhookDelivery, WebhookEndpoint } from '@kyc/read-model';
import { WebhookSecretBox } from './webhook-secret-box';

export interface NewWebhookEndpoint {
  url: string;
  /** Empty: every event type. */
  event_types: string[];
  description: string | null;
}

export interface WebhookEndpointView {
  webhook_id: string;
  url: string;
  event_types: string[];
  description: string | null;
  created_at: string;
}

export interface WebhookDeliveryView {
  delivery_id: string;
  event_id: string;
  event_type: string;
  session_id: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
}

/** A tenant's webhook endpoints: registered with a signing secret shown once, listed, removed, audited. */
export class WebhookEndpoints {
  constructor(
    private readonly db: ReadModelClient,
    private readonly secrets: WebhookSecretBox,
  ) {}

  async create(tenantId: string, input: NewWebhookEndpoint): Promise<WebhookEndpointView & { secret: string }> {
    const webhookId = randomUUID();
    const secret = WebhookSecretBox.newSecret();
    const row = await this.db.webhookEndpoint.create({
      data: {
        webhookId,
        tenantId,
        url: input.url,
        eventTypes: [...new Set(input.event_types)],
        description: input.description,
        secretSealed: new Uint8Array(this.secrets.seal(webhookId, secret)),
      },
    });
    return { ...present(row), secret };
  }

  async list(tenantId: string): Promise<WebhookEndpointView[]> {
    const rows = await this.db.webhookEndpoint.findMany({ where: { tenantId }, orderBy: [{ createdAt: 'asc' }, { webhookId: 'asc' }] });
    return rows.map(present);
  }

  async find(tenantId: string, webhookId: string): Promise<WebhookEndpointView | null> {
    const row = await this.db.webhookEndpoint.findFirst({ where: { tenantId, webhookId } });
    return row ? present(row) : null;
  }

  /** Removes the endpoint and its delivery log; false when the tenant has no such endpoint. */
  async remove(tenantId: string, webhookId: string): Promise<boolean> {
    const { count } = await this.db.webhookEndpoint.deleteMany({ where: { tenantId, webhookId } });
    return count > 0;
  }

  /** The newest deliveries first. */
  async deliveries(tenantId: string, webhookId: string, limit: number): Promise<WebhookDeliveryView[]> {
    const rows = await this.db.webhookDelivery.findMany({
      where: { tenantId, webhookId },
      orderBy: [{ createdAt: 'desc' }, { deliveryId: 'asc' }],
      take: limit,
    });
    return rows.map(presentDelivery);
  }
}

function present(row: WebhookEndpoint): WebhookEndpointView {
  return {
    webhook_id: row.webhookId,
    url: row.url,
    event_types: row.eventTypes,
    description: row.description,
    created_at: row.createdAt.toISOString(),
  };
}

function presentDelivery(row: WebhookDelivery): WebhookDeliveryView {
  return {
    delivery_id: row.deliveryId,
    event_id: row.eventId,
    event_type: row.eventType,
    session_id: row.sessionId,
    status: row.status,
    attempts: row.attempts,
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    next_attempt_at: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    delivered_at: row.deliveredAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}
