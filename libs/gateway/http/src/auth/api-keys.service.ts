import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelClient } from '@kyc/read-model';
import { hashSecret, hashesEqual, mintApiKey, parseApiKey, secretsEqual } from './api-key-secrets';
import { TENANT_SCOPES, type Principal, type TenantScope } from './scopes';
import { GATEWAY_CONFIG, READ_MODEL, type GatewayConfig } from './tokens';

interface StoredKey {
  tenantId: string;
  secretHash: Uint8Array;
  scopes: ReadonlySet<TenantScope>;
  revoked: boolean;
}

/**
 * Tenants' API keys: stored as hashes, checked in constant time, revoked at once. Every request reads the
 * key's row (a primary-key lookup) rather than a process-local cache, so a key revoked through any gateway
 * instance stops working on all of them immediately.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    @Inject(READ_MODEL) private readonly db: ReadModelClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async authenticate(apiKey: string): Promise<Principal | null> {
    if (this.config.rootApiKey !== undefined && secretsEqual(apiKey, this.config.rootApiKey)) return { kind: 'root' };
    const parsed = parseApiKey(apiKey);
    if (!parsed) return null;
    const key = await this.load(parsed.keyId);
    if (!key || key.revoked || !hashesEqual(hashSecret(parsed.secret), key.secretHash)) return null;
    return { kind: 'tenant', tenantId: key.tenantId, keyId: parsed.keyId, scopes: key.scopes };
  }

  async create(tenantId: string, name: string, scopes: TenantScope[]) {
    const { keyId, apiKey, secretHash } = mintApiKey();
    const row = await this.db.apiKey.create({
      data: { keyId, tenantId, name, secretHash: new Uint8Array(secretHash), scopes: [...new Set(scopes)] },
    });
    return { key_id: row.keyId, name: row.name, api_key: apiKey, scopes: row.scopes, created_at: row.createdAt.toISOString() };
  }

  async list(tenantId: string) {
    const rows = await this.db.apiKey.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } });
    return rows.map((row) => ({
      key_id: row.keyId,
      name: row.name,
      scopes: row.scopes,
      created_at: row.createdAt.toISOString(),
      revoked_at: row.revokedAt?.toISOString() ?? null,
    }));
  }

  /** Returns false when the key does not exist for that tenant. */
  async revoke(tenantId: string, keyId: string): Promise<boolean> {
    const { count } = await this.db.apiKey.updateMany({
      where: { tenantId, keyId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count > 0) return true;
    return (await this.db.apiKey.count({ where: { tenantId, keyId } })) > 0;
  }

  private async load(keyId: string): Promise<StoredKey | null> {
    const row = await this.db.apiKey.findUnique({ where: { keyId } });
    if (!row) return null;
    return {
      tenantId: row.tenantId,
      secretHash: row.secretHash,
      scopes: new Set(row.scopes.filter((s): s is TenantScope => (TENANT_SCOPES as readonly string[]).includes(s))),
      revoked: row.revokedAt !== null,
    };
  }
}
