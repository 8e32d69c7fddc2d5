import type { WebValidationStatus } from '@kyc/session-domain';

export type WebsiteCheckCode =
  | 'invalid_url'
  | 'unsupported_scheme'
  | 'credentials_in_url'
  | 'url_too_long'
  | 'dns_not_found'
  | 'dns_failed'
  | 'target_not_public'
  | 'connection_failed'
  | 'tls_invalid'
  | 'tls_handshake_failed'
  | 'http_protocol_error'
  | 'http_error_status'
  | 'invalid_redirect'
  | 'too_many_redirects'
  | 'timeout';

/** Ends a website check early with the outcome it reached; the checker turns it into a result, never a throw. */
export class WebsiteCheckFailure extends Error {
  constructor(
    readonly status: Exclude<WebValidationStatus, 'valid'>,
    readonly code: WebsiteCheckCode,
    message: string,
    /** The underlying error code (errno, OpenSSL reason), when there is one. */
    readonly detail: string | null = null,
  ) {
    super(message);
    this.name = 'WebsiteCheckFailure';
  }
}
