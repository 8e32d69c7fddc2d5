import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { streamParts } from './stream-parts';

async function collect(stream: Readable, partSize: number): Promise<Buffer[]> {
  const parts: Buffer[] = [];
  for await (const part of streamParts(stream, partSize)) parts.push(part);
  return parts;
}

describe('streamParts', () => {
  it('cuts chunks of any size into full parts and a shorter last one, keeping every byte in order', async () => {
    const chunks = [3, 1, 10, 0, 2, 7].map((size) => randomBytes(size));
    const parts = await collect(Readable.from(chunks), 4);
    expect(parts.map((part) => part.length)).toEqual([4, 4, 4, 4, 4, 3]);
    expect(Buffer.concat(parts).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('ends with an empty part when the length is a multiple of the part size, or nothing came', async () => {
    expect((await collect(Readable.from([randomBytes(8)]), 4)).map((part) => part.length)).toEqual([4, 4, 0]);
    expect((await collect(Readable.from([]), 4)).map((part) => part.length)).toEqual([0]);
  });

  it('reads text chunks as UTF-8 and Uint8Array views without the rest of their buffer', async () => {
    const backing = Buffer.from('xxABxx');
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 2, 2);
    const parts = await collect(Readable.from(['é', view], { objectMode: true }), 10);
    expect(Buffer.concat(parts).toString()).toBe('éAB');
  });

  it('passes the stream’s failure on, and destroys the stream when the reader stops early', async () => {
    const failing = Readable.from(
      (async function* () {
        yield randomBytes(5);
        throw new Error('connection reset');
      })(),
    );
    await expect(collect(failing, 4)).rejects.toThrow('connection reset');

    const endless = new Readable({ read: () => void endless.push(randomBytes(4)) });
    for await (const part of streamParts(endless, 4)) {
      expect(part).toHaveLength(4);
      break;
    }
    expect(endless.destroyed).toBe(true);
  });
});
