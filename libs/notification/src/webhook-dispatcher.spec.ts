import { randomBytes, randomUUID } from 'node:crypto';
import { createPgliteClient, migrate, type PgliteSqlClient } from '@kyc/database';
import { createReadModelClient, READ_MODEL_MIGRATIONS_DIR, type ReadModelClient } from '@kyc/read-model';
import { WebhookReceiver } from '@kyc/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebhookDispatcher, type WebhookDispatcherOptions } from './webhook-dispatcher';
import { WebhookSecretBox } from './webhook-secret-box';

describe('WebhookDispatcher', () => {
  let sql: PgliteSqlClient;
  let db: ReadModelClient;
  let receiver: WebhookReceiver;
  const secrets = new WebhookSecretBox(randomBytes(32));
  const tenantId = randomUUID();

  beforeAll(async () => {
    sql = await createPgliteClient();
    await migrate(sql, READ_MODEL_MIGRATIONS_DIR, { owner: 'read-model' });
    db = createReadModelClient({ kind: 'pglite', db: sql.pglite });
  });

  afterAll(async () => {
    await db?.$disconnect();
    await sql?.close();
  });

  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });

  afterEach(async () => {
    await receiver.close();
    await db.webhookEndpoint.deleteMany({});
  });

  /** An endpoint stored as registration would, whatever its URL (DNS can change after registration). */
  async function endpoint(url: string): Promise<string> {
    const webhookId = randomUUID();
    await db.webhookEndpoint.create({
      data: { webhookId, tenantId, url, eventTypes: [], secretSealed: new Uint8Array(secrets.seal(webhookId, 'whsec_x')) },
    });
    return webhookId;
  }

  async function enqueue(webhookId: string, count = 1): Promise<void> {
    await db.webhookDelivery.createMany({
      data: Array.from({ length: count }, () => {
        const eventId = randomUUID();
        return {
          deliveryId: randomUUID(),
          webhookId,
          tenantId,
          eventId,
          eventType: 'SessionCreated',
          sessionId: randomUUID(),
          payload: { event_id: eventId, type: 'SessionCreated' },
          status: 'pending',
          nextAttemptAt: new Date(Date.now() - 1000),
        };
      }),
    });
  }

  const dispatcher = (options: Partial<WebhookDispatcherOptions> = {}) =>
    new WebhookDispatcher({ db, secrets, allowPrivateTargets: true, schedule: { maxAttempts: 3, firstDelayMs: 10, factor: 1, maxDelayMs: 10 }, ...options });

  it('refuses at connect time a name that resolves to a private address, and sends nothing there', async () => {
    const port = new URL(receiver.url).port;
    const webhookId = await endpoint(`http://localhost:${port}/hook`);
    await enqueue(webhookId);
    const guarded = dispatcher({ allowPrivateTargets: false });
    expect(await guarded.dispatchDue()).toBe(1);
    await guarded.stop();
    const [delivery] = await db.webhookDelivery.findMany({ where: { webhookId } });
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(delivery.lastError).toMatch(/resolves to (127\.0\.0\.1|::1), which is not a public address/);
    expect(receiver.received).toEqual([]);
  });

  it('sends each due delivery exactly once when several dispatchers share the work', async () => {
    const webhookId = await endpoint(`${receiver.url}/shared`);
    await enqueue(webhookId, 60);
    const dispatchers = Array.from({ length: 3 }, () => dispatcher({ batchSize: 7 }));
    for (let round = 0; round < 20; round++) {
      const attempted = await Promise.all(dispatchers.map((d) => d.dispatchDue()));
      if (attempted.every((n) => n === 0)) break;
    }
    await Promise.all(dispatchers.map((d) => d.stop()));
    const eventIds = receiver.received.map((r) => r.headers['kyc-event-id']);
    expect(eventIds).toHaveLength(60);
    expect(new Set(eventIds).size).toBe(60);
    expect(await db.webhookDelivery.count({ where: { webhookId, status: 'delivered', attempts: 1 } })).toBe(60);
  });

  it('gives up on a receiver that does not answer in time, and leaves the delivery to be retried', async () => {
    receiver.answer = () => 'hang';
    const webhookId = await endpoint(`${receiver.url}/slow`);
    await enqueue(webhookId);
    const impatient = dispatcher({ timeoutMs: 200 });
    const started = Date.now();
    expect(await impatient.dispatchDue()).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
    await impatient.stop();
    const [delivery] = await db.webhookDelivery.findMany({ where: { webhookId } });
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(delivery.lastError).toMatch(/timeout|aborted/i);
  });

  it('does not follow redirects: the configured URL is the only target', async () => {
    receiver.answer = () => 302;
    const webhookId = await endpoint(`${receiver.url}/moved`);
    await enqueue(webhookId);
    const once = dispatcher();
    await once.dispatchDue();
    await once.stop();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = await db.webhookDelivery.findMany({ where: { webhookId } });
    expect(delivery).toMatchObject({ status: 'pending', lastStatusCode: 302, lastError: 'answered HTTP 302' });
  });
});
