import type { SessionSnapshot } from '@kyc/contracts';

/** A bounded map from session id to snapshot; the least recently used entry goes first when it is full. */
export class SessionSnapshotCache {
  private readonly entries = new Map<string, SessionSnapshot>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(sessionId: string): SessionSnapshot | undefined {
    const snapshot = this.entries.get(sessionId);
    if (snapshot) {
      this.entries.delete(sessionId);
      this.entries.set(sessionId, snapshot);
    }
    return snapshot;
  }

  set(sessionId: string, snapshot: SessionSnapshot): void {
    this.entries.delete(sessionId);
    this.entries.set(sessionId, snapshot);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
