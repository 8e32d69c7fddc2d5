import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Principal, Scope, TenantPrincipal } from './scopes';

export const SCOPES_KEY = 'kyc:scopes';
export const PUBLIC_ROUTE_KEY = 'kyc:public';

/** The route needs an API key holding this scope (also stated in the OpenAPI document as x-required-scope). */
export const RequireScope = (scope: Scope) => applyDecorators(SetMetadata(SCOPES_KEY, scope), ApiExtension('x-required-scope', scope));
/** The route authenticates by other means (health, the end user's access token, a signed URL). */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE_KEY, true);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The calling tenant's key (routes guarded by a tenant scope only). */
export const CurrentTenant = createParamDecorator((_: unknown, context: ExecutionContext): TenantPrincipal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal?.kind !== 'tenant') throw new Error('route has no tenant principal: missing @RequireScope');
  return principal;
});
