import { randomUUID } from 'node:crypto';
import type { CommandOrigin } from '@kyc/session-application';
import type { FastifyRequest } from 'fastify';
import type { TenantPrincipal } from '../auth/scopes';

/** Correlates a request with the events it causes: the caller's X-Request-Id when sane, else a new id. */
export function correlationIdOf(request: FastifyRequest): string {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && /^[\w.:-]{1,100}$/.test(header) ? header : randomUUID();
}

export function apiKeyOrigin(principal: TenantPrincipal, request: FastifyRequest): CommandOrigin {
  return { actor: { type: 'api_key', id: principal.keyId }, tenant_id: principal.tenantId, correlation_id: correlationIdOf(request) };
}

export function endUserOrigin(tenantId: string, sessionId: string, request: FastifyRequest): CommandOrigin {
  return { actor: { type: 'end_user', id: sessionId }, tenant_id: tenantId, correlation_id: correlationIdOf(request) };
}
