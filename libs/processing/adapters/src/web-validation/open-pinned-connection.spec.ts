import { afterEach, describe, expect, it } from 'vitest';
import { CheckDeadline } from './check-deadline';
import { openPinnedConnection } from './open-pinned-connection';
import { LocalSite } from './testing/local-site';
import { makeTestCertificates } from './testing/test-certificates';

// A name under .invalid never resolves (RFC 2606): reaching the site through it proves the socket used the pinned
// address and did not ask DNS, so a name cannot be re-pointed between the check and the connection.
const UNRESOLVABLE = 'pinned.invalid';

describe('openPinnedConnection', () => {
  const sites: LocalSite[] = [];
  const deadlines: CheckDeadline[] = [];
  afterEach(async () => {
    deadlines.splice(0).forEach((deadline) => deadline.dispose());
    await Promise.all(sites.splice(0).map((site) => site.close()));
  });

  function deadline(): CheckDeadline {
    const created = new CheckDeadline(3_000);
    deadlines.push(created);
    return created;
  }

  it('connects over TCP to the checked address, never resolving the name', async () => {
    const site = await LocalSite.start((_request, response) => response.end());
    sites.push(site);
    const connection = await openPinnedConnection(
      new URL(`http://${UNRESOLVABLE}:${site.port}/`),
      ['127.0.0.1'],
      undefined,
      deadline(),
    );
    connection.socket.destroy();
    expect(connection.tls).toBeNull();
    expect(site.connections).toBe(1);
  });

  it('connects over TLS to the checked address, sending the name for SNI and checking the certificate against it', async () => {
    const certificates = makeTestCertificates();
    const site = await LocalSite.start((_request, response) => response.end(), certificates.valid);
    sites.push(site);
    const connection = await openPinnedConnection(
      new URL(`https://${UNRESOLVABLE}:${site.port}/`),
      ['127.0.0.1'],
      [certificates.rootCa],
      deadline(),
    );
    connection.socket.destroy();
    expect(connection.tls).toMatchObject({
      valid: false,
      error: 'ERR_TLS_CERT_ALTNAME_INVALID',
      issuer: 'O=Web Validation Tests, CN=Test Root CA',
    });
    expect(site.connections).toBe(1);
  });
});
