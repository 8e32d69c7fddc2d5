export const TENANT_SCOPES = [
  'kyc:create',
  'kyc:read',
  'kyc:update',
  'kyc:delete',
  'kyc:process',
  'workflows:read',
  'workflows:write',
  'webhooks:manage',
  'screening:search',
] as const;
export type TenantScope = (typeof TENANT_SCOPES)[number];
export type Scope = TenantScope | 'admin';

/** The caller behind a request: the operator's root key, or one tenant's API key with its scopes. */
export type Principal =
  | { kind: 'root' }
  | { kind: 'tenant'; tenantId: string; keyId: string; scopes: ReadonlySet<TenantScope> };

export type TenantPrincipal = Extract<Principal, { kind: 'tenant' }>;
