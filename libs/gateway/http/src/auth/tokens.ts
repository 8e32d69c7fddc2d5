export { READ_MODEL } from '@kyc/read-model';

/** Nest injection tokens for what the gateway needs from its host (the all-in-one app or the gateway app). */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export interface GatewayConfig {
  /** Undefined disables the admin API. */
  rootApiKey: string | undefined;
  publicBaseUrl: string;
  documentUrlTtlSeconds: number;
  uploadMaxBytes: number;
  urlSigningSecret: Buffer;
}
