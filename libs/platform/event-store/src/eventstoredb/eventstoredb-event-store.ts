import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  type AllStreamResolvedEvent,
  type AppendResult as ServerAppendResult,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import { DuplicateEventIdError } from '../duplicate-event-id.error';
import {
  VersionConflictError,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import {
  isStreamNotFound,
  isWrongExpectedVersion,
  repeatedEventIds,
  toVersionConflict,
} from './eventstoredb-append-errors';
import { readToEnd, type EventStoreDbClient } from './eventstoredb-client';
import { openAllStreamFeed } from './eventstoredb-event-feed';
import { toEventData, toRecordedEvent } from './eventstoredb-event-mapping';
import { toExpectedRevision, versionOfRevision } from './eventstoredb-expected-revision';
import { isAfter, toGlobalPosition, toReadPosition } from './eventstoredb-position';
import { StreamSelection } from './eventstoredb-stream-selection';
import {
  DEFAULT_RESUBSCRIBE_TIMING,
  ResubscribingSubscription,
  type ResubscribeTiming,
} from './resubscribing-subscription';

export interface EventStoreDbEventStoreOptions {
  /**
   * Only streams whose name starts with one of these are this store's: readAll, subscriptions and headPosition
   * show only their events, and append refuses other streams (default: every stream but EventStoreDB's own).
   */
  streamPrefixes?: string[];
  /** Batch size and retry timing of subscriptions. */
  subscriptions?: Partial<ResubscribeTiming>;
}

/** Events of $all looked at per round trip while searching backwards for the newest event of ours. */
const HEAD_SEARCH_PAGE = 64;
/** EventStoreDB stores event ids as UUIDs and answers with their lower-case form: only that form reads back unchanged. */
const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface StreamState {
  version: number;
  position: bigint;
}

/**
 * The event store on EventStoreDB (20 and later; KurrentDB), through `@eventstore/db-client` over gRPC.
 *
 * One EventStoreDB stream per port stream; an append carries the expected revision, so the server lets exactly
 * one of several writers with the same expectation win. Global positions are commit positions of $all (see
 * toGlobalPosition); $all only ever shows fully written appends in log order, so reading it is gap-free.
 * readAll and subscriptions see only this store's streams. Subscriptions are EventStoreDB catch-up
 * subscriptions, filtered on the server, opened again from the last delivered position whenever they end.
 * Closing the store disposes of its client.
 *
 * Event ids: the server treats an exact repeat of an append (the same ids at the same place) as idempotent and
 * answers it with the original result; with 'any' it recognises repeats from a cache of recent ids, so only at
 * best effort. It has no index of event ids across streams: unlike the PostgreSQL adapter, this one cannot
 * refuse an id that is stored in another stream.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly selection: StreamSelection;
  private readonly timing: ResubscribeTiming;
  private readonly subscriptions = new Set<ResubscribingSubscription>();
  private closing: Promise<void> | null = null;

  constructor(
    private readonly client: EventStoreDbClient,
    options: EventStoreDbEventStoreOptions = {},
  ) {
    this.selection = new StreamSelection(options.streamPrefixes);
    this.timing = { ...DEFAULT_RESUBSCRIBE_TIMING, ...options.subscriptions };
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const expectedRevision = toExpectedRevision(expected);
    this.checkStream(streamId);
    checkEvents(events);
    const repeated = repeatedEventIds(events);
    if (repeated.length > 0) throw new DuplicateEventIdError(streamId, repeated);
    if (events.length === 0) return this.unchanged(streamId, expected);

    let result: ServerAppendResult;
    try {
      result = await this.client.appendToStream(streamId, events.map(toEventData), { expectedRevision });
    } catch (error) {
      if (isWrongExpectedVersion(error)) {
        throw expected === 'any'
          ? await this.duplicateError(streamId, events)
          : toVersionConflict(error, streamId, expected);
      }
      throw error;
    }
    // Only a client built with throwOnAppendFailure=false answers a refusal instead of throwing it.
    if (!result.success) {
      throw expected === 'any'
        ? await this.duplicateError(streamId, events)
        : new VersionConflictError(streamId, expected, (await this.state(streamId)).version);
    }
    return {
      version: versionOfRevision(result.nextExpectedRevision),
      position: result.position
        ? toGlobalPosition(result.position)
        : await this.positionOf(streamId, result.nextExpectedRevision),
    };
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    try {
      const read = await readToEnd(
        this.client.readStream(streamId, { direction: FORWARDS, fromRevision: START }),
      );
      return read.flatMap((resolved) => (resolved.event ? [toRecordedEvent(resolved.event)] : []));
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
  }
  /** EventStoreDB reads one stream per call: the reads go out side by side on the client's connection. */
  async readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const unique = [...new Set(streamIds)];
    const read = await Promise.all(unique.map((streamId) => this.readStream(streamId)));
    return new Map(unique.map((streamId, i) => [streamId, read[i]]));
  }


  /**
   * `from` is 0n or a position this store reported (EventStoreDB reads $all from where an event starts, or from
   * past its end). The client reads $all unfiltered: events of other streams are skipped here, page by page.
   */
  async readAll(from: bigint, limit: number): Promise<RecordedEvent[]> {
    if (typeof from !== 'bigint' || from < 0n) throw new RangeError('from must be a non-negative bigint');
    if (!Number.isSafeInteger(limit) || limit < 1)
      throw new RangeError(`limit must be a positive integer, got ${limit}`);
    const own: RecordedEvent[] = [];
    // A forward read of $all from a position starts with the event at that position: it is dropped here.
    let after: Position | null = from === 0n ? null : (toReadPosition(from) as Position);
    for (;;) {
      const maxCount = limit - own.length + (after ? 1 : 0);
      const page = await readToEnd(
        this.client.readAll({ direction: FORWARDS, fromPosition: after ?? START, maxCount }),
      );
      let last: Position | null = null;
      for (const { event } of page) {
        if (!event || (after && !isAfter(event.position, after))) continue;
        last = event.position;
        if (!this.selection.includes(event)) continue;
        own.push(toRecordedEvent(event));
        if (own.length === limit) return own;
      }
      // A short page is the end of the log; a full one of other streams' events is read past.
      if (page.length < maxCount || last === null) return own;
      after = last;
    }
  }

  async headPosition(): Promise<bigint> {
    let before: ReadPosition = END;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await readToEnd(
        this.client.readAll({ direction: BACKWARDS, fromPosition: before, maxCount: HEAD_SEARCH_PAGE }),
      );
      for (const { event } of page) {
        if (event && this.selection.includes(event)) return toGlobalPosition(event.position);
      }
      const oldest = page[page.length - 1]?.event;
      if (page.length < HEAD_SEARCH_PAGE || !oldest) return 0n;
      // A backward read from a position starts before the event at it.
      before = oldest.position;
    }
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    if (this.closing) throw new Error('the event store is closed');
    const subscription = new ResubscribingSubscription(
      (from) => openAllStreamFeed(this.client, this.selection, from),
      options,
      this.timing,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Closes every subscription (after their handlers return), then disposes of the client. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
      await this.client.dispose();
    })();
    return this.closing;
  }

  private checkStream(streamId: string): void {
    if (typeof streamId !== 'string' || streamId.length === 0)
      throw new RangeError('stream id must be a non-empty string');
    if (!this.selection.coversStream(streamId)) {
      throw new RangeError(
        `stream ${streamId} is not one of this store's streams (system streams start with '$'; see streamPrefixes): its events would never be read back`,
      );
    }
  }

  /** Appending nothing writes nothing, but still answers for the expected version. */
  private async unchanged(streamId: string, expected: ExpectedVersion): Promise<AppendResult> {
    const state = await this.state(streamId);
    if (expected !== 'any' && expected !== state.version)
      throw new VersionConflictError(streamId, expected, state.version);
    return state;
  }

  /** The stream's version and the position of its last event (0 and 0n for a stream that does not exist). */
  private async state(streamId: string): Promise<StreamState> {
    const [last] = await this.readLast(streamId, END);
    return last
      ? { version: versionOfRevision(last.revision), position: toGlobalPosition(last.position) }
      : { version: 0, position: 0n };
  }

  /** For a successful append the server answered without a position (an idempotent repeat it could not place). */
  private async positionOf(streamId: string, revision: bigint): Promise<bigint> {
    const [event] = await this.readLast(streamId, revision);
    if (!event || event.revision !== revision)
      throw new Error(`stream ${streamId}: no event at revision ${revision} right after appending it`);
    return toGlobalPosition(event.position);
  }

  private async readLast(
    streamId: string,
    fromRevision: bigint | typeof END,
  ): Promise<Array<{ revision: bigint; position: Position }>> {
    try {
      const read = await readToEnd(
        this.client.readStream(streamId, { direction: BACKWARDS, fromRevision, maxCount: 1 }),
      );
      return read.flatMap(({ event }) => {
        if (!event) return [];
        if (!event.position)
          throw new Error(
            `stream ${streamId}: the server reported no position; EventStoreDB 22.6 or later reports one`,
          );
        return [{ revision: event.revision, position: event.position }];
      });
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
  }

  /**
   * With 'any' the server checks no revision: it refuses an append only when the batch's first event is already
   * in the stream and the others are not all there after it (a repeat it cannot treat as idempotent).
   */
  private async duplicateError(streamId: string, events: NewEvent[]): Promise<DuplicateEventIdError> {
    const ids = new Set(events.map((event) => event.event_id));
    let stored: string[];
    try {
      stored = (await this.readStream(streamId)).map((event) => event.event_id).filter((id) => ids.has(id));
    } catch {
      // Naming the ids is a courtesy; the refusal stands. The server refuses only when it found the first one.
      stored = [events[0].event_id];
    }
    return new DuplicateEventIdError(streamId, stored);
  }
}

function checkEvents(events: NewEvent[]): void {
  for (const event of events) {
    if (typeof event.event_id !== 'string' || !EVENT_ID.test(event.event_id)) {
      throw new RangeError(
        `event_id must be a UUID in lower case (EventStoreDB stores event ids as UUIDs), got ${String(event.event_id)}`,
      );
    }
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.startsWith('$')) {
      throw new RangeError(
        `event type must be a non-empty string not starting with '$' (EventStoreDB's own types), got ${String(event.type)}`,
      );
    }
  }
}

/** A store on its own client, from a connection string such as `esdb://localhost:2113?tls=false`. */
export function createEventStoreDbEventStore(
  connectionString: string,
  options: EventStoreDbEventStoreOptions = {},
): EventStoreDbEventStore {
  return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
}
