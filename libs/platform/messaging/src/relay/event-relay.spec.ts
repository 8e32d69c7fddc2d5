import { randomBytes, randomUUID } from 'node:crypto';
import { SESSION_EVENTS_TOPIC, type SessionIntegrationEvent } from '@kyc/contracts';
import {
  createPgClient,
  createPgliteClient,
  migrate,
  type SqlClient,
  type SqlQueryable,
} from '@kyc/database';
import { createPostgresEventStore, type NewEvent, type PostgresEventStore } from '@kyc/event-store';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InProcessMessageBus } from '../in-process/in-process-message-bus';
import type { ConsumedMessage, MessageBus, OutgoingMessage } from '../message-bus.port';
import { MESSAGING_MIGRATIONS_DIR, MESSAGING_MIGRATIONS_OWNER } from '../migrations-dir';
import {
  EventRelay,
  EventRelayStoppedError,
  MissingSessionSnapshotError,
  type EventRelayOptions,
} from './event-relay';

interface TestDatabase {
  sql: SqlClient;
  dispose(): Promise<void>;
}

async function pgliteDatabase(): Promise<TestDatabase> {
  const sql = await createPgliteClient();
  return { sql, dispose: () => sql.close() };
}

/** A schema of its own per test, so that test files running in parallel never see each other's rows. */
async function postgresDatabase(url: string): Promise<TestDatabase> {
  const schema = `relay_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const sql = createPgClient(url, { searchPath: [schema], max: 4 });
  return {
    sql,
    dispose: async () => {
      await sql.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

const engines: [string, () => Promise<TestDatabase>][] = [['PGlite', pgliteDatabase]];
const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) engines.push(['PostgreSQL', () => postgresDatabase(databaseUrl)]);

const TENANT = randomUUID();

function event(type: string, data: unknown): NewEvent {
  return {
    event_id: randomUUID(),
    type,
    data,
    metadata: {
      correlation_id: randomUUID(),
      causation_id: null,
      actor: { type: 'api_key', id: 'key_1' },
      tenant_id: TENANT,
      occurred_at: new Date().toISOString(),
      schema_version: 1,
    },
  };
}

const sealed = () => ({ $pii: `v1.${randomBytes(24).toString('base64')}` });

function sessionCreated(sessionId: string, workflowId: string, tags: Record<string, string>): NewEvent {
  return event('SessionCreated', {
    session_id: sessionId,
    tenant_id: TENANT,
    workflow_id: workflowId,
    workflow_version: 1,
    workflow_name: 'Basic KYC',
    steps: [],
    custom_tags: tags,
    auto_process: false,
    metadata: sealed(),
    customer_id: null,
    priority: 'medium',
    assigned_to: null,
    ttl_days: 7,
    expires_at: 1_900_000_000,
    status: 'active',
    access_token: randomUUID(),
    parent: null,
  });
}

interface WrittenSession {
  sessionId: string;
  workflowId: string;
  /** Global position of the session's last event. */
  position: bigint;
}

/** One session's history, appended in several commands as the application would. */
async function writeSession(store: PostgresEventStore, steps = 4): Promise<WrittenSession> {
  const sessionId = randomUUID();
  const workflowId = randomUUID();
  const stream = `session-${sessionId}`;
  let written = await store.append(stream, [sessionCreated(sessionId, workflowId, { region: 'latam' })], 0);
  for (let i = 0; i < steps; i++) {
    written = await store.append(
      stream,
      [
        event('StepStarted', { step_id: `s${i}` }),
        event('FormSubmitted', { step_id: `s${i}`, values: sealed() }),
      ],
      written.version,
    );
  }
  return { sessionId, workflowId, position: written.position };
}

/** Every event of the given sessions, read per stream (the global log may trail the newest commits). */
async function eventsOf(store: PostgresEventStore, sessions: WrittenSession[]) {
  return (await Promise.all(sessions.map((s) => store.readStream(`session-${s.sessionId}`)))).flat();
}

/** Everything published to the session topic, parsed, with the message key. */
class TopicRecorder {
  readonly received: { key: string; event: SessionIntegrationEvent; headers: Record<string, string> }[] = [];

  static async attach(bus: MessageBus): Promise<TopicRecorder> {
    const recorder = new TopicRecorder();
    await bus.subscribe({
      topic: SESSION_EVENTS_TOPIC,
      groupId: `recorder-${randomUUID()}`,
      fromBeginning: true,
      handler: async (message: ConsumedMessage) => {
        recorder.received.push({
          key: message.key,
          event: JSON.parse(message.value.toString('utf8')) as SessionIntegrationEvent,
          headers: message.headers,
        });
      },
    });
    return recorder;
  }

  versionsOf(sessionId: string): number[] {
    return this.received.filter((r) => r.event.session_id === sessionId).map((r) => r.event.version);
  }
}

/** Makes the checkpoint write fail while `failing` is set: the process "dies" between publish and checkpoint. */
function crashBeforeCheckpoint(sql: SqlQueryable) {
  let waiters: (() => void)[] = [];
  const wrapper = {
    failing: false,
    /** Resolves at the next failed checkpoint write. */
    nextFailure: () => new Promise<void>((resolve) => waiters.push(resolve)),
    query<R>(text: string, params?: unknown[]) {
      if (wrapper.failing && /INSERT INTO kyc_relay_checkpoints/.test(text)) {
        const woken = waiters;
        waiters = [];
        for (const wake of woken) wake();
        return Promise.reject(new Error('process crashed before the checkpoint was saved'));
      }
      return sql.query<R>(text, params);
    },
  };
  return wrapper satisfies SqlQueryable;
}

async function storedCheckpoint(sql: SqlQueryable, name: string): Promise<bigint | null> {
  const { rows } = await sql.query<{ position: string }>(
    'SELECT position::text AS position FROM kyc_relay_checkpoints WHERE name = $1',
    [name],
  );
  return rows.length === 0 ? null : BigInt(rows[0].position);
}

describe.each(engines)('EventRelay on %s', (_engine, openDatabase) => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let bus: InProcessMessageBus;
  const relays: EventRelay[] = [];
  const errors: unknown[] = [];

  const relay = (options: Partial<EventRelayOptions> = {}) => {
    const created = new EventRelay({
      store,
      sql: db.sql,
      bus,
      initialBackoffMs: 5,
      maxBackoffMs: 20,
      onError: (error) => errors.push(error),
      ...options,
    });
    relays.push(created);
    return created;
  };

  beforeEach(async () => {
    db = await openDatabase();
    await migrate(db.sql, MESSAGING_MIGRATIONS_DIR, { owner: MESSAGING_MIGRATIONS_OWNER });
    store = await createPostgresEventStore(db.sql);
    bus = new InProcessMessageBus({ partitions: 4 });
    errors.length = 0;
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await bus.close();
    await store.close();
    await db.dispose();
  });

  it('publishes every session event once, in order per session, keyed by session id, without personal data', async () => {
    const recorder = await TopicRecorder.attach(bus);
    const sessions = [];
    for (let i = 0; i < 4; i++) sessions.push(await writeSession(store, 3 + i));
    await store.append(`workflow-${randomUUID()}`, [event('WorkflowCreated', { name: 'x' })], 0);

    const running = relay();
    await running.start();
    // Appends while the relay runs land in later batches.
    const last = await writeSession(store, 2);
    sessions.push(last);
    await running.waitUntilCaughtUp(last.position);
    await bus.waitUntilIdle();

    expect(running.position).toBe(last.position);
    expect(await storedCheckpoint(db.sql, 'session-events')).toBe(last.position);
    expect(errors).toEqual([]);

    const allSessionEvents = await eventsOf(store, sessions);
    expect(recorder.received).toHaveLength(allSessionEvents.length);
    expect(new Set(recorder.received.map((r) => r.event.event_id)).size).toBe(allSessionEvents.length);
    expect(recorder.received.some((r) => r.event.type === 'WorkflowCreated')).toBe(false);

    for (const { sessionId, workflowId } of sessions) {
      const stream = await store.readStream(`session-${sessionId}`);
      expect(recorder.versionsOf(sessionId)).toEqual(stream.map((e) => e.version));
      for (const { key, event: published, headers } of recorder.received.filter(
        (r) => r.event.session_id === sessionId,
      )) {
        expect(key).toBe(sessionId);
        expect(published.workflow_id).toBe(workflowId);
        expect(published.tenant_id).toBe(TENANT);
        expect(published.custom_tags).toEqual({ region: 'latam' });
        expect(published.schema_version).toBe(1);
        expect(headers['kyc-event-type']).toBe(published.type);
        expect(headers['content-type']).toBe('application/json');
      }
    }
    const json = JSON.stringify(recorder.received);
    expect(json).not.toContain('$pii');
    expect(json).not.toContain('access_token');
  });

  it('republishes from the checkpoint after a crash between publish and checkpoint, and misses nothing', async () => {
    const recorder = await TopicRecorder.attach(bus);
    const first = await writeSession(store, 3);
    const crashing = crashBeforeCheckpoint(db.sql);
    const before = relay({ sql: crashing });
    await before.start();
    await before.waitUntilCaughtUp(first.position);
    const checkpointBeforeCrash = await storedCheckpoint(db.sql, 'session-events');
    expect(checkpointBeforeCrash).toBe(first.position);

    crashing.failing = true;
    const second = await writeSession(store, 2);
    const last = await store.append(
      `session-${first.sessionId}`,
      [event('StatusChanged', { from: 'active', to: 'manual_review', notes: sealed() })],
      7,
    );
    const tail = (await eventsOf(store, [first, second]))
      .filter((e) => e.position > first.position)
      .map((e) => e.event_id);
    // A failed checkpoint write comes after a publish that resolved: "crash" once part of the tail went out.
    const published = () => new Set(recorder.received.map((r) => r.event.event_id));
    await crashing.nextFailure();
    await bus.waitUntilIdle();
    await before.stop();
    expect(tail.filter((id) => published().has(id)).length).toBeGreaterThan(0);
    expect(await storedCheckpoint(db.sql, 'session-events')).toBe(checkpointBeforeCrash);
    const publishedBeforeCrash = recorder.received.length;

    // A fresh relay: its snapshot cache is empty, so it reads each session's SessionCreated from the store.
    const after = relay();
    await after.start();
    await after.waitUntilCaughtUp(last.position);
    await bus.waitUntilIdle();

    expect(await storedCheckpoint(db.sql, 'session-events')).toBe(last.position);
    const everyId = (await eventsOf(store, [first, second])).map((e) => e.event_id);
    expect(published()).toEqual(new Set(everyId));
    const republished = recorder.received.slice(publishedBeforeCrash);
    expect(new Set(republished.map((r) => r.event.event_id))).toEqual(new Set(tail));
    expect(republished).toHaveLength(tail.length);
    for (const { sessionId, workflowId } of [first, second]) {
      for (const r of republished.filter((x) => x.event.session_id === sessionId)) {
        expect(r.event.workflow_id).toBe(workflowId);
        expect(r.event.custom_tags).toEqual({ region: 'latam' });
      }
      // At least once and in order: an event is never received before its predecessor in the session.
      const versions = recorder.versionsOf(sessionId);
      const seen = new Set<number>();
      const outOfOrder = versions.filter((v) => {
        const gap = v > 1 && !seen.has(v - 1);
        seen.add(v);
        return gap;
      });
      expect(outOfOrder).toEqual([]);
      expect(seen).toEqual(new Set((await store.readStream(`session-${sessionId}`)).map((e) => e.version)));
    }
  });

  it('backs off when publishing fails and goes on from the checkpoint once the bus accepts again', async () => {
    const recorder = await TopicRecorder.attach(bus);
    let refusals = 3;
    const flaky: MessageBus = {
      publish: (topic: string, messages: OutgoingMessage[]) => {
        if (refusals > 0) {
          refusals -= 1;
          return Promise.reject(new Error('broker unavailable'));
        }
        return bus.publish(topic, messages);
      },
      subscribe: (options) => bus.subscribe(options),
      waitUntilIdle: () => bus.waitUntilIdle(),
      close: () => bus.close(),
    };
    const { sessionId, position } = await writeSession(store, 5);
    const running = relay({ bus: flaky });
    await running.start();
    await running.waitUntilCaughtUp(position);
    await bus.waitUntilIdle();

    expect(refusals).toBe(0);
    expect(errors.map((e) => (e as Error).message)).toEqual(Array(3).fill('broker unavailable'));
    expect(recorder.versionsOf(sessionId)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  });

  it('resumes where a previous relay of the same name stopped, and keeps names apart', async () => {
    const recorder = await TopicRecorder.attach(bus);
    const earlier = await writeSession(store, 1);
    const first = relay();
    await first.start();
    await first.waitUntilCaughtUp(earlier.position);
    await first.stop();
    await bus.waitUntilIdle();
    expect(recorder.received).toHaveLength(3);

    const later = await writeSession(store, 1);
    const second = relay();
    await second.start();
    await second.waitUntilCaughtUp(later.position);
    await bus.waitUntilIdle();
    expect(recorder.received.map((r) => r.event.session_id).slice(3)).toEqual(Array(3).fill(later.sessionId));

    const other = relay({ name: 'audit-copy', topic: 'audit.copy' });
    const copies: string[] = [];
    await bus.subscribe({
      topic: 'audit.copy',
      groupId: 'copies',
      fromBeginning: true,
      handler: async (m) => void copies.push(m.key),
    });
    await other.start();
    await other.waitUntilCaughtUp(later.position);
    await bus.waitUntilIdle();
    expect(copies).toHaveLength(6);
    expect(await storedCheckpoint(db.sql, 'audit-copy')).toBe(later.position);
  });

  it('publishes the events of a session stream that has no SessionCreated, and reports it', async () => {
    const recorder = await TopicRecorder.attach(bus);
    const orphan = randomUUID();
    await store.append(`session-${orphan}`, [event('StepStarted', { step_id: 's' })], 0);
    const { position } = await store.append(
      `session-${orphan}`,
      [event('StepCompleted', { step_id: 's' })],
      1,
    );
    const running = relay();
    await running.start();
    await running.waitUntilCaughtUp(position);
    await bus.waitUntilIdle();

    expect(recorder.received.map((r) => [r.event.session_id, r.event.workflow_id, r.event.data])).toEqual([
      [orphan, '', { step_id: 's' }],
      [orphan, '', { step_id: 's' }],
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(MissingSessionSnapshotError);
  });

  it('fails to start without its checkpoint table', async () => {
    await db.sql.query('DROP TABLE kyc_relay_checkpoints');
    const unmigrated = relay();
    await expect(unmigrated.start()).rejects.toThrow(/kyc_relay_checkpoints/);
    expect(unmigrated.running).toBe(false);
  });

  it('refuses to wait for a relay that is not running', async () => {
    await writeSession(store, 1);
    const idle = relay();
    await expect(idle.waitUntilCaughtUp()).rejects.toBeInstanceOf(EventRelayStoppedError);
  });
});
