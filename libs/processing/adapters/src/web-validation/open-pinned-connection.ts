import type { LookupAddress } from 'node:dns';
import {
  connect as connectTcp,
  isIP,
  type LookupFunction,
  type Socket,
  type TcpNetConnectOpts,
} from 'node:net';
import { connect as connectTls, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { CheckDeadline } from './check-deadline';
import { WebsiteCheckFailure } from './website-check-failure';
import { hostOf, portOf } from './website-url';

export interface TlsCheck {
  valid: boolean;
  issuer: string | null;
  expires_at: string | null;
  /** The OpenSSL verification code (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, ...) when not valid. */
  error: string | null;
}

export interface PinnedConnection {
  socket: Socket;
  /** For https: what the certificate check found. The socket is open even when it is not valid. */
  tls: TlsCheck | null;
}

/**
 * Opens a connection to the URL's host using only `addresses`, the ones already resolved and checked: the socket
 * never asks DNS again, so the name cannot be re-pointed at another address between check and connect.
 * Certificates are verified (against `ca`, or Node's default CA store) but not enforced here, so the caller can
 * report the issuer and expiry date of an invalid one.
 */
export function openPinnedConnection(
  url: URL,
  addresses: string[],
  ca: string[] | undefined,
  deadline: CheckDeadline,
): Promise<PinnedConnection> {
  const host = hostOf(url);
  const port = portOf(url);
  const lookup = pinnedLookup(addresses);
  // Tries each checked address in turn (happy eyeballs) rather than only the first. tls.connect hands its options
  // to the TCP connect, which reads this, though the TLS option types leave it out.
  const familySelection: Pick<TcpNetConnectOpts, 'autoSelectFamily'> = { autoSelectFamily: true };
  return new Promise((resolve, reject) => {
    let socket: Socket;
    const settle = (outcome: PinnedConnection | WebsiteCheckFailure) => {
      deadline.signal.removeEventListener('abort', onAbort);
      socket.removeListener('error', onError);
      // Later errors reach the HTTP request that takes the socket over; this keeps one arriving before it from
      // going unhandled.
      socket.on('error', () => undefined);
      if (outcome instanceof WebsiteCheckFailure) {
        socket.destroy();
        reject(outcome);
      } else {
        resolve(outcome);
      }
    };
    const onAbort = () => settle(deadline.failure());
    const onError = (error: Error) => settle(connectionFailure(error, url));

    if (url.protocol === 'https:') {
      const tlsSocket = connectTls({
        host,
        port,
        lookup,
        ...familySelection,
        servername: isIP(host) ? undefined : host,
        rejectUnauthorized: false,
        ...(ca ? { ca } : {}),
        ALPNProtocols: ['http/1.1'],
      });
      socket = tlsSocket;
      tlsSocket.once('secureConnect', () => settle({ socket: tlsSocket, tls: describeTls(tlsSocket) }));
    } else {
      socket = connectTcp({ host, port, lookup, ...familySelection });
      socket.once('connect', () => settle({ socket, tls: null }));
    }
    socket.on('error', onError);
    if (deadline.expired) onAbort();
    else deadline.signal.addEventListener('abort', onAbort, { once: true });
  });
}

function pinnedLookup(addresses: string[]): LookupFunction {
  const answers: LookupAddress[] = addresses.map((address) => ({ address, family: isIP(address) }));
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options.all) callback(null, answers);
    else callback(null, answers[0].address, answers[0].family);
  }) as LookupFunction;
}

function describeTls(socket: TLSSocket): TlsCheck {
  const certificate = socket.getPeerCertificate();
  const present = certificate && Object.keys(certificate).length > 0;
  return {
    valid: socket.authorized,
    issuer: present ? distinguishedName(certificate.issuer) : null,
    expires_at: present ? isoDate(certificate.valid_to) : null,
    error: socket.authorized ? null : verificationCode(socket.authorizationError),
  };
}

// Node gives the verification failure as the OpenSSL code string, although it is typed as an Error.
function verificationCode(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return 'UNKNOWN_VERIFICATION_ERROR';
}

function distinguishedName(name: PeerCertificate['issuer'] | undefined): string | null {
  if (!name) return null;
  const parts = Object.entries(name).map(
    ([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`,
  );
  return parts.length > 0 ? parts.join(', ') : null;
}

function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function connectionFailure(error: Error, url: URL): WebsiteCheckFailure {
  const code = (error as NodeJS.ErrnoException).code ?? null;
  // OpenSSL errors carry their library name; Node prefixes their codes with ERR_SSL_.
  if ('library' in error || code?.startsWith('ERR_SSL_')) {
    return new WebsiteCheckFailure(
      'invalid',
      'tls_handshake_failed',
      `TLS handshake with ${url.host} failed: ${error.message}`,
      code,
    );
  }
  return new WebsiteCheckFailure(
    'unreachable',
    'connection_failed',
    `could not connect to ${url.host}: ${error.message}`,
    code,
  );
}
