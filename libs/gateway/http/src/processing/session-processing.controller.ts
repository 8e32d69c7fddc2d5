import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SessionApplication, SESSION_COMMANDS, type SessionCommands } from '@kyc/session-application';
import type { Session } from '@kyc/session-domain';
import { CurrentTenant, RequireScope } from '../auth/auth.decorators';
import type { TenantPrincipal } from '../auth/scopes';
import { GATEWAY_CONFIG, type GatewayConfig } from '../auth/tokens';
import { READ_MODEL_CONSISTENCY, type ReadModelConsistency } from '../http/app-tokens';
import { apiKeyOrigin } from '../http/request-origin';
import { UuidParam } from '../http/uuid-param.pipe';
import { requireSession } from '../sessions/session-lookup';
import { waitForProcessingRun } from './processing-waiter';
import { presentProcessingResults } from './processing.presenter';

/**
 * `POST /kyc/sessions/{id}/process`: starts a processing run (or joins the one in flight) and answers with its
 * results when they arrive within the configured wait, else 202: the run goes on, and the session's details
 * show its results when it ends.
 */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('kyc/sessions')
export class SessionProcessingController {
  constructor(
    private readonly app: SessionApplication,
    @Inject(SESSION_COMMANDS) private readonly commands: SessionCommands,
    @Inject(READ_MODEL_CONSISTENCY) private readonly consistency: ReadModelConsistency,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post(':session_id/process')
  @HttpCode(200)
  @RequireScope('kyc:process')
  async process(
    @CurrentTenant() tenant: TenantPrincipal,
    @UuidParam('session_id') sessionId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await requireSession(this.app, tenant.tenantId, sessionId);
    const requested = await this.commands.handleSession(sessionId, { type: 'RequestProcessing' }, apiKeyOrigin(tenant, request));
    if (!requested.state.exists || requested.state.processing.in_flight === null) throw new Error('processing did not start');
    const run = requested.state.processing.in_flight;
    const finished = await waitForProcessingRun(this.app, sessionId, run, this.config.processingWaitMs);
    if (!finished) {
      void reply.status(202);
      return { session_id: sessionId, status: 'processing', run, processing_results: null };
    }
    // The list endpoint shows the outcome (status, risk) as soon as this answer does.
    await this.consistency.waitFor(finished.position);
    return presentRun(finished.session, run);
  }
}

function presentRun(session: Session, run: number) {
  const last = session.processing.last;
  const base = { session_id: session.session_id, status: session.status, run };
  if (last?.run === run && last.status === 'failed') return { ...base, processing_results: null, processing_error: last.failure };
  if (last?.run === run && last.status === 'completed') return { ...base, processing_results: presentProcessingResults(last.results, session) };
  return { ...base, processing_results: null };
}
