/** Who caused an event (mirrors the domain's Actor; ports do not import the domain). */
export interface EventActor {
  type: 'api_key' | 'end_user' | 'system';
  id: string;
}

export interface EventMetadata {
  correlation_id: string;
  causation_id: string | null;
  actor: EventActor;
  tenant_id: string;
  /** ISO 8601 UTC. */
  occurred_at: string;
  schema_version: number;
}

export interface NewEvent {
  event_id: string;
  type: string;
  /** JSON-serialisable; personal data in it is already encrypted by the caller. */
  data: unknown;
  metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  stream_id: string;
  /** 1-based position of the event within its stream. */
  version: number;
  /** Position in the store's global log. Opaque and monotonic; bigint because it outgrows 2^53. */
  position: bigint;
}

/**
 * Optimistic concurrency: the number of events the writer saw in the stream (0 = the stream must not exist),
 * or 'any' to skip the check.
 */
export type ExpectedVersion = number | 'any';

export interface AppendResult {
  /** The stream's version after the append. */
  version: number;
  /** Global position of the last appended event. */
  position: bigint;
}

export class VersionConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected version ${expected}, found ${actual}`);
    this.name = 'VersionConflictError';
  }
}

export interface Subscription {
  /** Stops delivery; resolves once the handler in flight (if any) has returned. */
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Deliver events after this global position (exclusive); 0n = from the start. */
  from: bigint;
  /** Called for each event in global order; the next event is delivered only after it resolves. */
  handler?: (event: RecordedEvent) => Promise<void>;
  /**
   * Instead of `handler`: called with each batch read from the log (in order, never empty), for consumers that
   * write a whole batch in one transaction. A failure retries the whole batch.
   */
  batchHandler?: (events: RecordedEvent[]) => Promise<void>;
  /** Called when delivery fails; the subscription retries from the last delivered position with backoff. */
  onError?: (error: unknown) => void;
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;
  readStream(streamId: string): Promise<RecordedEvent[]>;
  /**
   * Several streams at once (each as readStream reads it; an unknown stream reads as empty), for consumers that
   * fold a batch of aggregates: one round trip where the store allows it.
   */
  readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>>;
  /**
   * Events after `from` (exclusive) in global order, at most `limit`. Never returns an event while an
   * earlier position may still commit: a reader that resumes from the last position it saw skips nothing.
   */
  readAll(from: bigint, limit: number): Promise<RecordedEvent[]>;
  /** Catch-up subscription over the global log, live after it reaches the head. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  /** Global position of the newest event readable by readAll (0n when empty). */
  headPosition(): Promise<bigint>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
