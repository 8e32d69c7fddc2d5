import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isPublicAddress } from './public-address';
import { TargetNotPublicError } from './target-not-public-error';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A dns.lookup for sockets (net/tls `lookup` option) that fails when any address the name resolves to is refused.
 * The check runs on the very answer the socket connects to, so re-pointing DNS after an earlier check (DNS
 * rebinding) does not get through. Every address is checked, not only the first, because the socket may fall
 * back to the others.
 */
export function guardedLookup(
  isAllowedAddress: (address: string) => boolean = isPublicAddress,
): LookupFunction {
  const guarded = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.find((entry) => !isAllowedAddress(entry.address));
      if (refused) return callback(new TargetNotPublicError(hostname, refused.address), '');
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
  return guarded as LookupFunction;
}
