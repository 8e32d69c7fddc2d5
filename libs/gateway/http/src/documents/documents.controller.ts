import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CLOCK, DOCUMENT_STORAGE, SessionApplication, type Clock } from '@kyc/session-application';
import { verifyDocumentUrl, type DocumentStorage } from '@kyc/storage';
import { PublicRoute } from '../auth/auth.decorators';
import { GATEWAY_CONFIG, type GatewayConfig } from '../auth/tokens';
import { ApiError } from '../errors/api-error';

/** Serves a document to whoever holds a valid signed link (the link is the credential). */
@ApiExcludeController()
@PublicRoute()
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly app: SessionApplication,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `GET /documents/download?token=...` (DOCUMENT_DOWNLOAD_PATH of @kyc/storage). */
  @Get('download')
  async download(@Query('token') token: unknown, @Res() reply: FastifyReply): Promise<void> {
    if (typeof token !== 'string') throw ApiError.forbidden('this document link is not valid');
    const verdict = verifyDocumentUrl(token, this.config.urlSigningSecret, Math.floor(this.clock().getTime() / 1000));
    if (verdict.status === 'invalid') throw ApiError.forbidden('this document link is not valid');
    if (verdict.status === 'expired') throw ApiError.forbidden('this document link has expired');
    const { sessionId, docId } = verdict.claims;
    const { state } = await this.app.sessions.load(sessionId);
    const document = state.exists && !state.deleted ? state.steps.flatMap((s) => s.documents).find((d) => d.doc_id === docId) : undefined;
    const stored = document ? await this.storage.get(document.storage_key) : null;
    if (!document || !stored) throw ApiError.notFound('document');
    await reply
      .header('content-type', document.mime_type)
      .header('content-length', String(stored.size))
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(document.file_name)}`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(stored.stream);
  }
}
