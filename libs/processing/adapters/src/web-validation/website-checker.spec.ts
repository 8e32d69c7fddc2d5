import type { ServerResponse } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closedPort, LocalSite, type SiteHandler } from './testing/local-site';
import {
  makeTestCertificates,
  type KeyAndCertificate,
  type TestCertificates,
} from './testing/test-certificates';
import { WebsiteChecker, type WebsiteCheckerOptions } from './website-checker';

const now = new Date('2025-03-01T10:00:00.000Z');
const target = (url: string) => ({ step_id: 'company', field_id: 'website', url });

function answer(status: number, headers: Record<string, string> = {}): SiteHandler {
  return (_request, response) => {
    response.writeHead(status, headers);
    response.end('page');
  };
}

/** Writes for as long as the client reads: a check that read bodies would never finish. */
function endlessBody(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/octet-stream' });
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const pump = () => {
    while (!response.destroyed && response.write(chunk));
    if (!response.destroyed) response.once('drain', pump);
  };
  pump();
}

describe('WebsiteChecker', () => {
  let certificates: TestCertificates;
  const sites: LocalSite[] = [];

  beforeAll(() => {
    certificates = makeTestCertificates();
  });
  afterEach(async () => {
    await Promise.all(sites.splice(0).map((site) => site.close()));
  });

  async function site(handler: SiteHandler, tls?: KeyAndCertificate): Promise<LocalSite> {
    const started = await LocalSite.start(handler, tls);
    sites.push(started);
    return started;
  }

  /** Loopback allowed, the tests' root trusted. */
  function localChecker(options: Partial<WebsiteCheckerOptions> = {}): WebsiteChecker {
    return new WebsiteChecker({
      allowPrivateTargets: true,
      timeoutMs: 3_000,
      trustedCertificates: [certificates.rootCa],
      ...options,
    });
  }

  describe('http', () => {
    it('finds a site that answers 200 valid, with a HEAD request, and closes the connection', async () => {
      const home = await site(answer(200));
      const result = await localChecker({ userAgent: 'checker-test/1' }).check(
        target(home.url('/about?lang=en')),
        now,
      );
      expect(result).toEqual({
        step_id: 'company',
        field_id: 'website',
        url: home.url('/about?lang=en'),
        status: 'valid',
        checks: {
          syntax: true,
          dns: { resolved: true, addresses: ['127.0.0.1'] },
          tls: null,
          http: { status_code: 200, redirects: 0, final_url: home.url('/about?lang=en') },
        },
        checked_at: '2025-03-01T10:00:00.000Z',
      });
      expect(home.requests).toEqual([
        expect.objectContaining({
          method: 'HEAD',
          path: '/about?lang=en',
          headers: expect.objectContaining({ 'user-agent': 'checker-test/1' }),
        }),
      ]);
      await vi.waitFor(() => expect(home.openConnections).toBe(0));
    });

    it.each([404, 410, 500, 503])('finds a site answering %i invalid', async (status) => {
      const broken = await site(answer(status));
      const result = await localChecker().check(target(broken.url('/missing')), now);
      expect(result).toMatchObject({
        status: 'invalid',
        code: 'http_error_status',
        checks: { http: { status_code: status, redirects: 0 } },
      });
    });

    it.each([405, 501])(
      'falls back to GET when HEAD is refused with %i, without reading the body',
      async (refusal) => {
        const headless = await site((request, response) => {
          if (request.method === 'HEAD') answer(refusal)(request, response);
          else endlessBody(response);
        });
        const result = await localChecker().check(target(headless.url()), now);
        expect(result).toMatchObject({
          status: 'valid',
          checks: { http: { status_code: 200, redirects: 0 } },
        });
        expect(headless.requests.map((request) => request.method)).toEqual(['HEAD', 'GET']);
        await vi.waitFor(() => expect(headless.openConnections).toBe(0));
      },
    );

    it('follows a redirect chain, relative and absolute Locations alike', async () => {
      const chain = await site((request, response) => {
        if (request.url === '/start') return answer(301, { location: '/next' })(request, response);
        if (request.url === '/next') {
          return answer(302, { location: chain.url('/end#section') })(request, response);
        }
        return answer(200)(request, response);
      });
      const result = await localChecker().check(target(chain.url('/start')), now);
      expect(result).toMatchObject({
        status: 'valid',
        checks: { http: { status_code: 200, redirects: 2, final_url: chain.url('/end') } },
      });
      expect(chain.requests.map((request) => request.path)).toEqual(['/start', '/next', '/end']);
    });

    it('allows exactly maxRedirects redirects and stops at the next one', async () => {
      const hops = await site((request, response) => {
        const hop = Number(request.url?.slice(1));
        if (hop < 3) return answer(hop % 2 === 0 ? 307 : 308, { location: `/${hop + 1}` })(request, response);
        answer(200)(request, response);
      });
      const result = await localChecker({ maxRedirects: 3 }).check(target(hops.url('/0')), now);
      expect(result).toMatchObject({
        status: 'valid',
        checks: { http: { status_code: 200, redirects: 3, final_url: hops.url('/3') } },
      });
      const tooFar = await localChecker({ maxRedirects: 2 }).check(target(hops.url('/0')), now);
      expect(tooFar).toMatchObject({
        status: 'invalid',
        code: 'too_many_redirects',
        checks: { http: { status_code: 307, redirects: 2, final_url: hops.url('/2') } },
      });
    });

    it('stops a redirect loop', async () => {
      const loop = await site(answer(302, { location: '/loop' }));
      const result = await localChecker({ maxRedirects: 3 }).check(target(loop.url('/loop')), now);
      expect(result).toMatchObject({
        status: 'invalid',
        code: 'too_many_redirects',
        checks: { http: { status_code: 302, redirects: 3, final_url: loop.url('/loop') } },
      });
      expect(loop.requests).toHaveLength(4);
    });

    it('treats a 3xx without Location as the final answer', async () => {
      const notModified = await site(answer(300));
      const result = await localChecker().check(target(notModified.url()), now);
      expect(result).toMatchObject({ status: 'valid', checks: { http: { status_code: 300, redirects: 0 } } });
    });

    it.each(['ftp://files.example/x', 'https://user:pw@example.com/', 'http://[::1'])(
      'refuses to follow a redirect to %s',
      async (location) => {
        const odd = await site(answer(302, { location }));
        const result = await localChecker().check(target(odd.url()), now);
        expect(result).toMatchObject({ status: 'invalid', code: 'invalid_redirect' });
      },
    );

    it('reports a server that never answers as unreachable once the time budget is spent, and closes its socket', async () => {
      const silent = await site(() => undefined);
      const started = Date.now();
      const result = await localChecker({ timeoutMs: 300 }).check(target(silent.url()), now);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(result).toMatchObject({
        status: 'unreachable',
        code: 'timeout',
        checks: { dns: { resolved: true }, http: null },
      });
      expect(silent.requests).toHaveLength(1);
      await vi.waitFor(() => expect(silent.openConnections).toBe(0));
    });

    it('reports a closed port as unreachable', async () => {
      const port = await closedPort();
      const result = await localChecker().check(target(`http://127.0.0.1:${port}/`), now);
      expect(result).toMatchObject({
        status: 'unreachable',
        code: 'connection_failed',
        checks: { syntax: true, dns: { resolved: true, addresses: ['127.0.0.1'] }, tls: null, http: null },
      });
    });

    it('reports a server that does not speak HTTP as invalid', async () => {
      // Reads what it is sent, so the socket can finish closing when the client goes.
      const raw = createServer((socket) => socket.resume().end('SSH-2.0-OpenSSH_9.2\r\n'));
      await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = raw.address() as AddressInfo;
        const result = await localChecker().check(target(`http://127.0.0.1:${port}/`), now);
        expect(result).toMatchObject({
          status: 'invalid',
          code: 'http_protocol_error',
          checks: { http: null },
        });
      } finally {
        await new Promise<void>((resolve) => raw.close(() => resolve()));
      }
    });
  });

  describe('DNS', () => {
    it('finds a name under the reserved .invalid TLD invalid, with nothing resolved', async () => {
      const result = await localChecker().check(target('https://nothing-here.invalid/'), now);
      expect(result).toMatchObject({
        status: 'invalid',
        code: 'dns_not_found',
        checks: { syntax: true, dns: { resolved: false, addresses: [] }, tls: null, http: null },
      });
    });

    it('reads a bare host as https and resolves the name', async () => {
      const secure = await site(answer(200), certificates.valid);
      const result = await localChecker().check(target(`localhost:${secure.port}`), now);
      expect(result).toMatchObject({
        url: `localhost:${secure.port}`,
        status: 'valid',
        checks: { http: { final_url: `https://localhost:${secure.port}/` } },
      });
      expect(result.checks.dns?.addresses).toContain('127.0.0.1');
    });
  });

  describe('TLS', () => {
    it('reports the issuer and expiry of a valid certificate', async () => {
      const secure = await site(answer(200), certificates.valid);
      const result = await localChecker().check(target(secure.url('/', 'localhost')), now);
      expect(result).toMatchObject({
        status: 'valid',
        checks: { tls: { valid: true, issuer: 'O=Web Validation Tests, CN=Test Root CA', error: null } },
      });
      const expiresAt = Date.parse(result.checks.tls?.expires_at ?? '');
      expect(expiresAt).toBeGreaterThan(Date.now() + 24 * 60 * 60 * 1000);
    });

    it('verifies an IP literal against the certificate IP addresses', async () => {
      const secure = await site(answer(200), certificates.valid);
      const result = await localChecker().check(target(secure.url('/')), now);
      expect(result).toMatchObject({ status: 'valid', checks: { tls: { valid: true } } });
    });

    it.each([
      ['an expired certificate', 'expired', 'CERT_HAS_EXPIRED', 'O=Web Validation Tests, CN=Test Root CA'],
      ['a self-signed certificate', 'selfSigned', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CN=localhost'],
      [
        'a certificate for another name',
        'wrongHost',
        'ERR_TLS_CERT_ALTNAME_INVALID',
        'O=Web Validation Tests, CN=Test Root CA',
      ],
    ] as const)('finds %s invalid without sending a request', async (_case, which, error, issuer) => {
      const secure = await site(answer(200), certificates[which]);
      const result = await localChecker().check(target(secure.url('/', 'localhost')), now);
      expect(result).toMatchObject({
        status: 'invalid',
        code: 'tls_invalid',
        checks: { tls: { valid: false, issuer, error }, http: null },
      });
      if (which === 'expired') expect(result.checks.tls?.expires_at).toBe('2020-01-02T00:00:00.000Z');
      expect(secure.requests).toHaveLength(0);
      await vi.waitFor(() => expect(secure.openConnections).toBe(0));
    });

    it('does not trust a root it was not given', async () => {
      const secure = await site(answer(200), certificates.valid);
      const result = await localChecker({ trustedCertificates: undefined }).check(
        target(secure.url('/', 'localhost')),
        now,
      );
      expect(result).toMatchObject({
        status: 'invalid',
        code: 'tls_invalid',
        checks: { tls: { valid: false, error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' } },
      });
    });

    it('reports a failed handshake with the OpenSSL code', async () => {
      const plain = await site(answer(200));
      const result = await localChecker().check(target(`https://127.0.0.1:${plain.port}/`), now);
      expect(result).toMatchObject({
        status: 'invalid',
        code: 'tls_handshake_failed',
        checks: { tls: { valid: false, issuer: null } },
      });
      expect(result.checks.tls?.error).toMatch(/^ERR_SSL_/);
    });

    it('describes the last hop: an http address redirecting to https reports the https certificate', async () => {
      const secure = await site(answer(200), certificates.valid);
      const plain = await site(answer(301, { location: secure.url('/', 'localhost') }));
      const result = await localChecker().check(target(plain.url()), now);
      expect(result).toMatchObject({
        status: 'valid',
        checks: {
          tls: { valid: true },
          http: { status_code: 200, redirects: 1, final_url: secure.url('/', 'localhost') },
        },
      });
    });
  });

  describe('SSRF protection', () => {
    const guarded = () => new WebsiteChecker({ allowPrivateTargets: false, timeoutMs: 3_000 });

    it.each([
      ['an IPv4 loopback literal', (port: number) => `http://127.0.0.1:${port}/`],
      ['localhost, a name resolving to loopback', (port: number) => `http://localhost:${port}/`],
      ['a bare localhost', (port: number) => `localhost:${port}`],
      ['an IPv6 loopback literal', (port: number) => `http://[::1]:${port}/`],
      ['an IPv4-mapped loopback literal', (port: number) => `http://[::ffff:127.0.0.1]:${port}/`],
      ['loopback written as one number', (port: number) => `http://2130706433:${port}/`],
      ['the unspecified address', (port: number) => `http://0.0.0.0:${port}/`],
      ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
      ['a private address', () => 'http://10.0.0.1/'],
      ['a carrier-grade NAT address', () => 'https://100.64.0.1/'],
      ['a NAT64 address embedding loopback', () => 'http://[64:ff9b::7f00:1]/'],
    ])('refuses %s without connecting', async (_case, url) => {
      const home = await site(answer(200));
      const result = await guarded().check(target(url(home.port)), now);
      expect(result).toMatchObject({
        status: 'refused',
        code: 'target_not_public',
        checks: { syntax: true, dns: { resolved: true }, tls: null, http: null },
      });
      expect(home.connections).toBe(0);
    });

    // The entry site is allowed by address and port, so only the redirect target is judged by the default rule's
    // counterpart: another port on the same loopback address, where a real site listens and counts connections.
    it.each([
      ['an IP literal', (inner: LocalSite) => inner.url('/admin')],
      ['a name resolving to loopback', (inner: LocalSite) => inner.url('/admin', 'localhost')],
    ])(
      'refuses a redirect to a non-allowed target given as %s, without connecting to it',
      async (_case, innerUrl) => {
        const inner = await site(answer(200));
        const entry = await site(answer(302, { location: innerUrl(inner) }));
        const checker = new WebsiteChecker({
          allowPrivateTargets: false,
          isAllowedTarget: (address, port) => address === '127.0.0.1' && port === entry.port,
          timeoutMs: 3_000,
        });
        const result = await checker.check(target(entry.url()), now);
        expect(result).toMatchObject({
          status: 'refused',
          code: 'target_not_public',
          checks: {
            dns: { resolved: true },
            http: { status_code: 302, redirects: 1, final_url: innerUrl(inner) },
          },
        });
        expect(entry.requests).toHaveLength(1);
        expect(inner.connections).toBe(0);
      },
    );
  });

  describe('bad input', () => {
    it.each([
      ['an empty field', '', 'invalid_url'],
      ['words', 'not a url at all', 'invalid_url'],
      ['an ftp URL', 'ftp://example.com/', 'unsupported_scheme'],
      ['a javascript: URL', 'javascript:alert(1)', 'unsupported_scheme'],
      ['credentials', 'https://admin:hunter2@example.com/', 'credentials_in_url'],
      ['2100 characters of path', `https://example.com/${'a'.repeat(2100)}`, 'url_too_long'],
    ])('answers %s with a coded result and no network use', async (_case, url, code) => {
      const result = await new WebsiteChecker({ allowPrivateTargets: false }).check(target(url), now);
      expect(result).toEqual({
        step_id: 'company',
        field_id: 'website',
        url,
        status: 'invalid',
        code,
        checks: { syntax: false, dns: null, tls: null, http: null },
        checked_at: '2025-03-01T10:00:00.000Z',
      });
    });
  });
});
