import { isIP } from 'node:net';
import { isPublicAddress, publicNetworkAgent } from '@kyc/public-network';
import type { Agent } from 'undici';

/**
 * Webhook URLs are chosen by tenants, and the platform calls them from inside its own network: without a
 * guard a tenant could make it call its database, its metadata service or its admin ports (SSRF). Only
 * public unicast addresses are allowed: literal addresses are refused at registration, and every address is
 * checked again on the connection itself (a name that resolves to a private address is refused at connect
 * time, so re-pointing DNS after registration does not help).
 */
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
  if (isIP(host) && !isPublicAddress(host))
    return 'must not point at a private, loopback or link-local address';
  return null;
}

/** The HTTP agent deliveries go through: with the guard, unless private targets are allowed (development, tests). */
export function webhookAgent(allowPrivateTargets: boolean): Agent {
  // A slow receiver must not hold sockets for long.
  return publicNetworkAgent({ allowPrivateTargets, keepAliveTimeout: 10_000 });
}
