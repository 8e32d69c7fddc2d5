import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@kyc/session-application';
import { documentDownloadUrl, signDocumentUrl } from '@kyc/storage';
import { GATEWAY_CONFIG, type GatewayConfig } from '../auth/tokens';

/** Expiring, HMAC-signed download links that the gateway itself serves (see DocumentsController). */
@Injectable()
export class DocumentLinks {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  issue(sessionId: string, docId: string): { url: string; expiresAt: number } {
    // Rounded up: a link works while now < expires_at, so it lasts at least the configured TTL, never less.
    const expiresAt = Math.ceil(this.clock().getTime() / 1000) + this.config.documentUrlTtlSeconds;
    const token = signDocumentUrl({ sessionId, docId, expiresAt }, this.config.urlSigningSecret);
    return { url: documentDownloadUrl(this.config.publicBaseUrl, token), expiresAt };
  }
}
