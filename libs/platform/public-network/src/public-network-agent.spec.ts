import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicNetworkAgent } from './public-network-agent';
import { TargetNotPublicError } from './target-not-public-error';

describe('publicNetworkAgent', () => {
  let server: Server;
  let port: number;
  let connections = 0;

  beforeAll(async () => {
    server = createServer((_request, response) => response.end('ok'));
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ['a name resolving to loopback', () => `http://localhost:${port}/`],
    ['an IPv4 loopback literal', () => `http://127.0.0.1:${port}/`],
    ['an IPv6 loopback literal', () => `http://[::1]:${port}/`],
    ['an IPv4-mapped loopback literal', () => `http://[::ffff:127.0.0.1]:${port}/`],
  ])('refuses %s without connecting', async (_case, url) => {
    const agent = publicNetworkAgent({ allowPrivateTargets: false });
    const before = connections;
    try {
      await expect(request(url(), { dispatcher: agent })).rejects.toBeInstanceOf(TargetNotPublicError);
      expect(connections).toBe(before);
    } finally {
      await agent.close();
    }
  });

  it('connects to private targets when they are allowed', async () => {
    const agent = publicNetworkAgent({ allowPrivateTargets: true, keepAliveTimeout: 1_000 });
    try {
      const response = await request(`http://localhost:${port}/`, { dispatcher: agent });
      expect(response.statusCode).toBe(200);
      expect(await response.body.text()).toBe('ok');
    } finally {
      await agent.close();
    }
  });
});
