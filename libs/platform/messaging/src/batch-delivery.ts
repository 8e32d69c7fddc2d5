import type { MessageBatchHandler, MessageSubscribeOptions, RetryPolicy } from './message-bus.port';
import { backoffDelay } from './retry-policy';

const DEFAULT_MAX_MESSAGES = 100;

/** A subscription's handler as both adapters run it: batches, of one message for a plain handler. */
export interface Delivery {
  handler: MessageBatchHandler;
  maxMessages: number;
}

/** The subscription's delivery, or a TypeError naming what is wrong with the options. */
export function deliveryOf(options: MessageSubscribeOptions): Delivery {
  const { handler, batch } = options as { handler?: unknown; batch?: { handler?: unknown; maxMessages?: unknown } };
  if (handler !== undefined && batch !== undefined) throw new TypeError('give handler or batch, not both');
  if (typeof handler === 'function') {
    const single = handler as (message: Parameters<MessageBatchHandler>[0][number]) => Promise<void>;
    return { handler: (messages) => single(messages[0]), maxMessages: 1 };
  }
  if (batch === undefined) throw new TypeError('handler must be a function');
  if (typeof batch.handler !== 'function') throw new TypeError('batch.handler must be a function');
  const maxMessages = batch.maxMessages ?? DEFAULT_MAX_MESSAGES;
  if (!Number.isInteger(maxMessages) || (maxMessages as number) < 1) {
    throw new RangeError(`batch.maxMessages must be a positive integer, got ${String(batch.maxMessages)}`);
  }
  return { handler: batch.handler as MessageBatchHandler, maxMessages: maxMessages as number };
}

/** What an adapter lends `deliverRun`: its way to call the handler, dead-letter, wait and tell it to stop. */
export interface DeliveryHooks<M> {
  /** Calls the handler with these messages as delivery number `attempt`; rejects with what it threw. */
  handle(messages: M[], attempt: number): Promise<void>;
  deadLetter(message: M, attempts: number, error: unknown): Promise<void>;
  /** Waits out a backoff; may return early when the subscription closes. */
  sleep(ms: number): Promise<void>;
  /** The member lost the partition or is closing: leave the rest to the partition's next owner. */
  stopped(): boolean;
}

/**
 * Delivers a run of one partition's messages and resolves with how many were handled or dead-lettered, from
 * the first on (all of them, unless delivery stopped). A run of several goes to the handler as one batch; if it
 * throws, no one message can be blamed, so each is delivered again alone (attempt 2 on), with the retry policy,
 * and only the one that keeps failing is dead-lettered after `maxAttempts` failures of its own.
 */
export async function deliverRun<M>(messages: M[], retry: RetryPolicy, hooks: DeliveryHooks<M>): Promise<number> {
  if (messages.length === 0 || hooks.stopped()) return 0;
  if (messages.length === 1) return (await deliverAlone(messages[0], 1, retry, hooks)) ? 1 : 0;
  try {
    await hooks.handle(messages, 1);
    return messages.length;
  } catch {
    // Split below; the error is the handler's to report, and a message that keeps failing is dead-lettered with its own.
  }
  let delivered = 0;
  for (const message of messages) {
    if (hooks.stopped() || !(await deliverAlone(message, 2, retry, hooks))) break;
    delivered += 1;
  }
  return delivered;
}

/** True once the message is handled or dead-lettered; false if delivery stopped first. */
async function deliverAlone<M>(message: M, firstAttempt: number, retry: RetryPolicy, hooks: DeliveryHooks<M>): Promise<boolean> {
  for (let attempt = firstAttempt, failures = 1; ; attempt += 1, failures += 1) {
    try {
      await hooks.handle([message], attempt);
      return true;
    } catch (error) {
      if (failures >= retry.maxAttempts) {
        await hooks.deadLetter(message, attempt, error);
        return true;
      }
      if (hooks.stopped()) return false;
      await hooks.sleep(backoffDelay(retry, failures));
      if (hooks.stopped()) return false;
    }
  }
}
