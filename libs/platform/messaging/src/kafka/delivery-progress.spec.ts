import { describe, expect, it } from 'vitest';
import { DeliveryProgress } from './delivery-progress';

describe('DeliveryProgress', () => {
  it('reports a group behind until its position reaches what was published, per partition', () => {
    const progress = new DeliveryProgress();
    const subscriptions = [{ groupId: 'g', topic: 't' }];
    expect(progress.lag(subscriptions)).toEqual([]);

    progress.recordPublished('t', 0, 3n);
    progress.recordPublished('t', 2, 1n);
    progress.recordPosition('g', 't', 0, 1n);
    expect(progress.lag(subscriptions)).toEqual([
      { groupId: 'g', topic: 't', partition: 0, position: 1n, end: 3n },
      { groupId: 'g', topic: 't', partition: 2, position: undefined, end: 1n },
    ]);

    progress.recordPosition('g', 't', 0, 3n);
    progress.recordPosition('g', 't', 2, 1n);
    expect(progress.lag(subscriptions)).toEqual([]);
  });

  it('only moves offsets forward and keeps groups and topics apart', () => {
    const progress = new DeliveryProgress();
    progress.recordPublished('t', 0, 5n);
    progress.recordPublished('t', 0, 2n);
    progress.recordPosition('g', 't', 0, 5n);
    progress.recordPosition('g', 't', 0, 4n);
    expect(progress.position('g', 't', 0)).toBe(5n);
    expect(progress.lag([{ groupId: 'g', topic: 't' }])).toEqual([]);
    expect(progress.lag([{ groupId: 'other', topic: 't' }])).toHaveLength(1);
    expect(progress.lag([{ groupId: 'g', topic: 'u' }])).toEqual([]);
    // Two members of one group count once.
    expect(
      progress.lag([
        { groupId: 'h', topic: 't' },
        { groupId: 'h', topic: 't' },
      ]),
    ).toHaveLength(1);
  });

  it('wakes waiters on progress, not on a repeated or older offset', async () => {
    const progress = new DeliveryProgress();
    progress.recordPosition('g', 't', 0, 2n);
    let woken = false;
    const waiting = progress.changed().then(() => (woken = true));
    progress.recordPosition('g', 't', 0, 2n);
    progress.recordPosition('g', 't', 0, 1n);
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toBe(false);
    progress.recordPublished('t', 0, 3n);
    await waiting;
    expect(woken).toBe(true);
  });
});
