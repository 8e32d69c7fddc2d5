import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  STREAM_NAME,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  type AllStreamJSONRecordedEvent,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendResult,
  type AppendToStreamOptions,
  type EventData,
  type Filter,
  type ReadAllOptions,
  type ReadPosition,
  type ReadStreamOptions,
  type ResolvedEvent,
  type StreamingRead,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import type { EventStoreDbClient } from '../eventstoredb-client';

interface StoredEvent {
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  /** As the client sends it: JSON text. */
  data: string;
  metadata: string | null;
  /** Commit = prepare position: every event is its own record (an implicit transaction). */
  position: bigint;
}

interface LiveSubscription {
  readable: Readable;
  filter: Filter | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * EventStoreDB behind `@eventstore/db-client`, in memory, for unit tests of the store where no server runs. It
 * behaves as the server does in what the store relies on: positions are offsets of records in one log (not
 * consecutive, system records in between); a forward read of $all starts at the event at its position, a
 * backward one before it, a subscription after it; a forward read from inside a record fails; expected revisions
 * and the idempotency of repeated event ids are checked as the server checks them; a missing stream fails a read
 * with StreamNotFoundError; errors reach readers as emitted events. It is no substitute for the contract suite
 * on a real server.
 */
export class InMemoryEventStoreDbClient implements EventStoreDbClient {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly live = new Set<LiveSubscription>();
  /** Where the next record goes; the log starts with records of the server's own. */
  private end = 4_096n;
  /** Where each subscription to $all started, in the order they were opened. */
  readonly subscriptionStarts: ReadPosition[] = [];
  /** Answer appends without a position, as the server does for a repeat it cannot place. */
  answerWithoutPosition = false;
  disposed = false;

  /** Writes an event of EventStoreDB's own (statistics, settings, links of projections). */
  appendSystemEvent(streamId = '$stats-127.0.0.1:2113', type = '$statsCollected'): void {
    this.write(streamId, [{ id: randomUUID(), type, data: '{}', metadata: null }]);
  }

  /** Fails every open subscription, as a lost connection does. */
  dropSubscriptions(error: Error = new UnavailableError(undefined, 'connection lost')): void {
    for (const subscription of this.takeLive()) subscription.readable.emit('error', error);
  }

  /** Ends every open subscription without an error, as a server shutting down does. */
  endSubscriptions(): void {
    for (const subscription of this.takeLive()) subscription.readable.push(null);
  }

  get openSubscriptions(): number {
    return this.live.size;
  }

  async appendToStream(
    streamName: string,
    events: EventData[],
    options: AppendToStreamOptions,
  ): Promise<AppendResult> {
    this.checkOpen();
    const expected = options.expectedRevision ?? ANY;
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? -1n : stream[stream.length - 1].revision;
    const ids = events.map((event) => {
      if (!UUID.test(event.id)) throw new UnknownError(undefined, `invalid event id ${event.id}`);
      return event.id.toLowerCase();
    });
    const refuse = () =>
      new WrongExpectedVersionError(undefined, {
        streamName,
        expected,
        current: current < 0n ? NO_STREAM : current,
      });

    // The server's commit check: a repeat of stored events is acknowledged with their result, a partial one refused.
    if (expected === ANY) {
      const found = ids.map((id) => stream.find((event) => event.id === id));
      if (found[0]) {
        if (found.every((event) => event !== undefined)) return this.answer(found[found.length - 1]!);
        throw refuse();
      }
    } else if (expected === STREAM_EXISTS) {
      if (current < 0n) throw refuse();
    } else {
      const last = expected === NO_STREAM ? -1n : expected;
      if (last > current) throw refuse();
      if (last < current) {
        const at = ids.map((_, i) => stream.find((event) => event.revision === last + 1n + BigInt(i)));
        if (at.every((event, i) => event?.id === ids[i])) return this.answer(at[at.length - 1]!);
        throw refuse();
      }
    }

    const written = this.write(
      streamName,
      events.map((event, i) => {
        if (event.contentType !== 'application/json') throw new TypeError('only JSON events are modelled');
        // As the client serialises them.
        const data = JSON.stringify(event.data) as string | undefined;
        if (data === undefined)
          throw new TypeError('The first argument must be of type string (data is not JSON)');
        return {
          id: ids[i],
          type: event.type,
          data,
          metadata: event.metadata ? JSON.stringify(event.metadata) : null,
        };
      }),
    );
    return this.answer(written[written.length - 1]);
  }

  readStream(streamName: string, options: ReadStreamOptions = {}): StreamingRead<ResolvedEvent> {
    this.checkOpen();
    const stream = this.streams.get(streamName);
    if (!stream) return readOf<ResolvedEvent>(new StreamNotFoundError(undefined, streamName));
    const {
      direction,
      fromRevision = direction === BACKWARDS ? END : START,
      maxCount = Number.MAX_SAFE_INTEGER,
    } = options;
    const selected =
      direction === BACKWARDS
        ? stream
            .filter(
              (event) =>
                fromRevision === END || (typeof fromRevision === 'bigint' && event.revision <= fromRevision),
            )
            .reverse()
        : stream.filter(
            (event) =>
              fromRevision === START || (typeof fromRevision === 'bigint' && event.revision >= fromRevision),
          );
    return readOf(selected.slice(0, Number(maxCount)).map(resolved));
  }

  readAll(options: ReadAllOptions = {}): StreamingRead<AllStreamResolvedEvent> {
    this.checkOpen();
    const {
      direction,
      fromPosition = direction === BACKWARDS ? END : START,
      maxCount = Number.MAX_SAFE_INTEGER,
    } = options;
    let selected: StoredEvent[];
    if (direction === BACKWARDS) {
      selected = this.log
        .filter(
          (event) =>
            fromPosition === END ||
            (typeof fromPosition === 'object' && event.position < fromPosition.commit),
        )
        .reverse();
    } else if (fromPosition === START) {
      selected = this.log;
    } else if (fromPosition === END) {
      selected = [];
    } else {
      const at = fromPosition.commit;
      if (at < this.end && !this.log.some((event) => event.position === at)) {
        return readOf<AllStreamResolvedEvent>(
          new UnknownError(undefined, `read of $all at an invalid position ${at}`),
        );
      }
      selected = this.log.filter((event) => event.position >= at);
    }
    return readOf(selected.slice(0, Number(maxCount)).map(resolved));
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllStreamSubscription {
    this.checkOpen();
    const { fromPosition = START, filter } = options;
    this.subscriptionStarts.push(fromPosition);
    const subscription: LiveSubscription = {
      readable: new Readable({ objectMode: true, read: () => undefined }),
      filter,
    };
    const after = fromPosition === START ? -1n : fromPosition === END ? this.end : fromPosition.commit;
    for (const event of this.log) {
      if (event.position > after && matches(filter, event)) subscription.readable.push(resolved(event));
    }
    this.live.add(subscription);
    return Object.assign(subscription.readable, {
      // Like the client's: it cancels the call; the stream itself is left to its reader.
      unsubscribe: async () => void this.live.delete(subscription),
    }) as unknown as AllStreamSubscription;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const subscription of this.takeLive()) subscription.readable.destroy();
  }

  private write(
    streamId: string,
    events: Array<Omit<StoredEvent, 'streamId' | 'revision' | 'position'>>,
  ): StoredEvent[] {
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    const written = events.map((event) => {
      const stored: StoredEvent = { ...event, streamId, revision: BigInt(stream.length), position: this.end };
      this.end += BigInt(
        100 + streamId.length + event.type.length + event.data.length + (event.metadata?.length ?? 0),
      );
      stream.push(stored);
      this.log.push(stored);
      return stored;
    });
    for (const subscription of this.live) {
      for (const event of written)
        if (matches(subscription.filter, event)) subscription.readable.push(resolved(event));
    }
    return written;
  }

  private answer(last: StoredEvent): AppendResult {
    return {
      success: true,
      nextExpectedRevision: last.revision,
      position: this.answerWithoutPosition ? undefined : { commit: last.position, prepare: last.position },
    };
  }

  private takeLive(): LiveSubscription[] {
    const all = [...this.live];
    this.live.clear();
    return all;
  }

  private checkOpen(): void {
    if (this.disposed) throw new Error('client disposed');
  }
}

function matches(filter: Filter | undefined, event: StoredEvent): boolean {
  if (!filter) return true;
  const value = filter.filterOn === STREAM_NAME ? event.streamId : event.type;
  return 'regex' in filter
    ? new RegExp(filter.regex).test(value)
    : filter.prefixes.some((prefix) => value.startsWith(prefix));
}

function resolved(event: StoredEvent): AllStreamResolvedEvent {
  const recorded = {
    streamId: event.streamId,
    id: event.id,
    isJson: true,
    revision: event.revision,
    type: event.type,
    created: new Date(),
    data: JSON.parse(event.data),
    metadata: event.metadata === null ? undefined : JSON.parse(event.metadata),
    position: { commit: event.position, prepare: event.position },
  } as AllStreamJSONRecordedEvent;
  return { event: recorded, commitPosition: event.position };
}

/** A finite read as the client returns it; a failure is emitted (not thrown) once a reader can listen. */
function readOf<T>(results: T[] | Error): StreamingRead<T> {
  const readable = new Readable({ objectMode: true, read: () => undefined });
  if (results instanceof Error) {
    process.nextTick(() => readable.emit('error', results));
  } else {
    for (const result of results) readable.push(result);
    readable.push(null);
  }
  return Object.assign(readable, {
    cancel: async () => void readable.destroy(),
  }) as unknown as StreamingRead<T>;
}
