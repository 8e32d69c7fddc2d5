export { READ_MODEL } from '@kyc/read-model';

/** Nest injection tokens for what the gateway needs from its host (the all-in-one app or the gateway app). */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export interface GatewayConfig {
  /** Undefined disables the admin API. */
  rootApiKey: string | undefined;
  publicBaseUrl: string;
  documentUrlTtlSeconds: number;
  /** Who serves download links: the gateway, or the document storage's presigned URLs. */
  documentLinks: 'gateway' | 'storage';
  uploadMaxBytes: number;
  urlSigningSecret: Buffer;
  /** Accept webhook URLs on private and loopback addresses (development and tests only). */
  webhookAllowPrivateTargets: boolean;
  /** How long `POST /process` waits for the results before answering 202. */
  processingWaitMs: number;
}
