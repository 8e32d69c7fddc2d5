import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { ReadModelClient } from '@kyc/read-model';
import { KEY_ID_PATTERN } from '../auth/api-key-secrets';
import { ApiKeysService } from '../auth/api-keys.service';
import { RequireScope } from '../auth/auth.decorators';
import { READ_MODEL } from '../auth/tokens';
import { ApiError } from '../errors/api-error';
import { UuidParam } from '../http/uuid-param.pipe';
import { CreateApiKeyBody, CreateTenantBody } from './admin.dto';

/** The operator's routes (root key): tenants and their API keys. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireScope('admin')
@Controller('admin/tenants')
export class AdminController {
  constructor(
    @Inject(READ_MODEL) private readonly db: ReadModelClient,
    private readonly apiKeys: ApiKeysService,
  ) {}

  @Post()
  async createTenant(@Body() body: CreateTenantBody) {
    const tenant = await this.db.tenant.create({ data: { tenantId: randomUUID(), name: body.name } });
    return { tenant_id: tenant.tenantId, name: tenant.name, created_at: tenant.createdAt.toISOString() };
  }

  @Get()
  async listTenants() {
    const tenants = await this.db.tenant.findMany({ orderBy: { createdAt: 'asc' } });
    return { tenants: tenants.map((t) => ({ tenant_id: t.tenantId, name: t.name, created_at: t.createdAt.toISOString() })) };
  }

  @Post(':tenant_id/api-keys')
  async createKey(@UuidParam('tenant_id') tenantId: string, @Body() body: CreateApiKeyBody) {
    await this.requireTenant(tenantId);
    return this.apiKeys.create(tenantId, body.name, body.scopes);
  }

  @Get(':tenant_id/api-keys')
  async listKeys(@UuidParam('tenant_id') tenantId: string) {
    await this.requireTenant(tenantId);
    return { api_keys: await this.apiKeys.list(tenantId) };
  }

  @Delete(':tenant_id/api-keys/:key_id')
  @HttpCode(200)
  async revokeKey(@UuidParam('tenant_id') tenantId: string, @Param('key_id') keyId: string) {
    if (!KEY_ID_PATTERN.test(keyId)) throw ApiError.invalid('key_id is not an API key id', [{ field: 'key_id', issue: 'must be 16 lower-case letters or digits' }]);
    if (!(await this.apiKeys.revoke(tenantId, keyId))) throw ApiError.notFound('API key');
    return { key_id: keyId, revoked: true };
  }

  private async requireTenant(tenantId: string): Promise<void> {
    if ((await this.db.tenant.count({ where: { tenantId } })) === 0) throw ApiError.notFound('tenant');
  }
}
