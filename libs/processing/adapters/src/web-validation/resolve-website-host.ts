import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { CheckDeadline } from './check-deadline';
import { WebsiteCheckFailure } from './website-check-failure';

// getaddrinfo reports both "no such name" and "no A/AAAA record" as ENOTFOUND; ENODATA comes from some resolvers.
const NOT_FOUND = new Set(['ENOTFOUND', 'ENODATA']);

/**
 * Every address the host resolves to (A and AAAA), through the system resolver the connection would use.
 * An IP literal is its own answer.
 */
export async function resolveWebsiteHost(host: string, deadline: CheckDeadline): Promise<string[]> {
  if (isIP(host)) return [host];
  try {
    const answers = await deadline.race(lookup(host, { all: true, verbatim: true }));
    if (answers.length === 0) {
      throw new WebsiteCheckFailure('invalid', 'dns_not_found', `${host} has no address`);
    }
    return [...new Set(answers.map((answer) => answer.address))];
  } catch (error) {
    if (error instanceof WebsiteCheckFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    if (NOT_FOUND.has(code)) {
      throw new WebsiteCheckFailure('invalid', 'dns_not_found', `${host} does not resolve (${code})`);
    }
    throw new WebsiteCheckFailure('unreachable', 'dns_failed', `${host} could not be resolved (${code})`);
  }
}
