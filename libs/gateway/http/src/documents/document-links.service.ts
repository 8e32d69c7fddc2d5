import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DOCUMENT_STORAGE, type Clock } from '@kyc/session-application';
import { documentDownloadUrl, signDocumentUrl, type DocumentStorage } from '@kyc/storage';
import { GATEWAY_CONFIG, type GatewayConfig } from '../auth/tokens';

export interface LinkedDocument {
  doc_id: string;
  storage_key: string;
  file_name: string;
  mime_type: string;
}

/**
 * Expiring download links: HMAC-signed links that the gateway itself serves (see DocumentsController), or,
 * when the operator chose storage links, the storage's own presigned URLs (clients then download from the
 * bucket directly, and the gateway carries no document bytes).
 */
@Injectable()
export class DocumentLinks {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async issue(sessionId: string, document: LinkedDocument): Promise<{ url: string; expiresAt: number }> {
    const ttl = this.config.documentUrlTtlSeconds;
    if (this.config.documentLinks === 'storage' && this.storage.presignDownload) {
      const expiresAt = Math.floor(this.clock().getTime() / 1000) + ttl;
      const url = await this.storage.presignDownload(document.storage_key, {
        expiresInSeconds: ttl,
        fileName: document.file_name,
        contentType: document.mime_type,
      });
      return { url, expiresAt };
    }
    // Rounded up: a link works while now < expires_at, so it lasts at least the configured TTL, never less.
    const expiresAt = Math.ceil(this.clock().getTime() / 1000) + ttl;
    const token = signDocumentUrl({ sessionId, docId: document.doc_id, expiresAt }, this.config.urlSigningSecret);
    return { url: documentDownloadUrl(this.config.publicBaseUrl, token), expiresAt };
  }
}
