import {
  Kafka,
  Partitioners,
  type Admin,
  type Message,
  type PartitionMetadata,
  type Producer,
} from 'kafkajs';
import type {
  ConsumedMessage,
  MessageBus,
  MessageSubscribeOptions,
  MessageSubscription,
  OutgoingMessage,
  RetryPolicy,
} from '../message-bus.port';
import { deliveryOf } from '../batch-delivery';
import { resolveRetryPolicy } from '../retry-policy';
import { DeliveryProgress, type PartitionLag } from './delivery-progress';
import {
  busLogger,
  kafkaJsLogLevel,
  kafkaLogCreator,
  type BusLogger,
  type KafkaLogLevel,
  type KafkaLogSink,
} from './kafka-log';
import {
  KafkaSubscription,
  errorText,
  type ConsumerTimings,
  type SubscriptionHost,
} from './kafka-subscription';

export interface KafkaMessageBusOptions {
  /** `host:port` of one or more brokers to bootstrap from. */
  brokers: string[];
  clientId?: string;
  /** Partitions of the topics this bus creates (default 3). Existing topics keep theirs. */
  partitions?: number;
  /** Replicas of the topics this bus creates (default: 3, or fewer if the cluster has fewer brokers). */
  replicationFactor?: number;
  /** Default retry policy of every subscription (each may override it). */
  retry?: Partial<RetryPolicy>;
  /** Most detailed level passed to `log` (default 'warn'). */
  logLevel?: KafkaLogLevel | 'nothing';
  /** Receives kafkajs's and the bus's log records. Without it nothing is logged anywhere. */
  log?: KafkaLogSink;
  /** Called after a message was moved to its dead-letter topic. */
  onDeadLetter?: (message: ConsumedMessage, groupId: string, error: unknown) => void;
  consumer?: {
    /** A member silent for this long loses its partitions (default 30 s; the broker allows 6 s to 300 s). */
    sessionTimeoutMs?: number;
    /** Also how often a member notices that its group is rebalancing (default 1 s). */
    heartbeatIntervalMs?: number;
    /** Longest a fetch waits on the broker for new messages (default 500 ms). */
    maxWaitTimeMs?: number;
    /**
     * Within a long batch, handled offsets are committed at least this often (default 500 ms); a batch's
     * last offset is committed when the batch ends. A member that dies redelivers what it handled since.
     */
    commitIntervalMs?: number;
  };
  /** Bound of `subscribe` joining its group (default 30 s). */
  subscribeTimeoutMs?: number;
  /** Bound of `waitUntilIdle` (default 30 s); it rejects with KafkaIdleTimeoutError after that. */
  idleTimeoutMs?: number;
}

/** `waitUntilIdle` gave up: these groups still had messages to handle. */
export class KafkaIdleTimeoutError extends Error {
  override readonly name = 'KafkaIdleTimeoutError';

  constructor(
    readonly lag: PartitionLag[],
    timeoutMs: number,
  ) {
    super(
      `message bus not idle after ${timeoutMs} ms: ` +
        lag
          .slice(0, 5)
          .map(
            (l) =>
              `group ${l.groupId} at ${l.position ?? 'unpositioned'} of ${l.end} on ${l.topic}[${l.partition}]`,
          )
          .join(', ') +
        (lag.length > 5 ? ` and ${lag.length - 5} more` : ''),
    );
  }
}

/** How often `waitUntilIdle` asks the broker for committed offsets it has not seen (members in other processes). */
const IDLE_REFRESH_MS = 1_000;

/** How long close() lets publishes in flight finish before it disconnects the producer. */
const CLOSE_PUBLISH_WAIT_MS = 10_000;

/**
 * The message bus on Apache Kafka (kafkajs): an idempotent producer with acks from all in-sync replicas,
 * one kafkajs consumer per subscription with exactly the group id given, retries and a dead-letter topic per
 * the port's retry policy, and offsets committed only after a message was handled.
 */
export class KafkaMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly progress = new DeliveryProgress();
  private readonly log: BusLogger;
  private readonly partitions: number;
  private readonly timings: ConsumerTimings;
  private readonly idleTimeoutMs: number;
  private readonly subscriptions = new Set<KafkaSubscription>();
  private readonly topics = new Map<string, Promise<PartitionMetadata[]>>();
  private readonly publishing = new Set<Promise<unknown>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private producer: Promise<Producer> | undefined;
  private adminClient: Promise<Admin> | undefined;
  private readonly clients = new Set<Producer | Admin>();
  private replication: Promise<number> | undefined;
  /** No new subscriptions once close() has begun. */
  private closing: Promise<void> | undefined;
  /** No publishing once the subscriptions are closed: handlers finishing during close() may still publish. */
  private closed = false;

  constructor(private readonly options: KafkaMessageBusOptions) {
    if (!Array.isArray(options.brokers) || options.brokers.length === 0) {
      throw new TypeError('brokers must list at least one host:port');
    }
    this.partitions = options.partitions ?? 3;
    if (!Number.isInteger(this.partitions) || this.partitions < 1) {
      throw new RangeError(`partitions must be a positive integer, got ${options.partitions}`);
    }
    const { replicationFactor } = options;
    if (replicationFactor !== undefined && (!Number.isInteger(replicationFactor) || replicationFactor < 1)) {
      throw new RangeError(`replicationFactor must be a positive integer, got ${replicationFactor}`);
    }
    resolveRetryPolicy(options.retry); // fail fast on a bad default policy
    const level = options.logLevel ?? 'warn';
    this.log = busLogger(options.log, level);
    this.timings = {
      sessionTimeoutMs: options.consumer?.sessionTimeoutMs ?? 30_000,
      heartbeatIntervalMs: options.consumer?.heartbeatIntervalMs ?? 1_000,
      maxWaitTimeMs: options.consumer?.maxWaitTimeMs ?? 500,
      commitIntervalMs: options.consumer?.commitIntervalMs ?? 500,
      subscribeTimeoutMs: options.subscribeTimeoutMs ?? 30_000,
    };
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.kafka = new Kafka({
      brokers: options.brokers,
      clientId: options.clientId ?? 'kyc-platform',
      logLevel: kafkaJsLogLevel(level),
      logCreator: kafkaLogCreator(options.log),
    });
  }

  /** Connects the producer and the admin client now instead of at the first use, to fail fast at startup. */
  async connect(): Promise<void> {
    this.assertSubscribable();
    await Promise.all([this.connectedProducer(), this.admin()]);
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    assertName('topic', topic);
    for (const message of messages) {
      if (typeof message.key !== 'string')
        throw new TypeError(`message key must be a string (topic ${topic})`);
      if (typeof message.value !== 'string' && !Buffer.isBuffer(message.value)) {
        throw new TypeError(`message value must be a string or a Buffer (topic ${topic})`);
      }
    }
    if (messages.length === 0) return;
    const sending = this.send(topic, messages);
    this.publishing.add(sending);
    try {
      await sending;
    } finally {
      this.publishing.delete(sending);
    }
  }

  async subscribe(options: MessageSubscribeOptions): Promise<MessageSubscription> {
    this.assertSubscribable();
    assertName('topic', options.topic);
    assertName('groupId', options.groupId);
    const delivery = deliveryOf(options);
    const retry = resolveRetryPolicy(this.options.retry, options.retry);
    const deadline = Date.now() + this.timings.subscribeTimeoutMs;
    const partitions = await withDeadline(
      this.ensureTopic(options.topic),
      deadline,
      `topic ${options.topic} was not ready within ${this.timings.subscribeTimeoutMs} ms`,
    );
    this.assertSubscribable();
    const subscription = new KafkaSubscription(this.host(), {
      topic: options.topic,
      groupId: options.groupId,
      delivery,
      fromBeginning: options.fromBeginning ?? false,
      retry,
      partitions: partitions.length,
      timings: this.timings,
    });
    this.subscriptions.add(subscription);
    try {
      await subscription.start(deadline);
    } catch (error) {
      this.subscriptions.delete(subscription);
      throw error;
    }
    return {
      close: async () => {
        await subscription.close();
        this.subscriptions.delete(subscription);
      },
    };
  }

  async waitUntilIdle(): Promise<void> {
    const deadline = Date.now() + this.idleTimeoutMs;
    let refreshedAt = Date.now();
    for (;;) {
      if (this.closing) return;
      const lag = this.progress.lag([...this.subscriptions].filter((s) => s.active));
      if (lag.length === 0) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new KafkaIdleTimeoutError(lag, this.idleTimeoutMs);
      await waitFor(this.progress.changed(), Math.min(remaining, IDLE_REFRESH_MS));
      if (Date.now() - refreshedAt >= IDLE_REFRESH_MS) {
        await this.refreshPositions(lag);
        refreshedAt = Date.now();
      }
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled([...this.subscriptions].map((subscription) => subscription.close()));
      this.subscriptions.clear();
      this.closed = true;
      // The idempotent producer retries without limit while the broker is away: wait for publishes in
      // flight only so long, then disconnect, which fails them.
      await waitFor(
        Promise.allSettled([...this.publishing]).then(() => undefined),
        CLOSE_PUBLISH_WAIT_MS,
      );
      // Not waiting for a connect still retrying: disconnecting ends it.
      for (const client of this.clients) {
        await client.disconnect().catch((error: unknown) => {
          this.log('warn', 'client did not disconnect cleanly', { error: errorText(error) });
        });
      }
      this.clients.clear();
      this.progress.notify();
    })();
    return this.closing;
  }

  private host(): SubscriptionHost {
    return {
      kafka: this.kafka,
      progress: this.progress,
      log: this.log,
      admin: () => this.admin(),
      publish: (topic, messages) => this.publish(topic, messages),
      publishesReturned: () => this.publishesReturned(),
      serialize: (key, work) => this.serialize(key, work),
      onDeadLetter: this.options.onDeadLetter,
    };
  }

  private async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    const partitionMetadata = await this.ensureTopic(topic);
    const producer = await this.connectedProducer();
    // The partition is chosen here (with kafkajs's Java-compatible murmur2 partitioner, so other Kafka
    // clients agree) to know how many messages went to each partition: the ack names only the first offset.
    const counts = new Map<number, number>();
    const records: Message[] = messages.map((message) => {
      const partition = this.partitioner({
        topic,
        partitionMetadata,
        message: { key: message.key, value: null },
      });
      counts.set(partition, (counts.get(partition) ?? 0) + 1);
      return {
        key: message.key,
        value:
          typeof message.value === 'string' ? Buffer.from(message.value, 'utf8') : Buffer.from(message.value),
        headers: { ...(message.headers ?? {}) },
        partition,
      };
    });
    const acknowledged = await producer.send({ topic, messages: records, acks: -1 });
    for (const { partition, baseOffset } of acknowledged) {
      if (baseOffset === undefined) {
        this.log('warn', 'broker acknowledged without an offset; waitUntilIdle cannot track it', {
          topic,
          partition,
        });
        continue;
      }
      this.progress.recordPublished(
        topic,
        partition,
        BigInt(baseOffset) + BigInt(counts.get(partition) ?? 0),
      );
    }
  }

  private async publishesReturned(): Promise<void> {
    await Promise.allSettled([...this.publishing]);
    // Callers' continuations after `await publish(...)` are microtasks: let them run before any handler.
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Creates the topic if it does not exist yet; resolves to its partitions. */
  private ensureTopic(topic: string): Promise<PartitionMetadata[]> {
    const known = this.topics.get(topic);
    if (known) return known;
    const pending = (async () => {
      const admin = await this.admin();
      const replicationFactor = await this.replicationFactor(admin);
      await admin.createTopics({
        topics: [{ topic, numPartitions: this.partitions, replicationFactor }],
        waitForLeaders: true,
      });
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const partitions = [...(topics.find((t) => t.name === topic)?.partitions ?? [])];
      if (partitions.length === 0) throw new Error(`topic ${topic} has no partitions`);
      return partitions.sort((a, b) => a.partitionId - b.partitionId);
    })();
    this.topics.set(topic, pending);
    pending.catch(() => {
      if (this.topics.get(topic) === pending) this.topics.delete(topic);
    });
    return pending;
  }

  private replicationFactor(admin: Admin): Promise<number> {
    if (this.options.replicationFactor !== undefined) return Promise.resolve(this.options.replicationFactor);
    // kafkajs speaks a CreateTopics version without "broker default" (-1), so the count must be explicit.
    this.replication ??= admin.describeCluster().then(
      ({ brokers }) => Math.min(3, brokers.length),
      (error: unknown) => {
        this.replication = undefined;
        throw error;
      },
    );
    return this.replication;
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= this.connectOnce(
      this.kafka.producer({
        idempotent: true,
        // kafkajs tracks idempotence sequence numbers safely with one produce request in flight (KIP-98's rule).
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
      () => (this.producer = undefined),
    );
    return this.producer;
  }

  private admin(): Promise<Admin> {
    this.adminClient ??= this.connectOnce(this.kafka.admin(), () => (this.adminClient = undefined));
    return this.adminClient;
  }

  private connectOnce<T extends Producer | Admin>(client: T, forget: () => void): Promise<T> {
    this.clients.add(client);
    return client.connect().then(
      () => client,
      (error: unknown) => {
        this.clients.delete(client);
        forget();
        throw error;
      },
    );
  }

  private async refreshPositions(lag: PartitionLag[]): Promise<void> {
    const pairs = new Map(lag.map((l) => [JSON.stringify([l.groupId, l.topic]), l]));
    try {
      const admin = await this.admin();
      for (const { groupId, topic } of pairs.values()) {
        const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
        for (const { partition, offset } of entry?.partitions ?? []) {
          if (BigInt(offset) >= 0n) this.progress.recordPosition(groupId, topic, partition, BigInt(offset));
        }
      }
    } catch (error) {
      this.log('debug', 'could not read committed offsets', { error: errorText(error) });
    }
  }

  private serialize<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return next;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('message bus is closed');
  }

  private assertSubscribable(): void {
    if (this.closing) throw new Error('message bus is closed');
  }
}

/** Resolves when `event` does or after `ms`, whichever comes first, leaving no timer behind. */
async function waitFor(event: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([event, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** `work`, or a rejection with `message` once `deadline` (ms since the epoch) has passed. */
async function withDeadline<T>(work: Promise<T>, deadline: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), Math.max(0, deadline - Date.now()));
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function assertName(what: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0)
    throw new TypeError(`${what} must be a non-empty string`);
}
