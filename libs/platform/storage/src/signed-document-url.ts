import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Download links for stored documents, served by the gateway at `GET /documents/download?token=<token>`.
 *
 *   token     = <payload> "." <signature>
 *   payload   = base64url("<session_id>/<doc_id>/<expires_at>")      expires_at in Unix seconds
 *   signature = base64url(HMAC-SHA256(secret, "kyc-document-url.v1." + payload))
 *
 * One opaque value: nothing to re-order or re-encode between signing and checking, and the ids are limited
 * to [A-Za-z0-9_-] so `/` can separate them. The link works while now < expires_at. The token travels in the
 * query string, as an S3 presigned URL's signature does: HTTP routers cap the length of a path segment
 * (Fastify's default is 100 characters), and a token is longer than that.
 */
export interface DocumentUrlClaims {
  sessionId: string;
  docId: string;
  /** Unix seconds. */
  expiresAt: number;
}

export type DocumentUrlVerification =
  | { status: 'ok'; claims: DocumentUrlClaims }
  | { status: 'expired'; claims: DocumentUrlClaims }
  | { status: 'invalid' };

const DOMAIN = 'kyc-document-url.v1.';
const ID = /^[A-Za-z0-9_-]{1,128}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const SIGNATURE_BYTES = 32;
const MAX_TOKEN_LENGTH = 512;
const MIN_SECRET_BYTES = 16;

export function signDocumentUrl(claims: DocumentUrlClaims, secret: string | Uint8Array): string {
  const { sessionId, docId, expiresAt } = claims;
  if (!ID.test(sessionId) || !ID.test(docId)) {
    throw new RangeError('Session and document ids must be 1-128 characters of A-Z a-z 0-9 _ -');
  }
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= 0) {
    throw new RangeError('expiresAt must be a positive whole number of Unix seconds');
  }
  const payload = Buffer.from(`${sessionId}/${docId}/${expiresAt}`, 'utf8').toString('base64url');
  return `${payload}.${sign(payload, secret).toString('base64url')}`;
}

/** Checks the signature first, so that an expired answer is only ever given for a link this service issued. */
export function verifyDocumentUrl(
  token: string,
  secret: string | Uint8Array,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): DocumentUrlVerification {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { status: 'invalid' };
  const parts = token.split('.');
  if (parts.length !== 2 || !BASE64URL.test(parts[0]) || !BASE64URL.test(parts[1]))
    return { status: 'invalid' };
  const [payload, signature] = parts;
  const given = Buffer.from(signature, 'base64url');
  const expected = sign(payload, secret);
  // Buffer.from drops malformed trailing characters, so compare the canonical re-encoding too.
  if (
    given.length !== SIGNATURE_BYTES ||
    given.toString('base64url') !== signature ||
    !timingSafeEqual(given, expected)
  ) {
    return { status: 'invalid' };
  }
  const claims = parseClaims(Buffer.from(payload, 'base64url').toString('utf8'));
  if (!claims) return { status: 'invalid' };
  return nowSeconds < claims.expiresAt ? { status: 'ok', claims } : { status: 'expired', claims };
}

/** The gateway route that serves documents; the token is its `token` query parameter. */
export const DOCUMENT_DOWNLOAD_PATH = '/documents/download';

/** The full link handed to API clients. */
export function documentDownloadUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${DOCUMENT_DOWNLOAD_PATH}?token=${encodeURIComponent(token)}`;
}

function sign(payload: string, secret: string | Uint8Array): Buffer {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (key.length < MIN_SECRET_BYTES)
    throw new RangeError(`The URL signing secret must be at least ${MIN_SECRET_BYTES} bytes`);
  return createHmac('sha256', key)
    .update(DOMAIN + payload)
    .digest();
}

function parseClaims(text: string): DocumentUrlClaims | undefined {
  const match = /^([A-Za-z0-9_-]{1,128})\/([A-Za-z0-9_-]{1,128})\/([1-9][0-9]{0,15})$/.exec(text);
  if (!match) return undefined;
  const expiresAt = Number(match[3]);
  return Number.isSafeInteger(expiresAt) ? { sessionId: match[1], docId: match[2], expiresAt } : undefined;
}
