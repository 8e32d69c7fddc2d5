import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Req } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { createHash, randomBytes } from 'node:crypto';
import { READ_MODEL, type ReadModelClient } from '@kyc/read-model';
import { DOCUMENT_STORAGE, type Handled, SESSION_COMMANDS, type SessionCommands } from '@kyc/session-application';
import type { Session, SessionCommand, SessionEvent, SessionState } from '@kyc/session-domain';
import { sniffUpload, type DocumentStorage } from '@kyc/storage';
import { DOCUMENT_TYPES, type DocumentType } from '@kyc/workflow-domain';
import { PublicRoute } from '../auth/auth.decorators';
import { GATEWAY_CONFIG, type GatewayConfig } from '../auth/tokens';
import { ApiError } from '../errors/api-error';
import { READ_MODEL_CONSISTENCY, type ReadModelConsistency } from '../http/app-tokens';
import { endUserOrigin } from '../http/request-origin';
import { CreateSubsessionBody } from '../sessions/session.dto';
import { presentCreatedSubsession, presentSubsessionList } from '../subsessions/subsession.presenter';
import { receiveUpload } from './document-upload';
import { SaveFormBody } from './public.dto';
import { PublicSessionLookup } from './public-session.lookup';
import { presentPublicSession } from './public-session.presenter';

function documentStorageKey(sessionId: string, docId: string): string {
  return `sessions/${sessionId}/${docId}`;
}

/** The end user's API: the access token in the path is the only credential. */
@ApiTags('public')
@PublicRoute()
@Controller('public/api/sessions/:access_token')
export class PublicSessionsController {
  constructor(
    @Inject(SESSION_COMMANDS) private readonly commands: SessionCommands,
    private readonly lookup: PublicSessionLookup,
    @Inject(READ_MODEL) private readonly db: ReadModelClient,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(READ_MODEL_CONSISTENCY) private readonly consistency: ReadModelConsistency,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get()
  async view(@Param('access_token') token: string) {
    return presentPublicSession(await this.lookup.byToken(token));
  }

  @Put('steps/:step_id/form')
  async saveForm(@Param('access_token') token: string, @Param('step_id') stepId: string, @Body() body: SaveFormBody, @Req() request: FastifyRequest) {
    return this.run(token, request, { type: 'SaveForm', step_id: stepId, values: body.values });
  }

  @Post('steps/:step_id/documents')
  @ApiConsumes('multipart/form-data')
  async upload(@Param('access_token') token: string, @Param('step_id') stepId: string, @Req() request: FastifyRequest) {
    const session = await this.lookup.byToken(token);
    const upload = await receiveUpload(request, this.config.uploadMaxBytes);
    const step = session.steps.find((s) => s.step_id === stepId);
    const documentType = upload.documentType || (step?.definition.type === 'selfie' ? 'selfie' : undefined);
    if (!documentType || !(DOCUMENT_TYPES as readonly string[]).includes(documentType)) {
      throw ApiError.invalid('document_type is missing or unknown', [{ field: 'document_type', issue: `must be one of: ${DOCUMENT_TYPES.join(', ')}` }]);
    }
    const sniffed = await sniffUpload(upload.bytes);
    if (!sniffed.ok) throw new ApiError(415, 'unsupported_media_type', sniffed.message, [{ field: 'file', issue: sniffed.message }]);
    if (step?.definition.type === 'selfie' && !sniffed.mime.startsWith('image/')) {
      throw new ApiError(415, 'unsupported_media_type', 'a selfie must be an image', [{ field: 'file', issue: 'must be an image' }]);
    }

    const docId = `doc_${randomBytes(12).toString('base64url')}`;
    const storageKey = documentStorageKey(session.session_id, docId);
    await this.storage.put(storageKey, upload.bytes, { contentType: sniffed.mime });
    let result: Handled<SessionState, SessionEvent>;
    try {
      result = await this.commands.handleSession(
        session.session_id,
        {
          type: 'UploadDocument',
          step_id: stepId,
          doc_id: docId,
          document_type: documentType as DocumentType,
          file_name: upload.fileName,
          mime_type: sniffed.mime,
          size: upload.bytes.length,
          sha256: createHash('sha256').update(upload.bytes).digest('hex'),
          storage_key: storageKey,
        },
        endUserOrigin(session.tenant_id, session.session_id, request),
      );
    } catch (error) {
      // The event was refused: the stored bytes belong to nothing, so they go too.
      await this.storage.delete(storageKey);
      throw error;
    }
    await this.deleteReplacedFiles(session, result.events);
    const uploaded = result.state.exists ? result.state.steps.flatMap((s) => s.documents).find((d) => d.doc_id === docId) : undefined;
    return {
      doc_id: docId,
      type: documentType,
      file_name: upload.fileName,
      mime_type: sniffed.mime,
      size: upload.bytes.length,
      uploaded_at: uploaded?.uploaded_at ?? new Date().toISOString(),
    };
  }

  @Delete('steps/:step_id/documents/:doc_id')
  async removeDocument(
    @Param('access_token') token: string,
    @Param('step_id') stepId: string,
    @Param('doc_id') docId: string,
    @Req() request: FastifyRequest,
  ) {
    const session = await this.lookup.byToken(token);
    const document = session.steps.find((s) => s.step_id === stepId)?.documents.find((d) => d.doc_id === docId);
    const view = await this.execute(session, request, { type: 'RemoveDocument', step_id: stepId, doc_id: docId });
    if (document) await this.storage.delete(document.storage_key);
    return { doc_id: docId, deleted: true, session: view };
  }

  @Post('steps/:step_id/complete')
  @HttpCode(200)
  async complete(@Param('access_token') token: string, @Param('step_id') stepId: string, @Req() request: FastifyRequest) {
    return this.run(token, request, { type: 'CompleteStep', step_id: stepId });
  }

  @Post('steps/:step_id/skip')
  @HttpCode(200)
  async skip(@Param('access_token') token: string, @Param('step_id') stepId: string, @Req() request: FastifyRequest) {
    return this.run(token, request, { type: 'SkipStep', step_id: stepId });
  }

  @Post('subsessions')
  async createSubsession(@Param('access_token') token: string, @Body() body: CreateSubsessionBody, @Req() request: FastifyRequest) {
    const parent = await this.lookup.byToken(token);
    const result = await this.commands.createSubsession(parent.session_id, body, endUserOrigin(parent.tenant_id, parent.session_id, request));
    if (!result.state.exists) throw new Error('subsession was not created');
    if (result.position !== null) await this.consistency.waitFor(result.position);
    return presentCreatedSubsession(result.state, this.config.publicBaseUrl);
  }

  @Get('subsessions')
  async listSubsessions(@Param('access_token') token: string) {
    const parent = await this.lookup.byToken(token);
    const rows = await this.db.sessionView.findMany({
      where: { tenantId: parent.tenant_id, parentSessionId: parent.session_id },
      orderBy: [{ createdAt: 'asc' }, { sessionId: 'asc' }],
    });
    return presentSubsessionList(rows, this.config.publicBaseUrl);
  }

  /** A new selfie replaces the previous one: the replaced document's bytes must not outlive it. */
  private async deleteReplacedFiles(before: Session, events: readonly SessionEvent[]): Promise<void> {
    const documents = before.steps.flatMap((s) => s.documents);
    for (const event of events) {
      if (event.type !== 'DocumentRemoved') continue;
      const removed = documents.find((d) => d.doc_id === event.data.doc_id);
      await this.storage.delete(removed?.storage_key ?? documentStorageKey(before.session_id, event.data.doc_id));
    }
  }

  private async run(token: string, request: FastifyRequest, command: SessionCommand) {
    return this.execute(await this.lookup.byToken(token), request, command);
  }

  private async execute(session: Session, request: FastifyRequest, command: SessionCommand) {
    const result = await this.commands.handleSession(session.session_id, command, endUserOrigin(session.tenant_id, session.session_id, request));
    if (!result.state.exists) throw ApiError.notFound('session');
    return presentPublicSession(result.state);
  }
}
