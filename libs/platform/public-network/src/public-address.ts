import ipaddr from 'ipaddr.js';

// IANA has allocated only 2000::/3 for global unicast; everything else in IPv6 is special-purpose or reserved.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Whether an address may be the target of a connection the platform opens on behalf of a tenant or an end user
 * (SSRF guard). Only public unicast addresses qualify: loopback, private, link-local (cloud metadata),
 * carrier-grade NAT, multicast, broadcast, unspecified, documentation and benchmarking ranges are refused, and so
 * are the IPv6 forms that carry an IPv4 address a gateway would reach (NAT64, 6to4, Teredo, IPv4-translated,
 * IPv4-compatible). IPv4-mapped IPv6 is judged as the IPv4 address it maps. Anything that is not an IP address is
 * refused.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  if (parsed.range() !== 'unicast') return false;
  return parsed.kind() === 'ipv4' || parsed.match(GLOBAL_UNICAST_V6);
}
