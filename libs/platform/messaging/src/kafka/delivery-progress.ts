/** Where one consumer group stands behind what the bus published, on one partition. */
export interface PartitionLag {
  groupId: string;
  topic: string;
  partition: number;
  /** Next offset the group will handle; undefined while the group has not been positioned there. */
  position: bigint | undefined;
  /** Offset after the last message this bus published to the partition. */
  end: bigint;
}

export interface GroupTopic {
  groupId: string;
  topic: string;
}

/**
 * Offsets the bus has seen acknowledged on publish, and offsets each group has committed after handling, so
 * that `waitUntilIdle` can compare the two without asking the broker. Both only move forward: a redelivery
 * after a rebalance never makes a group "less done" than a commit already seen.
 */
export class DeliveryProgress {
  private readonly published = new Map<string, Map<number, bigint>>();
  private readonly positions = new Map<string, Map<number, bigint>>();
  private waiters: (() => void)[] = [];

  recordPublished(topic: string, partition: number, end: bigint): void {
    if (raise(this.published, topic, partition, end)) this.notify();
  }

  recordPosition(groupId: string, topic: string, partition: number, next: bigint): void {
    if (raise(this.positions, positionKey(groupId, topic), partition, next)) this.notify();
  }

  position(groupId: string, topic: string, partition: number): bigint | undefined {
    return this.positions.get(positionKey(groupId, topic))?.get(partition);
  }

  /** Partitions on which one of the given groups has not yet handled everything published through the bus. */
  lag(subscriptions: Iterable<GroupTopic>): PartitionLag[] {
    const lagging: PartitionLag[] = [];
    const seen = new Set<string>();
    for (const { groupId, topic } of subscriptions) {
      const key = positionKey(groupId, topic);
      if (seen.has(key)) continue;
      seen.add(key);
      for (const [partition, end] of this.published.get(topic) ?? []) {
        const position = this.positions.get(key)?.get(partition);
        if (position === undefined || position < end)
          lagging.push({ groupId, topic, partition, position, end });
      }
    }
    return lagging;
  }

  /** Resolves at the next change of any offset (or when `notify` is called). */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

function positionKey(groupId: string, topic: string): string {
  return JSON.stringify([groupId, topic]);
}

function raise(
  offsets: Map<string, Map<number, bigint>>,
  key: string,
  partition: number,
  value: bigint,
): boolean {
  let partitions = offsets.get(key);
  if (!partitions) {
    partitions = new Map();
    offsets.set(key, partitions);
  }
  const current = partitions.get(partition);
  if (current !== undefined && current >= value) return false;
  partitions.set(partition, value);
  return true;
}
