import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedLookup } from './guarded-lookup';
import { TargetNotPublicError } from './target-not-public-error';

function lookupOnce(
  lookup: ReturnType<typeof guardedLookup>,
  hostname: string,
  all: boolean,
): Promise<{ error: NodeJS.ErrnoException | null; address: unknown }> {
  return new Promise((resolve) => lookup(hostname, { all }, (error, address) => resolve({ error, address })));
}

describe('guardedLookup', () => {
  let server: Server;
  let connections = 0;

  beforeAll(async () => {
    server = createServer((_request, response) => response.end('ok'));
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses a name that resolves to loopback, naming the address', async () => {
    const { error } = await lookupOnce(guardedLookup(), 'localhost', false);
    expect(error).toBeInstanceOf(TargetNotPublicError);
    expect(error).toMatchObject({ code: 'target_not_public', host: 'localhost' });
    expect(error?.message).toMatch(
      /^localhost resolves to (127\.0\.0\.1|::1), which is not a public address$/,
    );
  });

  it('answers in the shape asked for when every address is allowed', async () => {
    const allowLoopback = guardedLookup((address) => address === '127.0.0.1' || address === '::1');
    const one = await lookupOnce(allowLoopback, 'localhost', false);
    expect(one.error).toBeNull();
    expect(['127.0.0.1', '::1']).toContain(one.address);
    const all = await lookupOnce(allowLoopback, 'localhost', true);
    expect(all.error).toBeNull();
    expect(all.address).toEqual(
      expect.arrayContaining([expect.objectContaining({ family: expect.any(Number) })]),
    );
  });

  it('passes resolution errors through untouched', async () => {
    const { error } = await lookupOnce(guardedLookup(), 'nothing-here.invalid', false);
    expect(error?.code).toBe('ENOTFOUND');
  });

  it('stops a socket from connecting to a refused address', async () => {
    const port = (server.address() as AddressInfo).port;
    const before = connections;
    const error = await new Promise<Error>((resolve) => {
      const socket = connect({ host: 'localhost', port, lookup: guardedLookup() });
      socket.on('error', resolve);
      socket.on('connect', () => {
        socket.destroy();
        resolve(new Error('connected'));
      });
    });
    expect(error).toBeInstanceOf(TargetNotPublicError);
    expect(connections).toBe(before);
  });
});
