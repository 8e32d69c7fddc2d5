import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../errors/api-error';
import { ApiKeysService } from './api-keys.service';
import { PUBLIC_ROUTE_KEY, SCOPES_KEY, type AuthenticatedRequest } from './auth.decorators';
import type { Scope } from './scopes';

/** Bearer API key on every route unless marked public; 401 for no or bad key, 403 for a missing scope. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE_KEY, targets)) return true;
    const scope = this.reflector.getAllAndOverride<Scope | undefined>(SCOPES_KEY, targets);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();

    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw ApiError.unauthorized('missing bearer token: send "Authorization: Bearer <api key>"');
    const principal = await this.apiKeys.authenticate(match[1]);
    if (!principal) throw ApiError.unauthorized('invalid or revoked API key');
    request.principal = principal;

    if (!scope) throw new Error(`route ${request.routeOptions.url} declares no scope`);
    if (scope === 'admin') {
      if (principal.kind !== 'root') throw ApiError.forbidden('only the root key may call the admin API');
    } else if (principal.kind !== 'tenant') {
      throw ApiError.forbidden(`the root key only calls the admin API: use a tenant API key with the scope ${scope}`);
    } else if (!principal.scopes.has(scope)) {
      throw ApiError.forbidden(`this API key lacks the scope ${scope}`);
    }
    return true;
  }
}
