import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';

/**
 * Webhook URLs are chosen by tenants, and the platform calls them from inside its own network: without a
 * guard a tenant could make it call its database, its metadata service or its admin ports (SSRF). Only
 * public unicast addresses are allowed, checked on the address actually connected to (a name that resolves
 * to a private address is refused at connect time, so re-pointing DNS after registration does not help).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** Why this URL cannot be a webhook target, or null when it can (names are checked again at delivery). */
export function webhookUrlProblem(value: string, allowPrivateTargets: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  if (url.username || url.password) return 'must not carry credentials';
  if (url.hash) return 'must not have a fragment';
  if (value.length > 2048) return 'must be at most 2048 characters';
  if (allowPrivateTargets) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'must not point at this machine';
  if (isIP(host) && !isPublicAddress(host)) return 'must not point at a private, loopback or link-local address';
  return null;
}

export class WebhookTargetRefusedError extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, which is not a public address`);
    this.name = 'WebhookTargetRefusedError';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that refuses non-public addresses, for the connections webhook deliveries open. */
function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    const refused = addresses.find((entry) => !isPublicAddress(entry.address));
    if (refused) return callback(new WebhookTargetRefusedError(hostname, refused.address), '');
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

/** The HTTP agent deliveries go through: with the guard, unless private targets are allowed (development, tests). */
export function webhookAgent(allowPrivateTargets: boolean): Agent {
  return new Agent({
    connect: allowPrivateTargets ? {} : { lookup: guardedLookup as never },
    // A slow receiver must not hold sockets for long.
    keepAliveTimeout: 10_000,
  });
}
