/** Longer URLs are not websites a customer typed; browsers and servers commonly cap around this length. */
export const MAX_WEBSITE_URL_LENGTH = 2048;

export type WebsiteUrlProblem = 'invalid_url' | 'unsupported_scheme' | 'credentials_in_url' | 'url_too_long';

export type ParsedWebsiteUrl = { ok: true; url: URL } | { ok: false; problem: WebsiteUrlProblem };

// A scheme is letters followed by ':' that is not the start of a port: `example.com:8080` is a host and port.
const SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d)/i;

/**
 * Reads a website address as a customer types it. A bare host (`example.com`, `example.com/about`) is read as
 * https, since people leave the scheme out; international names become punycode through the WHATWG parser.
 */
export function parseWebsiteUrl(input: string): ParsedWebsiteUrl {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, problem: 'invalid_url' };
  if (trimmed.length > MAX_WEBSITE_URL_LENGTH) return { ok: false, problem: 'url_too_long' };
  const absolute = SCHEME.test(trimmed) ? trimmed : `https://${trimmed.replace(/^\/\//, '')}`;
  let url: URL;
  try {
    url = new URL(absolute);
  } catch {
    return { ok: false, problem: 'invalid_url' };
  }
  return checkWebsiteUrl(url);
}

/** The rules every URL the check visits obeys, redirect targets included. */
export function checkWebsiteUrl(url: URL): ParsedWebsiteUrl {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, problem: 'unsupported_scheme' };
  }
  if (url.username || url.password) return { ok: false, problem: 'credentials_in_url' };
  if (url.hostname === '') return { ok: false, problem: 'invalid_url' };
  // Punycode can make a name longer than what was typed.
  if (url.href.length > MAX_WEBSITE_URL_LENGTH) return { ok: false, problem: 'url_too_long' };
  return { ok: true, url };
}

/** The host to resolve or connect to: IPv6 literals without their brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

export function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}
