import { Inject, Injectable } from '@nestjs/common';
import { documentDownloadUrl, signDocumentUrl } from '@kyc/storage';
import { GATEWAY_CONFIG, type GatewayConfig } from '../auth/tokens';

/** Expiring, HMAC-signed download links that the gateway itself serves at `/documents/<token>`. */
@Injectable()
export class DocumentLinks {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  issue(sessionId: string, docId: string): { url: string; expiresAt: number } {
    const expiresAt = Math.floor(Date.now() / 1000) + this.config.documentUrlTtlSeconds;
    const token = signDocumentUrl({ sessionId, docId, expiresAt }, this.config.urlSigningSecret);
    return { url: documentDownloadUrl(this.config.publicBaseUrl, token), expiresAt };
  }
}
