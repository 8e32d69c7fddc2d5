/**
 * A message bus with Kafka's semantics, so the in-process adapter (embedded mode) and the Kafka adapter
 * (distributed mode) are interchangeable:
 * - topics are split into partitions by key; messages of one key stay in one partition, in order;
 * - consumer groups: every group receives every message; inside a group a message is handled by one member,
 *   messages of one partition one at a time (or one batch at a time), different partitions possibly concurrently;
 * - at-least-once: a handler that throws gets the message again after a backoff; after `maxAttempts` the
 *   message is moved to `<topic>.dlq` (see DLQ_HEADERS) so that a poison message never stalls its partition.
 *   A batch that throws is split: its messages are delivered again one at a time, so only the message that
 *   keeps failing is dead-lettered.
 */

export type MessageHeaders = Record<string, string>;

export interface OutgoingMessage {
  /** Partitioning key: every message of one key is delivered in publish order. */
  key: string;
  value: Buffer | string;
  headers?: MessageHeaders;
}

export interface ConsumedMessage {
  topic: string;
  partition: number;
  /** Offset within the partition; bigint like every log position. */
  offset: bigint;
  key: string;
  /** Always a Buffer on the consuming side, whatever was published. */
  value: Buffer;
  headers: MessageHeaders;
  /** Milliseconds since the epoch at which the bus accepted the message. */
  timestamp: number;
  /** 1 on first delivery, incremented on every redelivery after a failed attempt. */
  attempt: number;
}

export type MessageHandler = (message: ConsumedMessage) => Promise<void>;

/** Consecutive messages of one partition, in order; all delivered for the same attempt. */
export type MessageBatchHandler = (messages: ConsumedMessage[]) => Promise<void>;

export interface BatchDelivery {
  handler: MessageBatchHandler;
  /**
   * The most messages in one call (default 100). A batch is what the partition holds at the time, never
   * waited for: a quiet partition delivers batches of one.
   */
  maxMessages?: number;
}

export interface RetryPolicy {
  /** Deliveries of one message before it goes to the dead-letter topic (default 5). */
  maxAttempts: number;
  /** Delay before the first redelivery; doubles on every further failure (default 100 ms). */
  initialBackoffMs: number;
  /** Upper bound of the delay between two deliveries (default 5 s). */
  maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 5,
  initialBackoffMs: 100,
  maxBackoffMs: 5_000,
});

interface SubscriptionTarget {
  topic: string;
  /** Consumer group; set it explicitly everywhere (frameworks that append suffixes to it must not). */
  groupId: string;
  /**
   * Where a group that has no committed offset starts: the oldest retained message (true) or only messages
   * published after the subscription is positioned (false, the default, as in Kafka). A group that already
   * committed offsets resumes after them either way.
   */
  fromBeginning?: boolean;
  /** Overrides the bus's retry policy for this subscription. */
  retry?: Partial<RetryPolicy>;
}

/**
 * One handler: `handler` takes a message at a time; `batch` takes runs of a partition's messages, for consumers
 * whose cost is per call (one transaction for many rows).
 */
export type MessageSubscribeOptions = SubscriptionTarget &
  ({ handler: MessageHandler; batch?: never } | { batch: BatchDelivery; handler?: never });

export interface MessageSubscription {
  /** Stops delivery to this member; resolves once its handler in flight (if any) has returned. */
  close(): Promise<void>;
}

export interface MessageBus {
  /**
   * Appends the messages (in array order per key) and resolves once the bus has durably accepted all of
   * them (Kafka: acks from all in-sync replicas). Never runs a handler before it returns.
   */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  /**
   * Joins the group and resolves once the member is positioned: every message published after that is
   * delivered to the group.
   */
  subscribe(options: MessageSubscribeOptions): Promise<MessageSubscription>;
  /**
   * Resolves once every open subscription has handled (or dead-lettered) every message published before the
   * call, and everything those handlers published in turn. For tests and graceful shutdown.
   */
  waitUntilIdle(): Promise<void>;
  /** Closes every subscription (waiting for handlers in flight) and releases the bus. */
  close(): Promise<void>;
}

/** Dead-letter topic of a topic. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** Headers added to a dead-lettered message (its own headers are kept). */
export const DLQ_HEADERS = Object.freeze({
  originalTopic: 'kyc-dlq-original-topic',
  originalPartition: 'kyc-dlq-original-partition',
  originalOffset: 'kyc-dlq-original-offset',
  groupId: 'kyc-dlq-group-id',
  attempts: 'kyc-dlq-attempts',
  errorName: 'kyc-dlq-error-name',
  errorMessage: 'kyc-dlq-error-message',
  failedAt: 'kyc-dlq-failed-at',
});

export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
