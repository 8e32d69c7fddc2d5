import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { documentDownloadUrl, signDocumentUrl, verifyDocumentUrl } from './signed-document-url';

const secret = randomBytes(32);
const claims = {
  sessionId: '0192f3a4-5b6c-7d8e-9f00-112233445566',
  docId: 'doc_Ab3-x_9',
  expiresAt: 1_900_000_000,
};

describe('signed document URLs', () => {
  it('verifies its own token before expiry and reads the claims back', () => {
    const token = signDocumentUrl(claims, secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyDocumentUrl(token, secret, claims.expiresAt - 1)).toEqual({ status: 'ok', claims });
  });

  it('answers expired from the expiry second on', () => {
    const token = signDocumentUrl(claims, secret);
    expect(verifyDocumentUrl(token, secret, claims.expiresAt)).toEqual({ status: 'expired', claims });
    expect(verifyDocumentUrl(token, secret, claims.expiresAt + 3600).status).toBe('expired');
  });

  it('uses the clock when no time is given', () => {
    const now = Math.floor(Date.now() / 1000);
    expect(
      verifyDocumentUrl(signDocumentUrl({ ...claims, expiresAt: now + 60 }, secret), secret).status,
    ).toBe('ok');
    expect(verifyDocumentUrl(signDocumentUrl({ ...claims, expiresAt: now - 1 }, secret), secret).status).toBe(
      'expired',
    );
  });

  it('rejects a token signed with another secret', () => {
    expect(verifyDocumentUrl(signDocumentUrl(claims, randomBytes(32)), secret, 0)).toEqual({
      status: 'invalid',
    });
  });

  it('rejects any change to the claims, even of an expired token', () => {
    const [, signature] = signDocumentUrl(claims, secret).split('.');
    const forge = (text: string) => `${Buffer.from(text).toString('base64url')}.${signature}`;
    expect(verifyDocumentUrl(forge(`${claims.sessionId}/${claims.docId}/1999999999`), secret, 0).status).toBe(
      'invalid',
    );
    expect(
      verifyDocumentUrl(forge(`${claims.sessionId}/doc_other/${claims.expiresAt}`), secret, 0).status,
    ).toBe('invalid');
    expect(verifyDocumentUrl(forge(`${claims.sessionId}/${claims.docId}/1`), secret, 0).status).toBe(
      'invalid',
    );
  });

  it('rejects malformed tokens', () => {
    const token = signDocumentUrl(claims, secret);
    const [payload, signature] = token.split('.');
    const flipped = Buffer.from(signature, 'base64url');
    flipped[0] ^= 1;
    for (const bad of [
      '',
      payload,
      `${payload}.`,
      `${payload}.${signature}.x`,
      `${payload}.${signature.slice(0, -2)}`,
      `${payload}.${flipped.toString('base64url')}`,
      `${payload}.${signature}=`,
      `${payload}+.${signature}`,
      'x'.repeat(600),
    ]) {
      expect(verifyDocumentUrl(bad, secret, 0)).toEqual({ status: 'invalid' });
    }
  });

  it('refuses to sign ids that would not survive the format, or a bad expiry', () => {
    expect(() => signDocumentUrl({ ...claims, docId: 'a/b' }, secret)).toThrow(RangeError);
    expect(() => signDocumentUrl({ ...claims, sessionId: '' }, secret)).toThrow(RangeError);
    expect(() => signDocumentUrl({ ...claims, expiresAt: 1.5 }, secret)).toThrow(RangeError);
    expect(() => signDocumentUrl({ ...claims, expiresAt: -5 }, secret)).toThrow(RangeError);
  });

  it('refuses a secret too short to be one', () => {
    expect(() => signDocumentUrl(claims, 'short')).toThrow(/at least 16 bytes/);
    expect(() => verifyDocumentUrl('a.b', Buffer.alloc(0))).toThrow(/at least 16 bytes/);
  });

  it('builds the download link under the public base URL', () => {
    expect(documentDownloadUrl('https://kyc.example.org/', 'abc.def')).toBe(
      'https://kyc.example.org/documents/download?token=abc.def',
    );
  });
});
