import { describe, expect, it } from 'vitest';
import { MAX_WEBSITE_URL_LENGTH, parseWebsiteUrl } from './website-url';

function href(input: string): string | null {
  const parsed = parseWebsiteUrl(input);
  return parsed.ok ? parsed.url.href : null;
}

describe('parseWebsiteUrl', () => {
  it.each([
    ['https://example.com/about?x=1', 'https://example.com/about?x=1'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://Example.COM', 'https://example.com/'],
    ['example.com', 'https://example.com/'],
    ['  www.example.com/shop  ', 'https://www.example.com/shop'],
    ['example.com:8443/path', 'https://example.com:8443/path'],
    ['localhost:3000', 'https://localhost:3000/'],
    ['//example.com/x', 'https://example.com/x'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
    ['münchen.example', 'https://xn--mnchen-3ya.example/'],
    ['http://[::1]:8080/', 'http://[::1]:8080/'],
    ['http://2130706433/', 'http://127.0.0.1/'],
  ])('reads %s as %s', (input, expected) => {
    expect(href(input)).toBe(expected);
  });

  it.each([
    ['', 'invalid_url'],
    ['   ', 'invalid_url'],
    ['http://exa mple.com', 'invalid_url'],
    ['https://', 'invalid_url'],
    ['http://[::1', 'invalid_url'],
    ['ftp://example.com/file', 'unsupported_scheme'],
    ['javascript:alert(1)', 'unsupported_scheme'],
    ['mailto:someone@example.com', 'unsupported_scheme'],
    ['file:///etc/hosts', 'unsupported_scheme'],
    ['https://user:secret@example.com/', 'credentials_in_url'],
    ['https://user@example.com/', 'credentials_in_url'],
    [`https://example.com/${'a'.repeat(MAX_WEBSITE_URL_LENGTH)}`, 'url_too_long'],
  ])('refuses %j with %s', (input, problem) => {
    expect(parseWebsiteUrl(input)).toEqual({ ok: false, problem });
  });
});
