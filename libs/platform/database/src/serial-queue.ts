import { AsyncLocalStorage } from 'node:async_hooks';

/** A task asked the queue it runs on for another turn: it would wait for itself forever. */
export class SerialQueueReentryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SerialQueueReentryError';
  }
}

const ignore = () => undefined;

/**
 * Runs tasks one at a time in the order they were queued: the mutex in front of a single connection. A task
 * that queues more work on the same queue and awaits it would deadlock; that is reported as an error instead.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly turns = new AsyncLocalStorage<{ running: boolean }>();

  constructor(private readonly reentryMessage = 'a task of this queue queued more work on it and would wait for itself') {}

  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.turns.getStore()?.running) return Promise.reject(new SerialQueueReentryError(this.reentryMessage));
    const turn = { running: false };
    const result = this.tail.then(async () => {
      turn.running = true;
      try {
        return await this.turns.run(turn, task);
      } finally {
        // Work started inside the task keeps this context after the turn ends; it may queue normally then.
        turn.running = false;
      }
    });
    this.tail = result.then(ignore, ignore);
    return result;
  }
}
