import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition';

describe('attachmentDisposition', () => {
  it('names a plain file in both forms', () => {
    expect(attachmentDisposition('passport-front.pdf')).toBe(
      `attachment; filename="passport-front.pdf"; filename*=UTF-8''passport-front.pdf`,
    );
  });

  it('keeps the exact name in filename* and an ASCII stand-in in filename', () => {
    expect(attachmentDisposition('Pièce d’identité (1).jpg')).toBe(
      `attachment; filename="Pi_ce d_identit_ (1).jpg"; ` +
        `filename*=UTF-8''Pi%C3%A8ce%20d%E2%80%99identit%C3%A9%20%281%29.jpg`,
    );
  });

  it('cannot be made to end the quoted name, add a parameter or split the header', () => {
    const header = attachmentDisposition('a"; filename="evil.exe\r\nX-Injected: 1\\..\\/x');
    expect(header).toBe(
      `attachment; filename="a_; filename=_evil.exe__X-Injected: 1_..__x"; ` +
        `filename*=UTF-8''a%22%3B%20filename%3D%22evil.exe%0D%0AX-Injected%3A%201%5C..%5C%2Fx`,
    );
    expect(header).not.toMatch(/[\r\n]/);
  });

  it('is a bare attachment without a usable name', () => {
    expect(attachmentDisposition()).toBe('attachment');
    expect(attachmentDisposition('  ')).toBe('attachment');
  });
});
