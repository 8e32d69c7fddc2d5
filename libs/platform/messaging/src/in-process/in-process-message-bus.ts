import {
  DLQ_HEADERS,
  deadLetterTopic,
  type ConsumedMessage,
  type MessageBus,
  type MessageSubscribeOptions,
  type MessageSubscription,
  type OutgoingMessage,
  type RetryPolicy,
} from '../message-bus.port';
import { partitionForKey } from '../partitioner';
import { deliverRun, deliveryOf, type Delivery } from '../batch-delivery';
import { resolveRetryPolicy } from '../retry-policy';
import { PartitionLog, type StoredMessage } from './partition-log';

export interface InProcessMessageBusOptions {
  /** Partitions per topic: the most messages one group handles at the same time (default 8). */
  partitions?: number;
  /** Default retry policy of every subscription (each may override it). */
  retry?: Partial<RetryPolicy>;
  /**
   * Messages kept per partition after every group has handled them, for groups that join later with
   * `fromBeginning` (default 10,000). A message some group has not handled yet is never dropped.
   */
  retainHandledMessages?: number;
  /** Called when a message is dead-lettered; the bus has no logger of its own. */
  onDeadLetter?: (message: ConsumedMessage, groupId: string, error: unknown) => void;
}

/**
 * Kafka's semantics in memory, for embedded mode and tests. The event store stays the source of truth: after a
 * restart the relay republishes from its checkpoint, so nothing here needs to survive the process.
 */
export class InProcessMessageBus implements MessageBus {
  private readonly partitions: number;
  private readonly retainHandled: number;
  private readonly topics = new Map<string, Topic>();
  private readonly sleeps = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  private progressWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: InProcessMessageBusOptions = {}) {
    this.partitions = options.partitions ?? 8;
    if (!Number.isInteger(this.partitions) || this.partitions < 1) {
      throw new RangeError(`partitions must be a positive integer, got ${options.partitions}`);
    }
    resolveRetryPolicy(options.retry); // fail fast on a bad default policy
    this.retainHandled = options.retainHandledMessages ?? 10_000;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    assertName('topic', topic);
    for (const message of messages) {
      if (typeof message.key !== 'string')
        throw new TypeError(`message key must be a string (topic ${topic})`);
    }
    this.append(topic, messages);
  }

  async subscribe(options: MessageSubscribeOptions): Promise<MessageSubscription> {
    this.assertOpen();
    assertName('topic', options.topic);
    assertName('groupId', options.groupId);
    const delivery = deliveryOf(options);
    const retry = resolveRetryPolicy(this.options.retry, options.retry);
    const topic = this.topic(options.topic);
    let group = topic.groups.get(options.groupId);
    if (!group) {
      group = new Group(this, options.groupId, topic, options.fromBeginning ?? false);
      topic.groups.set(options.groupId, group);
    }
    const member = new Member(delivery, retry);
    group.join(member);
    return { close: () => group.leave(member) };
  }

  async waitUntilIdle(): Promise<void> {
    while (!this.closed && !this.isIdle()) {
      await new Promise<void>((resolve) => this.progressWaiters.push(resolve));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const sleep of this.sleeps) {
      clearTimeout(sleep.timer);
      sleep.wake();
    }
    this.sleeps.clear();
    const leaving: Promise<void>[] = [];
    for (const topic of this.topics.values()) {
      for (const group of topic.groups.values()) leaving.push(group.leaveAll());
    }
    await Promise.all(leaving);
    this.notifyProgress();
  }

  /** @internal */
  get isClosed(): boolean {
    return this.closed;
  }

  /** @internal Appends and wakes the partitions' workers; handlers run later, never inside this call. */
  append(topicName: string, messages: OutgoingMessage[]): void {
    const topic = this.topic(topicName);
    const touched = new Set<number>();
    const timestamp = Date.now();
    for (const message of messages) {
      const partition = partitionForKey(message.key, this.partitions);
      topic.logs[partition].append({
        key: message.key,
        value:
          typeof message.value === 'string' ? Buffer.from(message.value, 'utf8') : Buffer.from(message.value),
        headers: { ...(message.headers ?? {}) },
        timestamp,
      });
      touched.add(partition);
    }
    for (const group of topic.groups.values()) {
      for (const partition of touched) group.workers[partition].schedule();
    }
  }

  /** @internal */
  deadLetter(message: ConsumedMessage, groupId: string, error: unknown): void {
    const headers: Record<string, string> = {
      ...message.headers,
      [DLQ_HEADERS.originalTopic]: message.topic,
      [DLQ_HEADERS.originalPartition]: String(message.partition),
      [DLQ_HEADERS.originalOffset]: message.offset.toString(),
      [DLQ_HEADERS.groupId]: groupId,
      [DLQ_HEADERS.attempts]: String(message.attempt),
      [DLQ_HEADERS.errorName]: error instanceof Error ? error.name : typeof error,
      [DLQ_HEADERS.errorMessage]: error instanceof Error ? error.message : String(error),
      [DLQ_HEADERS.failedAt]: new Date().toISOString(),
    };
    this.append(deadLetterTopic(message.topic), [{ key: message.key, value: message.value, headers }]);
    this.options.onDeadLetter?.(message, groupId, error);
  }

  /** @internal Waits `ms`, or less if the bus closes meanwhile. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleep = {
        timer: setTimeout(() => {
          this.sleeps.delete(sleep);
          resolve();
        }, ms),
        wake: resolve,
      };
      this.sleeps.add(sleep);
    });
  }

  /** @internal */
  notifyProgress(): void {
    const waiters = this.progressWaiters;
    this.progressWaiters = [];
    for (const wake of waiters) wake();
  }

  /** @internal Drops messages every group has handled, beyond the retained tail. */
  compact(topic: Topic, partition: number): void {
    const log = topic.logs[partition];
    if (log.retained <= this.retainHandled + Math.max(64, this.retainHandled >> 3)) return;
    let handledByAll = log.end;
    for (const group of topic.groups.values())
      handledByAll = Math.min(handledByAll, group.workers[partition].next);
    log.dropBefore(Math.min(handledByAll, log.end - this.retainHandled));
  }

  private isIdle(): boolean {
    for (const topic of this.topics.values()) {
      for (const group of topic.groups.values()) {
        if (group.workers.some((worker) => worker.busy)) return false;
      }
    }
    return true;
  }

  private topic(name: string): Topic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = {
        name,
        logs: Array.from({ length: this.partitions }, () => new PartitionLog()),
        groups: new Map(),
      };
      this.topics.set(name, topic);
    }
    return topic;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('message bus is closed');
  }
}

interface Topic {
  name: string;
  logs: PartitionLog[];
  groups: Map<string, Group>;
}

class Member {
  private readonly inFlight = new Set<Promise<unknown>>();
  closed = false;

  constructor(
    readonly delivery: Delivery,
    readonly retry: RetryPolicy,
  ) {}

  run(messages: ConsumedMessage[]): Promise<void> {
    // A handler that throws synchronously counts as a failed attempt, like a rejected promise.
    const run = Promise.resolve().then(() => this.delivery.handler(messages));
    const tracked = run.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
    return run;
  }

  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}

class Group {
  readonly workers: PartitionWorker[];
  private members: Member[] = [];

  constructor(
    readonly bus: InProcessMessageBus,
    readonly id: string,
    readonly topic: Topic,
    fromBeginning: boolean,
  ) {
    this.workers = topic.logs.map(
      (log, partition) => new PartitionWorker(this, partition, log, fromBeginning ? log.start : log.end),
    );
  }

  get hasMembers(): boolean {
    return this.members.length > 0;
  }

  /** Spreads partitions over the members, as a Kafka group assignment does. */
  memberFor(partition: number): Member | undefined {
    return this.members.length === 0 ? undefined : this.members[partition % this.members.length];
  }

  join(member: Member): void {
    this.members.push(member);
    for (const worker of this.workers) worker.schedule();
  }

  async leave(member: Member): Promise<void> {
    if (member.closed) return;
    member.closed = true;
    this.members = this.members.filter((m) => m !== member);
    await member.drain();
    // Partitions the member held move to the remaining members.
    for (const worker of this.workers) worker.schedule();
    this.bus.notifyProgress();
  }

  async leaveAll(): Promise<void> {
    await Promise.all(this.members.map((member) => this.leave(member)));
  }
}

/** Delivers one partition's messages to one group, strictly one after the other. */
class PartitionWorker {
  private running = false;

  constructor(
    private readonly group: Group,
    private readonly partition: number,
    private readonly log: PartitionLog,
    /** The group's committed offset: the next message to handle. */
    public next: number,
  ) {}

  /** Work is pending or under way. Partitions without a member to deliver to are not busy: they wait. */
  get busy(): boolean {
    return this.running || (this.group.hasMembers && this.next < this.log.end);
  }

  schedule(): void {
    if (this.running || this.group.bus.isClosed || !this.group.hasMembers || this.next >= this.log.end)
      return;
    this.running = true;
    // Handlers never run inside publish or subscribe.
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      while (!this.group.bus.isClosed && this.group.hasMembers && this.next < this.log.end) {
        const member = this.group.memberFor(this.partition);
        if (!member) break;
        const run: StoredMessage[] = [];
        const upTo = Math.min(this.log.end, this.next + member.delivery.maxMessages);
        for (let offset = this.next; offset < upTo; offset += 1) run.push(this.log.at(offset));
        const delivered = await this.deliver(run, member.retry);
        this.next += delivered;
        if (delivered < run.length) break;
        this.group.bus.compact(this.group.topic, this.partition);
        this.group.bus.notifyProgress();
      }
    } finally {
      this.running = false;
      this.group.bus.notifyProgress();
    }
    // A member may have joined between the last check and `running = false`.
    this.schedule();
  }

  /** How many of the run, from its first, were handled or dead-lettered before the group lost its members. */
  private deliver(run: StoredMessage[], retry: RetryPolicy): Promise<number> {
    const bus = this.group.bus;
    const consumed = (stored: StoredMessage, attempt: number): ConsumedMessage => ({
      topic: this.group.topic.name,
      partition: this.partition,
      offset: BigInt(stored.offset),
      key: stored.key,
      value: Buffer.from(stored.value),
      headers: { ...stored.headers },
      timestamp: stored.timestamp,
      attempt,
    });
    return deliverRun(run, retry, {
      handle: async (messages, attempt) => {
        const member = this.group.memberFor(this.partition);
        if (!member) throw new Error('the group has no member left');
        await member.run(messages.map((stored) => consumed(stored, attempt)));
      },
      // The stored copy: a handler may have mutated the buffer it was given.
      deadLetter: async (stored, attempts, error) => bus.deadLetter(consumed(stored, attempts), this.group.id, error),
      sleep: (ms) => bus.sleep(ms),
      stopped: () => bus.isClosed || !this.group.memberFor(this.partition),
    });
  }
}

function assertName(what: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0)
    throw new TypeError(`${what} must be a non-empty string`);
}
