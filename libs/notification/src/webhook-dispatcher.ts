import type { ReadModelClient } from '@kyc/read-model';
import { request, type Agent } from 'undici';
import { DEFAULT_RETRY_SCHEDULE, nextRetryDelay, type RetrySchedule } from './retry-schedule';
import type { WebhookSecretBox } from './webhook-secret-box';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';
import { webhookAgent } from './webhook-target-guard';

export interface WebhookDispatcherOptions {
  db: ReadModelClient;
  secrets: WebhookSecretBox;
  /** Let deliveries reach private and loopback addresses (development and tests only). */
  allowPrivateTargets: boolean;
  schedule?: RetrySchedule;
  /** Per request, connection included (default 10 s). */
  timeoutMs?: number;
  /** Deliveries claimed per round (default 32) and sent at once (default 8). */
  batchSize?: number;
  concurrency?: number;
  /** How often due retries are looked for when nothing wakes the dispatcher (default 1 s). */
  pollIntervalMs?: number;
  clock?: () => Date;
  onError?: (error: unknown) => void;
}

interface ClaimedDelivery {
  delivery_id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  attempts: number;
  payload: unknown;
  url: string;
  secret_sealed: Uint8Array;
}

/** What one attempt came to. */
type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * Sends pending deliveries: signed POSTs of the event, retried on failure with backoff until the schedule
 * runs out. Any number of dispatchers (processes) share the work: a delivery is claimed with
 * `FOR UPDATE SKIP LOCKED` and leased for longer than one attempt can take, so a dispatcher that dies
 * mid-attempt leaves it to be tried again when the lease ends. At least once: receivers dedupe on
 * `Kyc-Event-Id`.
 */
export class WebhookDispatcher {
  private readonly schedule: RetrySchedule;
  private readonly timeoutMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly clock: () => Date;
  private readonly agent: Agent;
  private loop: Promise<void> | null = null;
  private running = false;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.schedule = options.schedule ?? DEFAULT_RETRY_SCHEDULE;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.batchSize = options.batchSize ?? 32;
    this.concurrency = options.concurrency ?? 8;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.clock = options.clock ?? (() => new Date());
    this.agent = webhookAgent(options.allowPrivateTargets);
  }

  start(): void {
    if (this.loop) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the attempts in flight, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = null;
    await this.agent.close();
  }

  /** New deliveries are due: look now rather than at the next poll. */
  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.pendingWake = true;
  }

  /** One round: claims the due deliveries and attempts each once. Returns how many it attempted. */
  async dispatchDue(): Promise<number> {
    const claimed = await this.claim();
    const queue = [...claimed];
    const workers = Array.from({ length: Math.min(this.concurrency, queue.length) }, async () => {
      for (let delivery = queue.shift(); delivery; delivery = queue.shift()) await this.attempt(delivery);
    });
    await Promise.all(workers);
    return claimed.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let attempted = 0;
      try {
        attempted = await this.dispatchDue();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (attempted === 0 && this.running) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    if (this.pendingWake) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wakeUp = done;
    });
  }

  private async claim(): Promise<ClaimedDelivery[]> {
    const now = this.clock();
    // Longer than an attempt can last, so a delivery is only taken over from a dispatcher that is gone.
    const leaseUntil = new Date(now.getTime() + this.timeoutMs * 3);
    return this.options.db.$queryRaw<ClaimedDelivery[]>`
      UPDATE webhook_deliveries d
         SET next_attempt_at = ${leaseUntil}
        FROM webhook_endpoints e
       WHERE e.webhook_id = d.webhook_id
         AND d.delivery_id IN (
               SELECT delivery_id FROM webhook_deliveries
                WHERE status = 'pending' AND next_attempt_at <= ${now}
                ORDER BY next_attempt_at
                LIMIT ${this.batchSize}
                  FOR UPDATE SKIP LOCKED)
      RETURNING d.delivery_id, d.webhook_id, d.event_id, d.event_type, d.attempts, d.payload, e.url, e.secret_sealed`;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const attempts = delivery.attempts + 1;
    let outcome: Outcome;
    try {
      outcome = await this.post(delivery, attempts);
    } catch (error) {
      outcome = { ok: false, status: null, error: describe(error) };
    }
    await this.record(delivery, attempts, outcome);
  }

  private async post(delivery: ClaimedDelivery, attempts: number): Promise<Outcome> {
    const body = JSON.stringify(delivery.payload);
    const secret = this.options.secrets.open(delivery.webhook_id, delivery.secret_sealed);
    const timestamp = Math.floor(this.clock().getTime() / 1000);
    const response = await request(delivery.url, {
      method: 'POST',
      body,
      dispatcher: this.agent,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      signal: AbortSignal.timeout(this.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'kyc-platform-webhooks/1',
        'kyc-webhook-id': delivery.webhook_id,
        'kyc-event-id': delivery.event_id,
        'kyc-event-type': delivery.event_type,
        'kyc-delivery-attempt': String(attempts),
        [SIGNATURE_HEADER]: signWebhook(secret, body, timestamp),
      },
    });
    // The receiver's answer is not read, only its status: drain it so the connection can be reused.
    await response.body.dump({ limit: 64 * 1024 });
    const status = response.statusCode;
    // Redirects are not followed: the receiver's configured URL is the only target.
    return status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `answered HTTP ${status}` };
  }

  private async record(delivery: ClaimedDelivery, attempts: number, outcome: Outcome): Promise<void> {
    const now = this.clock();
    if (outcome.ok) {
      await this.options.db.webhookDelivery.update({
        where: { deliveryId: delivery.delivery_id },
        data: { status: 'delivered', attempts, deliveredAt: now, lastStatusCode: outcome.status, lastError: null },
      });
      return;
    }
    const delay = nextRetryDelay(this.schedule, attempts);
    await this.options.db.webhookDelivery.update({
      where: { deliveryId: delivery.delivery_id },
      data: {
        status: delay === null ? 'failed' : 'pending',
        attempts,
        lastStatusCode: outcome.status,
        lastError: outcome.error.slice(0, 500),
        ...(delay === null ? {} : { nextAttemptAt: new Date(now.getTime() + delay) }),
      },
    });
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
