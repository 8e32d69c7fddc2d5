import { isPublicAddress } from '@kyc/public-network';
import type { WebValidationResult, WebValidationStatus } from '@kyc/session-domain';
import { rootCertificates } from 'node:tls';
import { CheckDeadline } from './check-deadline';
import { openPinnedConnection } from './open-pinned-connection';
import { probeHttp, type HttpAnswer } from './probe-http';
import { resolveWebsiteHost } from './resolve-website-host';
import { WebsiteCheckFailure, type WebsiteCheckCode } from './website-check-failure';
import { checkWebsiteUrl, hostOf, parseWebsiteUrl, portOf } from './website-url';

export interface WebsiteCheckerOptions {
  /**
   * Lets the check connect to loopback, private and link-local addresses: development and tests only. Ignored
   * when `isAllowedTarget` is given.
   */
  allowPrivateTargets: boolean;
  /**
   * Which address and port a check may connect to, applied to every hop of a redirect chain. Defaults to
   * public addresses only (all addresses when `allowPrivateTargets`). Lets a test allow exactly its own server
   * while everything else stays refused.
   */
  isAllowedTarget?: (address: string, port: number) => boolean;
  /** Budget for the whole check, redirects included. */
  timeoutMs?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** PEM certificates trusted in addition to Node's default CA store (a private PKI, tests). */
  trustedCertificates?: string[];
}

export interface WebsiteCheckTarget {
  step_id: string;
  field_id: string;
  /** As the end user entered it. */
  url: string;
}

type Checks = WebValidationResult['checks'];

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Servers that refuse HEAD say so with these; anything else is their answer for the page.
const HEAD_REFUSED_STATUSES = new Set([405, 501]);

/**
 * Checks a website address a customer entered: syntax, DNS, that every address is one the platform may
 * connect to (SSRF), TLS certificate, HTTP status, following redirects. Every outcome is a coded result.
 *
 * `checks` describe the last hop the check reached (`http.final_url`): its addresses, its certificate, and the
 * last status received on the way there.
 */
export class WebsiteChecker {
  private readonly isAllowedTarget: (address: string, port: number) => boolean;
  private readonly timeoutMs: number;
  private readonly maxRedirects: number;
  private readonly userAgent: string;
  private readonly ca: string[] | undefined;

  constructor(options: WebsiteCheckerOptions) {
    this.isAllowedTarget =
      options.isAllowedTarget ??
      (options.allowPrivateTargets ? () => true : (address) => isPublicAddress(address));
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxRedirects = options.maxRedirects ?? 3;
    this.userAgent = options.userAgent ?? 'kyc-platform-web-validation/1';
    this.ca = options.trustedCertificates?.length
      ? [...rootCertificates, ...options.trustedCertificates]
      : undefined;
  }

  async check(target: WebsiteCheckTarget, now: Date): Promise<WebValidationResult> {
    const checks: Checks = { syntax: false, dns: null, tls: null, http: null };
    const result = (status: WebValidationStatus, code?: WebsiteCheckCode): WebValidationResult => ({
      step_id: target.step_id,
      field_id: target.field_id,
      url: target.url,
      status,
      ...(code ? { code } : {}),
      checks,
      checked_at: now.toISOString(),
    });

    const parsed = parseWebsiteUrl(target.url);
    if (!parsed.ok) return result('invalid', parsed.problem);
    checks.syntax = true;

    const deadline = new CheckDeadline(this.timeoutMs);
    try {
      await this.follow(parsed.url, checks, deadline);
      return result('valid');
    } catch (error) {
      if (!(error instanceof WebsiteCheckFailure)) throw error;
      const failure = deadline.expired ? deadline.failure() : error;
      return result(failure.status, failure.code);
    } finally {
      deadline.dispose();
    }
  }

  private async follow(start: URL, checks: Checks, deadline: CheckDeadline): Promise<void> {
    let url = start;
    for (let redirects = 0; ; redirects++) {
      checks.dns = { resolved: false, addresses: [] };
      checks.tls = null;
      const addresses = await resolveWebsiteHost(hostOf(url), deadline);
      checks.dns = { resolved: true, addresses };
      const port = portOf(url);
      const refused = addresses.find((address) => !this.isAllowedTarget(address, port));
      if (refused) {
        throw new WebsiteCheckFailure(
          'refused',
          'target_not_public',
          `${url.host} is at ${refused}, which is not a public address`,
        );
      }

      let answer = await this.request(url, addresses, 'HEAD', checks, deadline);
      if (HEAD_REFUSED_STATUSES.has(answer.statusCode)) {
        answer = await this.request(url, addresses, 'GET', checks, deadline);
      }
      checks.http = { status_code: answer.statusCode, redirects, final_url: url.href };

      const next = redirectTarget(url, answer);
      if (next === null) {
        if (answer.statusCode >= 400) {
          throw new WebsiteCheckFailure(
            'invalid',
            'http_error_status',
            `${url.href} answered HTTP ${answer.statusCode}`,
          );
        }
        return;
      }
      if (redirects === this.maxRedirects) {
        throw new WebsiteCheckFailure(
          'invalid',
          'too_many_redirects',
          `more than ${this.maxRedirects} redirects`,
        );
      }
      checks.http = { status_code: answer.statusCode, redirects: redirects + 1, final_url: next.href };
      url = next;
    }
  }

  private async request(
    url: URL,
    addresses: string[],
    method: 'HEAD' | 'GET',
    checks: Checks,
    deadline: CheckDeadline,
  ): Promise<HttpAnswer> {
    let connection;
    try {
      connection = await openPinnedConnection(url, addresses, this.ca, deadline);
    } catch (error) {
      if (error instanceof WebsiteCheckFailure && error.code === 'tls_handshake_failed') {
        checks.tls = { valid: false, issuer: null, expires_at: null, error: error.detail };
      }
      throw error;
    }
    checks.tls = connection.tls;
    if (connection.tls && !connection.tls.valid) {
      connection.socket.destroy();
      throw new WebsiteCheckFailure(
        'invalid',
        'tls_invalid',
        `${url.host} presented an invalid certificate`,
        connection.tls.error,
      );
    }
    return probeHttp(url, connection.socket, method, this.userAgent, deadline);
  }
}

/** Where a redirect points, or null when the answer is not one; a Location the check may not follow is a failure. */
function redirectTarget(from: URL, answer: HttpAnswer): URL | null {
  if (!REDIRECT_STATUSES.has(answer.statusCode) || answer.location === null) return null;
  let next: URL;
  try {
    next = new URL(answer.location, from);
  } catch {
    throw new WebsiteCheckFailure('invalid', 'invalid_redirect', `${from.href} redirects to an invalid URL`);
  }
  const checked = checkWebsiteUrl(next);
  if (!checked.ok) {
    throw new WebsiteCheckFailure(
      'invalid',
      'invalid_redirect',
      `${from.href} redirects to a URL that cannot be checked (${checked.problem})`,
    );
  }
  next.hash = '';
  return next;
}
