import type { MessageHeaders } from '../message-bus.port';

export interface StoredMessage {
  offset: number;
  key: string;
  value: Buffer;
  headers: MessageHeaders;
  timestamp: number;
}

/**
 * The append-only log of one partition. Offsets keep counting after old messages are dropped: `start` is the
 * oldest retained offset, `end` the offset the next message gets.
 */
export class PartitionLog {
  private messages: StoredMessage[] = [];
  private base = 0;

  get start(): number {
    return this.base;
  }

  get end(): number {
    return this.base + this.messages.length;
  }

  get retained(): number {
    return this.messages.length;
  }

  append(message: Omit<StoredMessage, 'offset'>): StoredMessage {
    const stored = { ...message, offset: this.end };
    this.messages.push(stored);
    return stored;
  }

  at(offset: number): StoredMessage {
    const message = this.messages[offset - this.base];
    if (!message) throw new RangeError(`offset ${offset} is outside [${this.start}, ${this.end})`);
    return message;
  }

  /** Drops every message below `offset`. */
  dropBefore(offset: number): void {
    const count = Math.min(offset, this.end) - this.base;
    if (count <= 0) return;
    this.messages.splice(0, count);
    this.base += count;
  }
}
