import type { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { deliverRun, type Delivery } from '../batch-delivery';
import { deadLetterTopic, type ConsumedMessage, type OutgoingMessage, type RetryPolicy } from '../message-bus.port';
import { backoffDelay } from '../retry-policy';
import type { DeliveryProgress } from './delivery-progress';
import type { BusLogger } from './kafka-log';
import { deadLetterHeaders, toConsumedMessage } from './kafka-records';

/** What a subscription needs from the bus that owns it. */
export interface SubscriptionHost {
  readonly kafka: Kafka;
  readonly progress: DeliveryProgress;
  readonly log: BusLogger;
  admin(): Promise<Admin>;
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  /** Resolves once every publish under way at the call has returned to its caller. */
  publishesReturned(): Promise<void>;
  /** Runs `work` after any earlier work queued under the same key (within this bus). */
  serialize<T>(key: string, work: () => Promise<T>): Promise<T>;
  onDeadLetter?: (message: ConsumedMessage, groupId: string, error: unknown) => void;
}

export interface ConsumerTimings {
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  maxWaitTimeMs: number;
  commitIntervalMs: number;
  subscribeTimeoutMs: number;
}

export interface KafkaSubscriptionSettings {
  topic: string;
  groupId: string;
  delivery: Delivery;
  fromBeginning: boolean;
  retry: RetryPolicy;
  partitions: number;
  timings: ConsumerTimings;
}

const POSITIONING_ATTEMPTS = 5;

/**
 * One member of a consumer group. Offsets are committed only after the handler returned or the message was
 * dead-lettered, so a member that dies mid-message leaves that message (and those it handled since its last
 * commit) to the next owner of its partition.
 *
 * Start positions are committed explicitly when the member first joins: kafkajs would otherwise resolve
 * "latest" lazily at its first fetch, after `subscribe` has returned, and a message published in between
 * would never reach the group.
 */
export class KafkaSubscription {
  readonly topic: string;
  readonly groupId: string;
  private consumer: Consumer | undefined;
  private joinGeneration = 0;
  private positionedOnce = false;
  private readonly positioned: Deferred;
  private closing = false;
  private closed: Promise<void> | undefined;
  private readonly sleeps = new Set<() => void>();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly host: SubscriptionHost,
    private readonly settings: KafkaSubscriptionSettings,
  ) {
    this.topic = settings.topic;
    this.groupId = settings.groupId;
    this.positioned = deferred();
  }

  /** Counted by `waitUntilIdle` once it has positions and until it is closed. */
  get active(): boolean {
    return this.positionedOnce && !this.closing;
  }

  /**
   * Joins the group; resolves once this member's partitions are positioned and fetching, or rejects at
   * `deadline` (ms since the epoch).
   */
  async start(deadline: number): Promise<void> {
    const { topic, groupId, timings, fromBeginning, partitions } = this.settings;
    const consumer = this.host.kafka.consumer({
      groupId,
      sessionTimeout: timings.sessionTimeoutMs,
      heartbeatInterval: timings.heartbeatIntervalMs,
      maxWaitTimeInMs: timings.maxWaitTimeMs,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
      this.onGroupJoin(consumer, payload.memberAssignment[topic] ?? []),
    );
    consumer.on(consumer.events.CRASH, ({ payload }) => this.onCrash(payload.error, payload.restart));

    const timeout = setTimeout(
      () =>
        this.positioned.reject(
          new Error(
            `group ${groupId} did not assign partitions of ${topic} within ${timings.subscribeTimeoutMs} ms`,
          ),
        ),
      Math.max(0, deadline - Date.now()),
    );
    const joining = (async () => {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: partitions,
        eachBatch: (payload) => this.consumeBatch(payload),
      });
    })();
    try {
      // kafkajs retries connecting for a long while: the deadline (or close) cuts that short.
      await Promise.race([joining, this.positioned.promise]);
      await this.positioned.promise;
    } catch (error) {
      await this.close();
      throw error;
    } finally {
      clearTimeout(timeout);
      joining.catch(() => undefined);
    }
  }

  /** Stops fetching, lets the message in flight finish and commit, then leaves the group. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.closing = true;
      this.positioned.reject(new Error(`subscription of group ${this.groupId} to ${this.topic} was closed`));
      for (const wake of this.sleeps) wake();
      try {
        // Waits for the batch in progress: the handler in flight returns and its offset is committed first.
        await this.consumer?.disconnect();
      } catch (error) {
        this.host.log('warn', 'consumer did not disconnect cleanly', {
          groupId: this.groupId,
          error: errorText(error),
        });
      }
      await Promise.allSettled([...this.inFlight]);
      this.host.progress.notify();
    })();
    return this.closed;
  }

  private onGroupJoin(consumer: Consumer, assigned: number[]): void {
    const generation = ++this.joinGeneration;
    // Synchronous, inside kafkajs's join: no fetch can start from a position kafkajs picked on its own.
    consumer.pause([{ topic: this.topic }]);
    void this.positionWithRetries(consumer, generation, assigned);
  }

  private async positionWithRetries(
    consumer: Consumer,
    generation: number,
    assigned: number[],
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      if (this.closing || generation !== this.joinGeneration) return;
      try {
        await this.host.serialize(`group ${this.groupId}`, () =>
          this.position(consumer, generation, assigned),
        );
        return;
      } catch (error) {
        this.host.log('warn', 'could not position a consumer group member', {
          groupId: this.groupId,
          topic: this.topic,
          attempt,
          error: errorText(error),
        });
        if (attempt >= POSITIONING_ATTEMPTS) {
          this.positioned.reject(error);
          return;
        }
        await this.sleep(
          backoffDelay({ maxAttempts: 1, initialBackoffMs: 200, maxBackoffMs: 2_000 }, attempt),
        );
      }
    }
  }

  /**
   * Commits a start offset for every partition of the topic the group has none for (the oldest retained
   * message or the current end), then points this member's partitions at the group's committed offsets.
   */
  private async position(consumer: Consumer, generation: number, assigned: number[]): Promise<void> {
    const admin = await this.host.admin();
    let committed = await this.committedOffsets(admin);
    const missing = [...committed]
      .filter(([, offset]) => offset === undefined)
      .map(([partition]) => partition);
    if (missing.length > 0) {
      const ends = await admin.fetchTopicOffsets(this.topic);
      const starts = missing.map((partition) => {
        const end = ends.find((entry) => entry.partition === partition);
        if (!end) throw new Error(`no offsets for partition ${partition} of ${this.topic}`);
        return { topic: this.topic, partition, offset: this.settings.fromBeginning ? end.low : end.high };
      });
      if (this.closing || generation !== this.joinGeneration) return;
      await consumer.commitOffsets(starts);
      // kafkajs skips a commit silently when its runner is not running: read back what the broker holds.
      committed = await this.committedOffsets(admin);
      const stillMissing = [...committed].filter(([, offset]) => offset === undefined);
      if (stillMissing.length > 0)
        throw new Error(`start offsets of group ${this.groupId} were not committed`);
    }
    if (this.closing || generation !== this.joinGeneration) return;
    for (const [partition, offset] of committed) {
      if (offset !== undefined)
        this.host.progress.recordPosition(this.groupId, this.topic, partition, offset);
    }
    for (const partition of assigned) {
      const offset = committed.get(partition);
      if (offset !== undefined) consumer.seek({ topic: this.topic, partition, offset: offset.toString() });
    }
    consumer.resume([{ topic: this.topic }]);
    this.positionedOnce = true;
    this.positioned.resolve();
  }

  private async committedOffsets(admin: Admin): Promise<Map<number, bigint | undefined>> {
    const [entry] = await admin.fetchOffsets({ groupId: this.groupId, topics: [this.topic] });
    const offsets = new Map<number, bigint | undefined>();
    for (const { partition, offset } of entry?.partitions ?? []) {
      const value = BigInt(offset);
      offsets.set(partition, value >= 0n ? value : undefined);
    }
    if (offsets.size === 0) throw new Error(`no partitions known for ${this.topic}`);
    return offsets;
  }

  private onCrash(error: Error, restart: boolean): void {
    this.host.log(restart ? 'warn' : 'error', restart ? 'consumer crashed, restarting' : 'consumer crashed', {
      groupId: this.groupId,
      topic: this.topic,
      error: errorText(error),
    });
    if (!restart) this.positioned.reject(error);
  }

  /**
   * Handles a partition's fetched messages in order, in runs of up to the delivery's `maxMessages`. Offsets are
   * committed at the end of the batch (also when it ends early, on close or rebalance) and every
   * `commitIntervalMs` within a long one: one commit per message would cost a broker round trip each. Only
   * handled or dead-lettered messages are ever committed.
   */
  private async consumeBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const { maxMessages } = this.settings.delivery;
    let handledUpTo: bigint | undefined;
    let committedAt = Date.now();
    const commit = async () => {
      if (handledUpTo === undefined) return;
      const next = handledUpTo;
      await payload.commitOffsetsIfNecessary({
        topics: [
          { topic: batch.topic, partitions: [{ partition: batch.partition, offset: next.toString() }] },
        ],
      });
      if (handledUpTo === next) handledUpTo = undefined;
      committedAt = Date.now();
      this.host.progress.recordPosition(this.groupId, this.topic, batch.partition, next);
    };
    try {
      for (let from = 0; from < batch.messages.length; from += maxMessages) {
        if (this.closing || !payload.isRunning() || payload.isStale()) return;
        // A message published through this bus is never handled before its publish call has returned.
        await this.host.publishesReturned();
        const run = batch.messages.slice(from, from + maxMessages);
        const delivered = await this.keepingHeartbeat(payload, () => this.deliver(batch.partition, run, payload));
        if (delivered > 0) {
          const last = run[delivered - 1].offset;
          handledUpTo = BigInt(last) + 1n;
          payload.resolveOffset(last);
        }
        if (delivered < run.length) return;
        if (Date.now() - committedAt >= this.settings.timings.commitIntervalMs) await commit();
        await payload.heartbeat();
      }
    } finally {
      await commit();
    }
  }

  /** How many of the run, from its first, were handled or dead-lettered before delivery stopped. */
  private deliver(partition: number, run: KafkaMessage[], payload: EachBatchPayload): Promise<number> {
    const { retry, delivery } = this.settings;
    return deliverRun(run, retry, {
      handle: (messages, attempt) =>
        this.track(
          Promise.resolve().then(() =>
            delivery.handler(messages.map((message) => toConsumedMessage(this.topic, partition, message, attempt))),
          ),
        ),
      deadLetter: (message, attempts, error) => this.deadLetter(partition, message, attempts, error),
      sleep: (ms) => this.sleep(ms),
      stopped: () => this.closing || !payload.isRunning(),
    });
  }

  private async deadLetter(
    partition: number,
    message: KafkaMessage,
    attempts: number,
    error: unknown,
  ): Promise<void> {
    const headers = deadLetterHeaders(message.headers, {
      topic: this.topic,
      partition,
      offset: message.offset,
      groupId: this.groupId,
      attempts,
      error,
      failedAt: new Date(),
    });
    const original = toConsumedMessage(this.topic, partition, message, attempts);
    await this.host.publish(deadLetterTopic(this.topic), [
      { key: original.key, value: original.value, headers },
    ]);
    this.host.log('warn', 'message moved to the dead-letter topic', {
      groupId: this.groupId,
      topic: this.topic,
      partition,
      offset: message.offset,
      attempts,
      error: errorText(error),
    });
    this.host.onDeadLetter?.(original, this.groupId, error);
  }

  /** Heartbeats while `work` runs, so a slow handler or a long backoff does not cost the member its partitions. */
  private async keepingHeartbeat<T>(payload: EachBatchPayload, work: () => Promise<T>): Promise<T> {
    const timer = setInterval(() => {
      // A rebalance shows up here as an error; kafkajs rejoins once the batch returns.
      payload.heartbeat().catch(() => undefined);
    }, this.settings.timings.heartbeatIntervalMs);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
    return work;
  }

  /** Waits `ms`, or less if the subscription closes meanwhile. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleeps.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleeps.add(wake);
    });
  }
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

/** Settles once; later calls are ignored. A rejection nobody awaits is not reported as unhandled. */
function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
