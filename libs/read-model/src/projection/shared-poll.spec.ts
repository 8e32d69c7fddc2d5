import { describe, expect, it } from 'vitest';
import { SharedPoll } from './shared-poll';

describe('SharedPoll', () => {
  it('serves every waiting request from one read per round', async () => {
    let reached = 0;
    const rounds: number[][] = [];
    const poll = new SharedPoll<number>(async (waiting) => {
      rounds.push([...waiting]);
      reached += 1;
      return new Set(waiting.filter((position) => position <= reached));
    }, 1);

    const results = await Promise.all([1, 2, 3, 3].map((position) => poll.wait(position, 1_000)));

    expect(results).toEqual([true, true, true, true]);
    expect(rounds).toEqual([
      [1, 2, 3, 3],
      [2, 3, 3],
      [3, 3],
    ]);
  });

  it('ends a wait as not visible once its timeout passed, and keeps polling for the others', async () => {
    let visible = false;
    const poll = new SharedPoll<string>(async (waiting) => new Set(visible ? waiting : []), 1);
    const short = poll.wait('short', 5);
    const long = poll.wait('long', 1_000);
    expect(await short).toBe(false);
    visible = true;
    expect(await long).toBe(true);
  });

  it('ends the waits of a round that failed as not visible, and polls again for later ones', async () => {
    let fail = true;
    const poll = new SharedPoll<string>(async (waiting) => {
      if (fail) throw new Error('database unavailable');
      return new Set(waiting);
    }, 1);
    expect(await poll.wait('first', 1_000)).toBe(false);
    fail = false;
    expect(await poll.wait('second', 1_000)).toBe(true);
  });
});
