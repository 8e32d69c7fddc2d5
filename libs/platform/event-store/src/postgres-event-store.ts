import { isTransientTransactionError, isUniqueViolation, migrate, sqlErrorCode, type SqlClient, type SqlQueryable } from '@kyc/database';
import { CatchUpSubscription, DEFAULT_CATCH_UP_TIMING, type CatchUpTiming } from './catch-up-subscription';
import { CoalescingSignal } from './coalescing-signal';
import { DuplicateEventIdError } from './duplicate-event-id.error';
import { EVENT_STORE_MIGRATIONS_DIR, EVENT_STORE_MIGRATIONS_OWNER } from './event-store-migrations';
import {
  VersionConflictError,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from './event-store.port';

export interface PostgresEventStoreOptions {
  /** NOTIFY channel that wakes subscriptions after appends, in this and other processes (default 'kyc_events'). */
  channel?: string;
  /** Polling and retry timing of subscriptions. */
  subscriptions?: Partial<CatchUpTiming>;
  /** Failures of background work (wake-up notifications); they never affect appends or reads. */
  onBackgroundError?: (error: unknown) => void;
}

interface EventRow {
  position: string;
  stream_id: string;
  version: number;
  event_id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

/** Positions travel as text: PGlite turns small BIGINTs into JS numbers. (Order by `e.position`, not the text alias.) */
const EVENT_COLUMNS = 'e.position::text AS position, e.stream_id, e.version, e.event_id, e.type, e.data, e.metadata';
/** Only transactions older than every transaction still in flight: nothing can commit below what this returns. */
const SETTLED = 'e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())';
const EVENT_ID_CONSTRAINT = 'kyc_events_event_id_key';
const VERSION_CONSTRAINTS = ['kyc_events_stream_version_key', 'kyc_event_streams_pkey'];
/** How long a new subscription waits for notifications to be set up before it starts reading anyway. */
const LISTEN_WAIT_MS = 2_000;
/** Seeds the hash that turns a stream id into its advisory lock key (keeps these keys apart from other users'). */
const STREAM_LOCK_SEED = 0x6b79635f;
/** Deadlocks and serialisation failures are retried this many times in all before they surface. */
const APPEND_ATTEMPTS = 3;
/** SQLSTATE that kyc_append_events raises for a version conflict. */
const VERSION_CONFLICT_STATE = 'KYC01';

const toRecorded = (row: EventRow): RecordedEvent => ({
  event_id: row.event_id,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  stream_id: row.stream_id,
  version: row.version,
  position: BigInt(row.position),
});

function checkExpected(expected: ExpectedVersion): void {
  if (expected !== 'any' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new RangeError(`expected version must be 'any' or a non-negative integer, got ${String(expected)}`);
  }
}

function checkEvents(streamId: string, events: NewEvent[]): void {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new RangeError('stream id must be a non-empty string');
  for (const event of events) {
    if (typeof event.event_id !== 'string' || event.event_id.length === 0) throw new RangeError('event_id must be a non-empty string');
    if (typeof event.type !== 'string' || event.type.length === 0) throw new RangeError('event type must be a non-empty string');
  }
}

/**
 * The event store on PostgreSQL, through a SqlClient: the same code on a server (node-postgres) and on
 * embedded PGlite. Tables and the position function come from the migrations in EVENT_STORE_MIGRATIONS_DIR.
 *
 * Writers of one stream take turns (a transaction-level advisory lock per stream) and check the expected
 * version inside their turn: of concurrent writers with the same expected version one wins, the others get
 * VersionConflictError. The global log is read only up to the oldest transaction still in flight, so a
 * position that commits late is never skipped.
 */
export class PostgresEventStore implements EventStore {
  private readonly channel: string;
  private readonly timing: CatchUpTiming;
  private readonly onBackgroundError: (error: unknown) => void;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly notify: CoalescingSignal;
  private listening: Promise<(() => Promise<void>) | null> | null = null;
  private closed = false;

  constructor(
    private readonly sql: SqlClient,
    options: PostgresEventStoreOptions = {},
  ) {
    this.channel = options.channel ?? 'kyc_events';
    this.onBackgroundError = options.onBackgroundError ?? (() => undefined);
    // Without notifications from other processes, polling alone must keep the latency low.
    const maxPollMs = sql.listen ? 1_000 : DEFAULT_CATCH_UP_TIMING.maxPollMs;
    this.timing = { ...DEFAULT_CATCH_UP_TIMING, maxPollMs, ...options.subscriptions };
    // After the commit, not inside the transaction: a NOTIFY holds a database-wide lock through the commit,
    // which would serialise every append.
    this.notify = new CoalescingSignal(async () => {
      await this.sql.query('SELECT pg_notify($1, $2)', [this.channel, '']);
    }, this.onBackgroundError);
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    checkExpected(expected);
    checkEvents(streamId, events);
    if (events.length === 0) return this.unchanged(streamId, expected);
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.appendOnce(streamId, events, expected);
        this.afterAppend();
        return result;
      } catch (error) {
        if (error instanceof VersionConflictError) throw error;
        if (isUniqueViolation(error, EVENT_ID_CONSTRAINT)) throw await this.duplicateError(streamId, events);
        if (VERSION_CONSTRAINTS.some((constraint) => isUniqueViolation(error, constraint))) {
          throw new VersionConflictError(streamId, expected, await this.streamVersion(this.sql, streamId));
        }
        if (attempt < APPEND_ATTEMPTS && isTransientTransactionError(error)) continue;
        throw error;
      }
    }
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const { rows } = await this.sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM kyc_events e WHERE e.stream_id = $1 ORDER BY e.version`,
      [streamId],
    );
    return rows.map(toRecorded);
  }

  async readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const streams = new Map([...new Set(streamIds)].map((streamId) => [streamId, [] as RecordedEvent[]]));
    if (streams.size === 0) return streams;
    const { rows } = await this.sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM kyc_events e WHERE e.stream_id = ANY($1::text[]) ORDER BY e.stream_id, e.version`,
      [[...streams.keys()]],
    );
    for (const row of rows) streams.get(row.stream_id)?.push(toRecorded(row));
    return streams;
  }

  async readAll(from: bigint, limit: number): Promise<RecordedEvent[]> {
    if (typeof from !== 'bigint' || from < 0n) throw new RangeError('from must be a non-negative bigint');
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    const { rows } = await this.sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM kyc_events e
        WHERE e.position > $1::bigint AND ${SETTLED}
        ORDER BY e.position
        LIMIT $2`,
      [from.toString(), limit],
    );
    return rows.map(toRecorded);
  }

  async headPosition(): Promise<bigint> {
    const { rows } = await this.sql.query<{ head: string | null }>(
      `SELECT e.position::text AS head FROM kyc_events e WHERE ${SETTLED} ORDER BY e.position DESC LIMIT 1`,
    );
    return rows.length > 0 && rows[0].head !== null ? BigInt(rows[0].head) : 0n;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    if (this.closed) throw new Error('the event store is closed');
    this.listening ??= this.startListening();
    const subscription = new CatchUpSubscription(
      this,
      options,
      this.timing,
      (closed) => this.subscriptions.delete(closed),
      // Wake-ups set up first, so none is missed after the first read; but never stall delivery on them.
      Promise.race([this.listening, new Promise((resolve) => setTimeout(resolve, LISTEN_WAIT_MS).unref())]),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Closes every subscription (after their handlers return) and stops listening; the SqlClient stays open. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    const unlisten = await this.listening;
    await unlisten?.().catch(this.onBackgroundError);
    await this.notify.idle();
  }

  private async appendOnce(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const payload = events.map((event) => ({
      event_id: event.event_id,
      type: event.type,
      // JSON null stays a JSON null (see coalesce in kyc_append_events).
      data: event.data === undefined ? null : event.data,
      metadata: event.metadata,
    }));
    try {
      const { rows } = await this.sql.query<{ version: number; last_position: string }>(
        'SELECT version, last_position::text AS last_position FROM kyc_append_events($1, $2, $3::text::jsonb, $4)',
        [streamId, expected === 'any' ? -1 : expected, JSON.stringify(payload), STREAM_LOCK_SEED],
      );
      return { version: rows[0].version, position: BigInt(rows[0].last_position) };
    } catch (error) {
      if (sqlErrorCode(error) === VERSION_CONFLICT_STATE) {
        throw new VersionConflictError(streamId, expected, Number((error as { detail?: string }).detail));
      }
      throw error;
    }
  }

  private async streamVersion(sql: SqlQueryable, streamId: string): Promise<number> {
    const { rows } = await sql.query<{ version: number }>('SELECT version FROM kyc_event_streams WHERE stream_id = $1', [streamId]);
    return rows.length > 0 ? rows[0].version : 0;
  }

  /** Appending nothing writes nothing, but still answers for the expected version. */
  private async unchanged(streamId: string, expected: ExpectedVersion): Promise<AppendResult> {
    const { rows } = await this.sql.query<{ version: number; position: string }>(
      `SELECT s.version, e.position::text AS position
         FROM kyc_event_streams s JOIN kyc_events e ON e.stream_id = s.stream_id AND e.version = s.version
        WHERE s.stream_id = $1`,
      [streamId],
    );
    const version = rows.length > 0 ? rows[0].version : 0;
    if (expected !== 'any' && expected !== version) throw new VersionConflictError(streamId, expected, version);
    return { version, position: rows.length > 0 ? BigInt(rows[0].position) : 0n };
  }

  private async duplicateError(streamId: string, events: NewEvent[]): Promise<DuplicateEventIdError> {
    const ids = events.map((event) => event.event_id);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    const { rows } = await this.sql.query<{ event_id: string }>('SELECT event_id FROM kyc_events WHERE event_id = ANY($1::text[])', [ids]);
    const duplicates = [...new Set([...repeated, ...rows.map((row) => row.event_id)])];
    return new DuplicateEventIdError(streamId, duplicates);
  }

  private afterAppend(): void {
    for (const subscription of this.subscriptions) subscription.wake();
    this.notify.ping();
  }

  private async startListening(): Promise<(() => Promise<void>) | null> {
    if (!this.sql.listen) return null;
    try {
      return await this.sql.listen(this.channel, () => {
        for (const subscription of this.subscriptions) subscription.wake();
      });
    } catch (error) {
      // Polling still delivers everything, only later.
      this.onBackgroundError(error);
      return null;
    }
  }
}

/** Applies the event store's migrations (owner 'event-store') and returns the store. */
export async function createPostgresEventStore(sql: SqlClient, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
  await migrate(sql, EVENT_STORE_MIGRATIONS_DIR, { owner: EVENT_STORE_MIGRATIONS_OWNER });
  return new PostgresEventStore(sql, options);
}
