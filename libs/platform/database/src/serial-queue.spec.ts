import { describe, expect, it } from 'vitest';
import { SerialQueue, SerialQueueReentryError } from './serial-queue';

const later = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe('SerialQueue', () => {
  it('runs tasks one at a time, in the order they were queued', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let running = 0;
    const task = (name: string) => async () => {
      running += 1;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await later();
      log.push(`end ${name}`);
      running -= 1;
      return name;
    };
    const results = await Promise.all([queue.run(task('a')), queue.run(task('b')), queue.run(task('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('keeps going after a task fails, and hands the failure to its caller only', async () => {
    const queue = new SerialQueue();
    const failing = queue.run(async () => {
      throw new Error('boom');
    });
    const next = queue.run(async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  it('reports a task that queues work on its own queue instead of deadlocking', async () => {
    const queue = new SerialQueue('inner work would wait for the outer task');
    const outcome = queue.run(async () => queue.run(async () => 'never'));
    await expect(outcome).rejects.toBeInstanceOf(SerialQueueReentryError);
    await expect(outcome).rejects.toThrow('inner work would wait for the outer task');
    // Work a task started but did not await may queue normally once the task is over.
    let detached: Promise<string> | undefined;
    await queue.run(async () => {
      detached = later().then(() => later()).then(() => queue.run(async () => 'queued later'));
    });
    await expect(detached).resolves.toBe('queued later');
  });
});
