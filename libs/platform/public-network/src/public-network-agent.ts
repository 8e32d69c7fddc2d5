import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { guardedLookup } from './guarded-lookup';
import { isPublicAddress } from './public-address';
import { TargetNotPublicError } from './target-not-public-error';

export interface PublicNetworkAgentOptions {
  /** Turns the guard off: development and tests, whose targets live on loopback. */
  allowPrivateTargets: boolean;
  keepAliveTimeout?: number;
}

/**
 * An undici dispatcher that only connects to public addresses: names are checked at connect time through the
 * guarded lookup, and IP literals (which never go through a lookup) are checked before connecting.
 */
export function publicNetworkAgent(options: PublicNetworkAgentOptions): Agent {
  const keepAliveTimeout = options.keepAliveTimeout;
  if (options.allowPrivateTargets) return new Agent({ keepAliveTimeout });
  const connector = buildConnector({ lookup: guardedLookup() });
  return new Agent({
    keepAliveTimeout,
    connect: (connectOptions, callback) => {
      const host = connectOptions.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) && !isPublicAddress(host)) return callback(new TargetNotPublicError(host, host), null);
      return connector(connectOptions, callback);
    },
  });
}
