import {
  SESSION_EVENTS_TOPIC,
  SESSION_INTEGRATION_EVENT_SCHEMA_VERSION,
  sessionIdFromStreamId,
  sessionSnapshotFromCreated,
  toIntegrationEvent,
  type SessionSnapshot,
} from '@kyc/contracts';
import type { SqlQueryable } from '@kyc/database';
import type { EventStore, RecordedEvent, Subscription } from '@kyc/event-store';
import type { MessageBus, OutgoingMessage } from '../message-bus.port';
import { RelayCheckpointRepository } from './relay-checkpoint.repository';
import { SessionSnapshotCache } from './session-snapshot-cache';

export interface EventRelayOptions {
  store: EventStore;
  /** Where the checkpoint lives (table `kyc_relay_checkpoints`, see MESSAGING_MIGRATIONS_DIR). */
  sql: SqlQueryable;
  bus: MessageBus;
  /** Checkpoint name; run one relay per name (default 'session-events'). */
  name?: string;
  topic?: string;
  /**
   * Pause after a failure, doubling per consecutive failure up to `maxBackoffMs` (default 200 ms .. 2 s: a
   * broker that comes back is used within about 2 s, and a retry every 2 s costs a dead broker nothing).
   */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Sessions whose workflow_id and custom_tags are kept in memory (default 10,000). */
  snapshotCacheSize?: number;
  /** Failures the relay recovered from by backing off, and anomalies it published around. */
  onError?: (error: unknown) => void;
}

/** A session stream without a readable SessionCreated event: its events go out without workflow_id and tags. */
export class MissingSessionSnapshotError extends Error {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} has no SessionCreated event to take workflow_id and custom_tags from`);
    this.name = 'MissingSessionSnapshotError';
  }
}

/** The relay stopped before it reached the position a caller was waiting for. */
export class EventRelayStoppedError extends Error {
  constructor() {
    super('the event relay is not running');
    this.name = 'EventRelayStoppedError';
  }
}

/**
 * Publishes every session event of the store's global log to the bus (topic SESSION_EVENTS_TOPIC, key =
 * session id) in its public form. The store is the outbox: the relay reads from a durable checkpoint and moves
 * it only after the bus accepted the batch, so a crash republishes (at least once) and never skips.
 */
export class EventRelay {
  private readonly checkpoints: RelayCheckpointRepository;
  private readonly snapshots: SessionSnapshotCache;
  private readonly name: string;
  private readonly topic: string;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private checkpoint: bigint | null = null;
  private subscription: Subscription | null = null;
  private stopping = false;
  private endBackoff: (() => void) | null = null;
  private progressWaiters: (() => void)[] = [];

  constructor(private readonly options: EventRelayOptions) {
    this.checkpoints = new RelayCheckpointRepository(options.sql);
    this.snapshots = new SessionSnapshotCache(options.snapshotCacheSize ?? 10_000);
    this.name = options.name ?? 'session-events';
    this.topic = options.topic ?? SESSION_EVENTS_TOPIC;
    this.initialBackoffMs = options.initialBackoffMs ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 2_000;
  }

  get running(): boolean {
    return this.subscription !== null;
  }

  /** The last position the relay saved (null before its first successful load). */
  get position(): bigint | null {
    return this.checkpoint;
  }

  /**
   * Loads the checkpoint (so that a missing table or an unreachable database fails here, not silently later)
   * and subscribes to the log from it. The store wakes the subscription on every append, in this process and
   * (PostgreSQL NOTIFY, EventStoreDB push) in others, so an event goes out as soon as it is committed.
   */
  async start(): Promise<void> {
    if (this.subscription) return;
    const from = await this.checkpoints.load(this.name);
    if (this.subscription) return;
    this.checkpoint = from;
    this.stopping = false;
    this.subscription = this.options.store.subscribeToAll({
      from,
      batchHandler: (events) => this.relayUntilAccepted(events),
      onError: this.options.onError,
    });
  }

  /** Finishes the batch in flight (publish and checkpoint), then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.endBackoff?.();
    const subscription = this.subscription;
    await subscription?.close();
    if (this.subscription === subscription) this.subscription = null;
    this.notifyProgress();
  }

  /**
   * Resolves once everything up to `position` has been published (the checkpoint reached it). Pass the
   * position of the last append you care about: the default, the store's head position now, is only what the
   * store lets readers see, which on a busy PostgreSQL server can trail commits that just happened (the log is
   * read below the oldest transaction in flight). Rejects if the relay stops first.
   */
  async waitUntilCaughtUp(position?: bigint): Promise<void> {
    const target = position ?? (await this.options.store.headPosition());
    while (this.checkpoint === null || this.checkpoint < target) {
      if (!this.subscription || this.stopping) throw new EventRelayStoppedError();
      await new Promise<void>((resolve) => this.progressWaiters.push(resolve));
    }
  }

  /**
   * Retries a batch with the relay's own backoff rather than the subscription's: a broker outage is the
   * common failure, and the relay must be back within seconds of the broker, whatever the store's policy.
   * A retry republishes the batch (at least once); the checkpoint moves only after the bus accepted it. On
   * stop the handler returns without saving: the subscription is closing, the checkpoint stays where it was.
   */
  private async relayUntilAccepted(events: RecordedEvent[]): Promise<void> {
    for (let failures = 0; ; ) {
      try {
        await this.relayBatch(events);
        return;
      } catch (error) {
        failures += 1;
        this.options.onError?.(error);
        // Stopping leaves the batch to the next relay, from the saved checkpoint.
        if (this.stopping) return;
        await this.backoff(Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** (failures - 1)));
        if (this.stopping) return;
      }
    }
  }

  private async relayBatch(events: RecordedEvent[]): Promise<void> {
    const messages: OutgoingMessage[] = [];
    for (const event of events) {
      const sessionId = sessionIdFromStreamId(event.stream_id);
      if (sessionId === null) continue;
      const integrationEvent = toIntegrationEvent(event, await this.snapshotFor(sessionId, event));
      messages.push({
        key: sessionId,
        value: JSON.stringify(integrationEvent),
        headers: {
          'content-type': 'application/json',
          'kyc-event-id': integrationEvent.event_id,
          'kyc-event-type': integrationEvent.type,
          'kyc-schema-version': String(SESSION_INTEGRATION_EVENT_SCHEMA_VERSION),
        },
      });
    }
    if (messages.length > 0) await this.options.bus.publish(this.topic, messages);
    const last = events[events.length - 1].position;
    await this.checkpoints.save(this.name, last);
    this.checkpoint = last;
    this.notifyProgress();
  }

  private async snapshotFor(sessionId: string, event: RecordedEvent): Promise<SessionSnapshot> {
    const created = sessionSnapshotFromCreated(event);
    if (created) {
      this.snapshots.set(sessionId, created);
      return created;
    }
    const cached = this.snapshots.get(sessionId);
    if (cached) return cached;
    const [first] = await this.options.store.readStream(event.stream_id);
    const loaded = first ? sessionSnapshotFromCreated(first) : null;
    if (loaded) {
      this.snapshots.set(sessionId, loaded);
      return loaded;
    }
    // Stalling every session's publication on one broken stream would be worse than publishing it bare.
    // Cached, so the anomaly is reported once per session rather than once per event.
    this.options.onError?.(new MissingSessionSnapshotError(event.stream_id));
    const bare = { workflow_id: '', custom_tags: {} };
    this.snapshots.set(sessionId, bare);
    return bare;
  }

  private backoff(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.endBackoff = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.endBackoff = done;
    });
  }

  private notifyProgress(): void {
    const waiters = this.progressWaiters;
    this.progressWaiters = [];
    for (const wake of waiters) wake();
  }
}
