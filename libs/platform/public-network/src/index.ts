export { isPublicAddress } from './public-address';
export { guardedLookup } from './guarded-lookup';
export { publicNetworkAgent, type PublicNetworkAgentOptions } from './public-network-agent';
export { TargetNotPublicError } from './target-not-public-error';
